"""What a test client does on the site: fill a basket, check out, follow a printed code."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.test import Client
from oscar.core.loading import get_model

Basket = get_model("basket", "Basket")

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


def signed_in(user) -> Client:
    """A test client signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


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


def path_of(uri: str) -> str:
    """The path of a printed URI, as a test client or a load generator asks for it."""
    return urlsplit(uri).path
