"""Placing an order from a basket and checkout details: from the checkout page or a webhook."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import translation
from oscar.core.loading import get_class, get_model

from order import emails
from payment.bank_transfer import payment_instructions
from regions import units

OrderCreator = get_class("order.utils", "OrderCreator")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Repository = get_class("shipping.repository", "Repository")
Selector = get_class("partner.strategy", "Selector")
Applicator = get_class("offer.applicator", "Applicator")
ShippingAddress = get_model("order", "ShippingAddress")
Order = get_model("order", "Order")
UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")

INITIAL_STATUS = {
    "cod": "awaiting-delivery-payment",
    "bank_transfer": "awaiting-transfer",
    "card": "paid",
}


@dataclass
class CheckoutDetails:
    """What the buyer typed, in a form that survives the session and a webhook."""

    email: str
    name: str
    phone: str
    street: str
    province_code: str
    commune_code: str
    notes: str
    payment_method: str
    language: str = "vi"

    @classmethod
    def from_form(cls, data: dict, *, email: str = "") -> CheckoutDetails:
        return cls(
            email=email or data.get("email") or "",
            name=data["name"],
            phone=str(data["phone"]),
            street=data["street"],
            province_code=data["province_code"],
            commune_code=data["commune_code"],
            notes=data.get("notes") or "",
            payment_method=data["payment_method"],
            language=(translation.get_language() or "vi")[:2],
        )

    @classmethod
    def from_json(cls, data: dict) -> CheckoutDetails:
        return cls(**{k: data.get(k, "") for k in cls.__dataclass_fields__})

    def to_json(self) -> dict:
        return asdict(self)

    def shipping_address(self) -> ShippingAddress:
        commune, province = units.commune(self.commune_code), units.province(self.province_code)
        return ShippingAddress(
            first_name=self.name,
            line1=self.street,
            line3=commune.name if commune else "",
            line4=province.name if province else "",
            country=Country.objects.get(iso_3166_1_a2="VN"),
            phone_number=self.phone,
            province_code=self.province_code,
            commune_code=self.commune_code,
        )


def prepare_basket(basket, user, request=None):
    """Give a basket loaded outside a request its pricing strategy and offers."""
    if not basket.has_strategy:
        basket.strategy = Selector().strategy(request=request, user=user)
    Applicator().apply(basket, user, request)
    return basket


def totals(basket, request=None):
    """(shipping method, shipping charge, order total), all computed here, never posted."""
    method = Repository().get_default_shipping_method(basket=basket, request=request)
    charge = method.calculate(basket)
    return method, charge, OrderTotalCalculator(request).calculate(basket, charge)


def place_order(
    *, basket, details: CheckoutDetails, user=None, request=None, order_number=None, snapshot=None
):
    """Write the order of the basket as it is now, or, given a card payment's `snapshot`
    (checkout/snapshot.py), exactly what that payment was priced at and charged for.

    Raises order.exceptions.OutOfStock and changes nothing when short.
    """
    user = user if user is not None and user.is_authenticated else None
    if snapshot is None:
        prepare_basket(basket, user, request)
        method, charge, total = totals(basket, request)

        def write(**fields):
            return OrderCreator().place_order(
                basket=basket, total=total, shipping_method=method, shipping_charge=charge, **fields
            )
    else:
        from .snapshot import SnapshotOrderCreator

        def write(**fields):
            return SnapshotOrderCreator().place_snapshot(snapshot, basket=basket, **fields)

    with transaction.atomic():
        address = details.shipping_address()
        address.save()
        order = write(
            user=user,
            shipping_address=address,
            order_number=order_number or OrderNumberGenerator().order_number(basket),
            status=INITIAL_STATUS[details.payment_method],
            request=request,
            payment_method=details.payment_method,
            customer_notes=details.notes,
            language=details.language,
            guest_email="" if user else details.email,
        )
        if user is not None:
            _remember_address(user, address)
        if basket is not None:
            basket.submit()
    # A mail server that fails is logged, not a failed checkout: the order is placed.
    transaction.on_commit(lambda: send_order_placed(order.pk), robust=True)
    return order


def send_order_placed(order_pk: int) -> None:
    """The order's e-mails, with how to pay when the buyer still has to (a bank transfer)."""
    order = Order.objects.get(pk=order_pk)
    instructions = payment_instructions(order, qr="png")
    qr = instructions.pop("vietqr_png", None)
    emails.send_order_placed(
        order_pk, payment_context=instructions, images={"vietqr": qr} if qr else None
    )


def _remember_address(user, address) -> None:
    user_address = UserAddress(user=user)
    address.populate_alternative_model(user_address)
    existing = user.addresses.filter(hash=user_address.generate_hash()).first()
    if existing:
        existing.num_orders_as_shipping_address += 1
        existing.save()
    else:
        user_address.num_orders_as_shipping_address = 1
        user_address.save()


def details_from_user_address(user_address) -> dict:
    """Initial form values from a saved address (its commune found again by name)."""
    province = next((p for p in units.provinces() if p.name == user_address.line4), None)
    commune = None
    if province is not None:
        commune = next(
            (c for c in units.communes(province.code) if c.name == user_address.line3), None
        )
    return {
        "name": user_address.first_name,
        "phone": str(user_address.phone_number or ""),
        "street": user_address.line1,
        "province_code": province.code if province else "",
        "commune_code": commune.code if commune else "",
    }
