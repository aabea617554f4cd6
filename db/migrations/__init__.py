"""Numbered schema migrations for the two files: :mod:`.catalogue` and :mod:`.diary`.

Migration ``i`` of a list brings ``PRAGMA user_version`` from ``i`` to ``i + 1``. Never
edit a migration that has shipped: append a new one at the end of its list.
"""

from kinolog.db.migrations.catalogue import CATALOGUE_MIGRATIONS
from kinolog.db.migrations.diary import DIARY_MIGRATIONS

__all__ = ["CATALOGUE_MIGRATIONS", "DIARY_MIGRATIONS"]
