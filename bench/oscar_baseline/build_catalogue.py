"""Grow the stock-Oscar baseline's catalogue and print the URLs to load, as JSON.

Run by bench/compare.py with the baseline's own interpreter (var/bench/oscar-venv), from
this folder, after ``manage.py migrate``:

    python build_catalogue.py --products 5000

Products are made as bench/catalogue.py makes ours: the same names, 26 leaf categories
under 6 top ones, one stock record each with a price in VND and a random stock level, all
public. Only what stock Oscar models: no producers, OCOP ratings or search words. The
Whoosh index is rebuilt (Haystack's ``rebuild_index``) whenever products were added.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # bench/, for common.py's product names

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baseline.settings")

import django  # noqa: E402

django.setup()

from common import DESCRIPTORS, KINDS  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.templatetags.static import static  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

TREE = {
    "Thực phẩm": ["Cà phê", "Chè", "Mật ong", "Gạo", "Nước mắm", "Bánh kẹo"],
    "Đồ uống": ["Rượu", "Trà thảo mộc", "Nước ép", "Sữa"],
    "Thảo dược": ["Sâm", "Nấm dược liệu", "Trà dược liệu", "Tinh bột nghệ"],
    "Vải và may mặc": ["Lụa", "Thổ cẩm", "Đồ thêu"],
    "Lưu niệm, nội thất": ["Gốm sứ", "Mây tre đan", "Đồ gỗ", "Sơn mài", "Tranh"],
    "Du lịch cộng đồng": ["Homestay", "Điểm du lịch", "Làng nghề", "Ẩm thực"],
}
PROVINCES = ["Đắk Lắk", "Lâm Đồng", "Thái Nguyên", "Phú Quốc", "Hà Nội", "Bến Tre", "Sơn La"]


def categories() -> list:
    if not Category.objects.exists():
        for name, children in TREE.items():
            root = Category.add_root(name=name, slug=slugify(name, allow_unicode=False) or "c")
            for child in children:
                root = Category.objects.get(pk=root.pk)
                root.add_child(name=child, slug=slugify(child) or "c")
    return list(Category.objects.filter(depth=2))


def grow(target: int, seed: int = 7) -> int:
    have = Product.objects.count()
    if have >= target:
        return 0
    rng = random.Random(seed + have)
    leaves = categories()
    product_class, _ = ProductClass.objects.get_or_create(
        slug="ocop-product", defaults={"name": "OCOP product", "track_stock": True}
    )
    partners = [Partner.objects.get_or_create(name=f"Hợp tác xã {n:02d}")[0] for n in range(48)]
    added = 0
    while have + added < target:
        size = min(2000, target - have - added)
        products, extras = [], []
        for offset in range(size):
            n = have + added + offset
            title = f"{rng.choice(KINDS)} {rng.choice(PROVINCES)} {rng.choice(DESCRIPTORS)} {n}"
            products.append(
                Product(
                    title=title,
                    slug=slugify(title)[:120] or f"p-{n}",
                    upc=f"8936{n:09d}",
                    structure=Product.STANDALONE,
                    product_class=product_class,
                    is_public=True,
                    description=f"{title}. Sản phẩm OCOP, làm từ nguyên liệu địa phương.",
                )
            )
            extras.append((rng.choice(partners), rng.choice(leaves)))
        with transaction.atomic():
            Product.objects.bulk_create(products, batch_size=1000)
            ProductCategory.objects.bulk_create(
                [
                    ProductCategory(product=p, category=e[1])
                    for p, e in zip(products, extras, strict=True)
                ],
                batch_size=2000,
            )
            StockRecord.objects.bulk_create(
                [
                    StockRecord(
                        product=p,
                        partner=e[0],
                        partner_sku=p.upc,
                        price_currency="VND",
                        price=Decimal(rng.randrange(40_000, 2_000_000, 1_000)),
                        num_in_stock=rng.randint(0, 200),
                    )
                    for p, e in zip(products, extras, strict=True)
                ],
                batch_size=2000,
            )
        added += size
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return added


def searches() -> list[str]:
    """Queries a shopper types into stock Oscar's Whoosh search (with diacritics: Whoosh does
    not fold them), each matching products: kinds, kind and province, kind and descriptor."""
    rng = random.Random(5)
    words = sorted({" ".join(k.lower().split()[:2]) for k in KINDS})
    queries = words + [f"{rng.choice(words)} {rng.choice(PROVINCES).lower()}" for _ in range(6)]
    return queries[:31]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=5000)
    args = parser.parse_args()
    added = grow(args.products)
    index = Path(django.conf.settings.HAYSTACK_CONNECTIONS["default"]["PATH"])
    if added or not index.exists():
        call_command("rebuild_index", interactive=False, verbosity=0)
    ids = list(Product.objects.filter(is_public=True).order_by("?")[:400])
    print(
        json.dumps(
            {
                "products": Product.objects.count(),
                "added": added,
                "static": static("oscar/css/styles.css"),
                "home": ["/catalogue/"],
                "category": [c.get_absolute_url() for c in Category.objects.all()],
                "product": [p.get_absolute_url() for p in ids],
                "search": [f"/search/?{urlencode({'q': q})}" for q in searches()],
            }
        )
    )


if __name__ == "__main__":
    main()
