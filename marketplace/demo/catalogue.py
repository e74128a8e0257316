"""Demo cooperatives, their users and their products, built through Oscar's models."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue.rating_rules import add_months, current_rules
from catalogue.taxonomy import load_taxonomy, read_taxonomy
from traceability.gs1 import make_gtin13

from . import producers as producer_demo
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
OcopRating = get_model("catalogue", "OcopRating")
Country = get_model("address", "Country")

# Every EXPIRED_EVERY-th demo product has an expired certificate, every SOON_EVERY-th
# (offset by one) one that expires within the 30-day reminder window.
EXPIRED_EVERY = 29
SOON_EVERY = 23


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
        partner, _ = Partner.objects.get_or_create(
            code=coop["key"], defaults={"name": coop["name"]}
        )
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
            created = _product(
                item, gtin, partner, categories, classes, coop=coop, serial=counts.products
            )
            counts.products += 1
            counts.created += int(created)
        if stdout:
            stdout.write(
                f"  {coop['short_name']} ({coop['province']}): {len(coop['products'])} products"
            )
    pending = producer_demo.pending_applications()
    if stdout:
        stdout.write(f"  {len(pending)} cooperatives' applications wait for staff review")
    return counts


def _product(
    item: dict, gtin: str, partner, categories, classes, coop: dict | None = None, serial: int = 0
) -> bool:
    """Create a demo product with its stock, image, OCOP attributes and rating; fill gaps in an existing one."""
    coop = coop or {}
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
            **_attributes(item, coop),
        },
    )
    _link_producer(product, partner)
    _rating(product, item, coop, serial)
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


def _attributes(item: dict, coop: dict) -> dict:
    certifications = [c for c in coop.get("certifications", []) if c != "Chỉ dẫn địa lý"]
    has_gi = "Chỉ dẫn địa lý" in coop.get("certifications", [])
    shelf_life = item.get("shelf_life_months")
    return {
        "origin_province_code": coop.get("province_code", ""),
        "net_quantity": Decimal(item["net_quantity"]) if item.get("net_quantity") else None,
        "unit": item.get("unit", ""),
        "shelf_life_months": shelf_life,
        "storage": "Nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp" if shelf_life else "",
        "ingredients": item.get("ingredients", ""),
        "certifications": ", ".join(certifications),
        "geographical_indication": coop.get("province", "") if has_gi else "",
    }


def _link_producer(product, partner) -> None:
    """Point the product at its cooperative's producer profile once the producers app has one."""
    if product.producer_id:
        return
    Producer = get_model("producers", "Producer")
    producer = Producer.objects.filter(partner=partner).first()
    if producer:
        product.producer = producer
        product.save(update_fields=["producer"])


def _rating(product, item: dict, coop: dict, serial: int) -> None:
    """An OCOP rating from the data's score: issued 3 to 30 months ago, a few expired or expiring soon."""
    if not item.get("score") or OcopRating.objects.filter(product=product).exists():
        return
    rules = current_rules()
    score = int(item["score"])
    parts = _split_score(score, [part.max for part in rules.parts])
    stars = rules.stars_for(score)
    today = timezone.localdate()
    if serial % EXPIRED_EVERY == 0:
        issued = add_months(today, -rules.validity_months) - datetime.timedelta(
            days=40 + serial % 50
        )
    elif serial % SOON_EVERY == 1:
        issued = add_months(today, -rules.validity_months) + datetime.timedelta(
            days=5 + serial % 20
        )
    else:
        issued = add_months(today, -(3 + serial % 28))
    province = coop.get("province", "")
    central = rules.authority_for(stars) == "central"
    OcopRating.objects.create(
        product=product,
        score=score,
        score_a=parts[0],
        score_b=parts[1],
        score_c=parts[2],
        authority_name=(
            "Bộ Nông nghiệp và Môi trường" if central else f"Ủy ban nhân dân {province}".strip()
        ),
        decision_number=f"{100 + serial}/QĐ-{'BNNMT' if central else 'UBND'}",
        certificate_number=f"OCOP-{coop.get('province_code', '00')}-{issued.year}-{serial:04d}",
        issued_on=issued,
    )


def _split_score(score: int, maxima: list[int]) -> list[int]:
    """Share a total score among the parts in proportion to their maxima, none above its maximum."""
    total = sum(maxima)
    parts = [min(m, score * m // total) for m in maxima]
    index = 0
    while sum(parts) < score:
        if parts[index % len(parts)] < maxima[index % len(parts)]:
            parts[index % len(parts)] += 1
        index += 1
    return parts
