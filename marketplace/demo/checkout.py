"""Demo payments and shipping: the receiving bank account, each cooperative's rates, a few orders."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from oscar.core.loading import get_class, get_model

from marketplace.demo import users

ReceivingAccount = get_model("payment", "ReceivingAccount")
CooperativeShipping = get_model("shipping", "CooperativeShipping")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Selector = get_class("partner.strategy", "Selector")

# Demo data only: a made-up account at Vietcombank (NAPAS BIN 970436).
ACCOUNT = {
    "bank_name": "Vietcombank",
    "bank_bin": "970436",
    "account_number": "1012345678",
    "account_name": "LIEN MINH HTX VIET NAM",
}
# Flat rate and free-shipping threshold, in turn, per demo cooperative (whole dong).
RATES = [
    (Decimal(30000), Decimal(500000)),
    (Decimal(25000), Decimal(300000)),
    (Decimal(40000), None),
]
DEMO_ORDERS = [("cod", 2), ("bank_transfer", 1)]


def load(stdout=None) -> None:
    if not ReceivingAccount.objects.filter(account_number=ACCOUNT["account_number"]).exists():
        ReceivingAccount.objects.create(**ACCOUNT)
    for i, partner in enumerate(Partner.objects.order_by("pk")):
        flat_rate, free_above = RATES[i % len(RATES)]
        CooperativeShipping.objects.get_or_create(
            partner=partner, defaults={"flat_rate": flat_rate, "free_above": free_above}
        )
    _orders(stdout)


def _orders(stdout=None) -> None:
    from checkout.placement import CheckoutDetails, place_order

    buyer = get_user_model().objects.filter(email=users.BUYER["email"]).first()
    if buyer is None or Order.objects.filter(user=buyer).exists():
        return
    strategy = Selector().strategy(user=buyer)
    products = Product.objects.filter(is_public=True, stockrecords__num_in_stock__gte=5).order_by(
        "pk"
    )[:40]
    by_partner: dict[int, object] = {}
    for product in products:
        by_partner.setdefault(product.stockrecords.first().partner_id, product)
    picks = list(by_partner.values())
    if len(picks) < 2:
        return
    for n, (method, cooperatives) in enumerate(DEMO_ORDERS):
        basket = Basket.objects.create(owner=buyer)
        basket.strategy = strategy
        for product in picks[n : n + cooperatives]:
            basket.add_product(product, 1)
        details = CheckoutDetails(
            email=buyer.email,
            name="Nguyễn Thị Lan",
            phone="+84912345678",
            street="12 Tràng Tiền",
            province_code="01",
            commune_code="00070",
            notes="",
            payment_method=method,
        )
        place_order(basket=basket, details=details, user=buyer)
    if stdout:
        stdout.write(f"  {len(DEMO_ORDERS)} demo orders for {buyer.email}")
