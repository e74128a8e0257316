"""Usability settings of issue #19 (labels, exports, the cooperative's dashboard).

Imported by base.py with one line.
"""

from __future__ import annotations

# Oscar's CSV downloads (orders, reports) start with a UTF-8 byte-order mark, so that Excel on
# Windows reads Vietnamese as UTF-8; every other export writes it through lib.exports.
OSCAR_CSV_INCLUDE_BOM = True
# The dashboard home's "running out of stock": free stock at or below a product's own
# threshold, or this many when it has none.
OCOP_LOW_STOCK_DEFAULT = 5
# "New product" in the dashboard without a product type chosen starts one of this type.
OCOP_DEFAULT_PRODUCT_CLASS = "ocop-product"
