"""Front matter: the key/value block at the top of a review file, in every dialect seen.

:func:`split_front_matter` finds it (YAML between ``---``, Ruby-symbol keys, TOML between
``+++``) and :func:`apply_front_matter` lets its values win over what the parser inferred.
"""

from kinolog.db.importers.reviews.front.apply import apply_front_matter, declared_language
from kinolog.db.importers.reviews.front.split import FrontMatter, FrontValue, split_front_matter

__all__ = [
    "FrontMatter",
    "FrontValue",
    "apply_front_matter",
    "declared_language",
    "split_front_matter",
]
