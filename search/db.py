"""`Fold(expr)`: diacritic- and case-insensitive text in SQL, on PostgreSQL and SQLite.

PostgreSQL folds with the `unaccent` extension (created by catalogue migration 0035);
SQLite calls `search.text.fold`, registered on every new connection.
"""

from __future__ import annotations

from django.db.backends.signals import connection_created
from django.db.models import CharField, Func
from django.dispatch import receiver

from .text import fold


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
