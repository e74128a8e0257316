"""Demo cooperatives, their users and their products, built through Oscar's models."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.db import transaction
from oscar.core.loading import get_model

from catalogue.taxonomy import load_taxonomy, read_taxonomy
from producers import demo as producer_demo
from traceability.gs1 import make_gtin13

from .images import product_image

DATA_DIR = Path(__file__).resolve().parent / "data"
COOPERATIVE_PASSWORD = "htx-demo-2025"

Partner = get_model("partner", "Partner")
PartnerAddress = get_model("partner", "PartnerAddress")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Country = get_model("address", "Country")


@dataclass
class Counts:
    cooperatives: int = 0
    products: int = 0
    created: int = 0


def read_cooperatives() -> list[dict]:
    with open(DATA_DIR / "cooperatives.json", encoding="utf-8") as handle:
        return json.load(handle)["cooperatives"]


def ensure_vietnam() -> object:
    country, _ = Country.objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM",
            "iso_3166_1_numeric": "704",
            "printable_name": "Việt Nam",
            "name": "Cộng hòa Xã hội Chủ nghĩa Việt Nam",
            "is_shipping_country": True,
            "display_order": 1,
        },
    )
    return country


def product_classes() -> dict[str, object]:
    goods, _ = ProductClass.objects.get_or_create(
        slug="ocop-product",
        defaults={"name": "Sản phẩm OCOP", "requires_shipping": True, "track_stock": True},
    )
    service, _ = ProductClass.objects.get_or_create(
        slug="tourism-service",
        defaults={"name": "Dịch vụ du lịch", "requires_shipping": False, "track_stock": True},
    )
    return {"goods": goods, "service": service}


def cooperative_user(coop: dict, partner) -> object:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=coop["email"][:150],
        defaults={
            "email": coop["email"],
            "first_name": coop["representative"].split()[-1],
            "last_name": " ".join(coop["representative"].split()[:-1]),
        },
    )
    if created:
        user.set_password(COOPERATIVE_PASSWORD)
        user.save()
        user.user_permissions.add(
            Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
        )
    partner.users.add(user)
    return user


@transaction.atomic
def load_cooperatives(stdout=None) -> Counts:
    """Create (or leave as they are) the demo cooperatives with their products."""
    taxonomy = read_taxonomy()
    categories = load_taxonomy(taxonomy)
    country = ensure_vietnam()
    classes = product_classes()
    counts = Counts()
    for index, coop in enumerate(read_cooperatives()):
        partner, _ = Partner.objects.get_or_create(code=coop["key"], defaults={"name": coop["name"]})
        PartnerAddress.objects.get_or_create(
            partner=partner,
            defaults={
                "first_name": coop["representative"],
                "line1": coop.get("street", ""),
                "line2": coop["commune"],
                "line4": coop["province"],
                "state": coop["province"],
                "country": country,
            },
        )
        user = cooperative_user(coop, partner)
        producer_demo.producer_for(coop, partner, user)
        counts.cooperatives += 1
        company_prefix = f"{1000 + index:04d}"
        for number, item in enumerate(coop["products"], start=1):
            gtin = make_gtin13(company_prefix, f"{number:05d}")
            created = _product(item, gtin, partner, categories, classes)
            counts.products += 1
            counts.created += int(created)
        if stdout:
            stdout.write(f"  {coop['short_name']} ({coop['province']}): {len(coop['products'])} products")
    pending = producer_demo.pending_applications()
    if stdout:
        stdout.write(f"  {len(pending)} cooperatives' applications wait for staff review")
    return counts


def _product(item: dict, gtin: str, partner, categories, classes) -> bool:
    sector = item["subgroup"].split(".")[0]
    product_class = classes["service"] if sector == "6" else classes["goods"]
    product, created = Product.objects.get_or_create(
        upc=gtin,
        defaults={
            "title": item["title"],
            "title_en": item.get("title_en", ""),
            "description": item.get("description", ""),
            "product_class": product_class,
            "is_public": True,
        },
    )
    if not created:
        return False
    ProductCategory.objects.create(product=product, category=categories[item["subgroup"]])
    StockRecord.objects.create(
        product=product,
        partner=partner,
        partner_sku=gtin,
        price_currency="VND",
        price=Decimal(int(item["price"])),
        num_in_stock=int(item.get("stock", 0)),
    )
    picture = product_image(item["title"], item.get("colour", "#1b6b3a"), sector)
    ProductImage.objects.create(
        product=product,
        original=ContentFile(picture, name=f"{gtin}.png"),
        caption=item["title"],
        display_order=0,
    )
    return True
