"""Search in SQL, on PostgreSQL and SQLite alike.

- `Fold(expr)`: diacritic- and case-insensitive text. PostgreSQL folds with the `unaccent`
  extension (created by catalogue migration 0035); SQLite calls `lib.text.fold`,
  registered on every new connection.
- `HasWords(slots)`: products whose stored search text holds the query's words (or one of
  their alternatives), from a GIN word index on PostgreSQL (catalogue migration 0037).
- `Holds(column, text)`: whether a column holds `text` exactly, diacritics and case included.
"""

from __future__ import annotations

from django.db.backends.signals import connection_created
from django.db.models import BooleanField, CharField, Expression, F, Func, Value
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


# A query's words as HasWords reads them: every slot must match; a slot matches when one of
# its alternatives does; an alternative matches when all its words do, each as a whole word
# or, when its flag is set, as the start of a word.
Alternative = list[tuple[str, bool]]
Slot = list[Alternative]


class HasWords(Expression):
    """True for products whose search text holds every slot of a query.

    `slots` comes from `search.query.TextQuery.slots()`: "ca phe" typed as "caphe" is one
    slot with the alternatives [("caphe", prefix)], [("ca", False), ("phe", False)] and the
    synonyms' words. Words are what `search.text.terms` returns: folded letters and digits.

    PostgreSQL answers from a GIN index on the words (`to_tsvector` with the 'simple'
    configuration, which neither stems nor drops words); SQLite pads the text with spaces
    and matches `LIKE '% word %'`.
    """

    output_field = BooleanField()

    def __init__(self, slots: list[Slot]):
        super().__init__()
        self.slots = [
            [alt for alt in (_clean(alternative) for alternative in slot) if alt] for slot in slots
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
        for slot in self.slots:
            if not slot:
                return "1 = 0", []
            either = []
            for alternative in slot:
                both = []
                for word, prefix in alternative:
                    both.append(f"{padded} LIKE %s")
                    params.append(f"% {word}%" if prefix else f"% {word} %")
                either.append("(" + " AND ".join(both) + ")")
            clauses.append("(" + " OR ".join(either) + ")")
        return "(" + " AND ".join(clauses) + ")", params

    def as_postgresql(self, compiler, connection):
        title, body = self._compile_columns(compiler)
        terms = []
        for slot in self.slots:
            if not slot:
                return "1 = 0", []
            either = [
                "(" + " & ".join(f"'{w}'" + (":*" if p else "") for w, p in alternative) + ")"
                for alternative in slot
            ]
            terms.append("(" + " | ".join(either) + ")")
        vector = WORDS_SQL.format(title=title, body=body)
        return f"{vector} @@ to_tsquery('simple'::regconfig, %s)", [" & ".join(terms)]


def _clean(alternative: Alternative) -> Alternative:
    """Only words made of letters and digits reach the SQL; an alternative losing one is dropped."""
    if all(word.isalnum() for word, _prefix in alternative):
        return list(alternative)
    return []


class Holds(Func):
    """Whether a text column holds `needle` exactly (case and diacritics included).

    Both databases compare code points: SQLite's `instr`, PostgreSQL's `strpos`. (`LIKE`
    would not do: SQLite folds the case of ASCII letters only, PostgreSQL of none.)
    """

    function = "instr"
    output_field = BooleanField()

    def __init__(self, column, needle: str):
        super().__init__(column, Value(needle))

    def as_sql(self, compiler, connection, **extra):
        sql, params = super().as_sql(compiler, connection, **extra)
        return f"({sql} > 0)", params

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = super().as_sql(compiler, connection, function="strpos", **extra)
        return f"({sql} > 0)", params
