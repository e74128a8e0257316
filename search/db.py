"""Search in SQL, on PostgreSQL and SQLite alike.

- `Fold(expr)`: diacritic- and case-insensitive text. PostgreSQL folds with the `unaccent`
  extension (created by catalogue migration 0035); SQLite calls `lib.text.fold`,
  registered on every new connection.
- `HasWords(groups)`: products whose stored search text holds the query's words, from a GIN
  word index on PostgreSQL (catalogue migration 0037).
"""

from __future__ import annotations

from django.db.backends.signals import connection_created
from django.db.models import BooleanField, CharField, Expression, F, Func
from django.dispatch import receiver

from lib.text import fold


class Fold(Func):
    function = "ocop_fold"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="lower(unaccent(%(expressions)s))", **extra
        )


@receiver(connection_created)
def register_fold(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("ocop_fold", 1, fold, deterministic=True)


# The expression that queries the word index of catalogue migration 0037; it must stay the
# text that migration indexed, or PostgreSQL will not use the index.
WORDS_SQL = "to_tsvector('simple'::regconfig, {title} || ' ' || {body})"


class HasWords(Expression):
    """True for products whose search text holds every group of words, each at least once.

    `groups` is a list of (variants, prefix): the product must contain one of `variants`
    as a whole word, or a word starting with one of them when `prefix` is true. Words are
    what `search.text.terms` returns: folded letters and digits only.

    PostgreSQL answers from a GIN index on the words (`to_tsvector` with the 'simple'
    configuration, which neither stems nor drops words); SQLite pads the text with spaces
    and matches `LIKE '% word %'`.
    """

    output_field = BooleanField()

    def __init__(self, groups: list[tuple[list[str], bool]]):
        super().__init__()
        self.groups = [
            ([w for w in variants if w.isalnum()], prefix) for variants, prefix in groups
        ]
        self.title, self.body = F("search_title"), F("search_body")

    def get_source_expressions(self):
        return [self.title, self.body]

    def set_source_expressions(self, exprs):
        self.title, self.body = exprs

    def _compile_columns(self, compiler) -> tuple[str, str]:
        return compiler.compile(self.title)[0], compiler.compile(self.body)[0]

    def as_sql(self, compiler, connection):
        title, body = self._compile_columns(compiler)
        padded = f"(' ' || {title} || ' ' || {body} || ' ')"
        clauses, params = [], []
        for variants, prefix in self.groups:
            if not variants:
                return "1 = 0", []
            either = []
            for word in variants:
                either.append(f"{padded} LIKE %s")
                params.append(f"% {word}%" if prefix else f"% {word} %")
            clauses.append("(" + " OR ".join(either) + ")")
        return "(" + " AND ".join(clauses) + ")", params

    def as_postgresql(self, compiler, connection):
        title, body = self._compile_columns(compiler)
        terms = []
        for variants, prefix in self.groups:
            if not variants:
                return "1 = 0", []
            suffix = ":*" if prefix else ""
            terms.append("(" + " | ".join(f"'{word}'{suffix}" for word in variants) + ")")
        vector = WORDS_SQL.format(title=title, body=body)
        return f"{vector} @@ to_tsquery('simple'::regconfig, %s)", [" & ".join(terms)]
