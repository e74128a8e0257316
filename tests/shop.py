"""Helpers for checkout tests: a cooperative with one product, baskets, and the checkout form."""

from __future__ import annotations

import uuid
from decimal import Decimal

from oscar.core.loading import get_model

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
CooperativeShipping = get_model("shipping", "CooperativeShipping")

ADDRESS = {
    "email": "mua@example.vn",
    "name": "Trần Văn Minh",
    "phone": "0912 345 678",
    "street": "12 Tràng Tiền",
    "province_code": "01",  # Thành phố Hà Nội
    "commune_code": "00070",  # Phường Hoàn Kiếm
    "notes": "Giao giờ hành chính",
    "payment_method": "cod",
}


def cooperative(name: str = "", *, flat_rate: int = 30000, free_above: int | None = None, users=()):
    partner = Partner.objects.create(
        name=name or f"HTX thử {uuid.uuid4().hex[:6]}", code=f"t-{uuid.uuid4().hex[:10]}"
    )
    for user in users:
        partner.users.add(user)
    CooperativeShipping.objects.create(
        partner=partner,
        flat_rate=Decimal(flat_rate),
        free_above=None if free_above is None else Decimal(free_above),
    )
    return partner


def product(partner, *, price: int = 100000, stock: int = 10, title: str = ""):
    product_class, _ = ProductClass.objects.get_or_create(
        slug="checkout-test", defaults={"name": "Checkout test", "track_stock": True}
    )
    item = Product.objects.create(
        title=title or f"Sản phẩm thử {uuid.uuid4().hex[:6]}",
        product_class=product_class,
        is_public=True,
    )
    StockRecord.objects.create(
        product=item,
        partner=partner,
        partner_sku=uuid.uuid4().hex[:12],
        price=Decimal(price),
        price_currency="VND",
        num_in_stock=stock,
    )
    return item


def add_to_basket(client, item, quantity: int = 1):
    return client.post(f"/shop/basket/add/{item.pk}/", {"quantity": quantity})


def checkout(client, **changes):
    """Post the checkout form; HTTP_* keywords are request headers, the rest form fields."""
    headers = {k: changes.pop(k) for k in list(changes) if k.startswith("HTTP_")}
    return client.post("/shop/checkout/", {**ADDRESS, **changes}, **headers)


def basket_of(client):
    """The anonymous or signed-in client's open basket."""
    basket_id = client.cookies.get("oscar_open_basket")
    if basket_id is not None:
        return Basket.objects.get(pk=basket_id.value.split(":")[0])
    return Basket.open.filter(owner_id=client.session.get("_auth_user_id")).first()


def remove(*partners) -> None:
    """Delete what a committed test made: its cooperatives' orders, baskets and products."""
    for partner in partners:
        orders = Order.objects.filter(lines__partner=partner).distinct()
        Basket.objects.filter(lines__stockrecord__partner=partner).delete()
        for order in orders:
            order.delete()
        Product.objects.filter(stockrecords__partner=partner).delete()
        partner.delete()
