"""The catalogue version: changes whenever what catalogue and search pages show changes.

Products, prices, ratings, categories, images, reviews, producers and the CMS pages' search
text bump it (`catalogue/signals.py`); facet counts, search hits, product cards and shared
pages are cached under it.
"""

from __future__ import annotations

from lib.versions import Version

CATALOGUE_VERSION = Version("catalogue")
