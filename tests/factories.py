"""factory-boy factories for every test tier: cooperatives, products, batches and orders.

They extend `oscar.test.factories`, which resolve our forked models, and fill free values
(people, places) with Faker's Vietnamese locale. Tests run against the shared demo
marketplace: what a test builds inside its transaction is rolled back; a test that commits
removes its cooperatives with `remove_cooperatives`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Permission
from django.db.models import Count
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from oscar.test import factories as oscar

from catalogue.rating_rules import current_rules
from lib.text import search_text
from producers.models import Certification, Producer
from traceability.gs1 import make_gln, make_gtin13
from traceability.models import Batch, JourneyEvent, Party, Place

Basket = get_model("basket", "Basket")
Category = get_model("catalogue", "Category")
Country = get_model("address", "Country")
CooperativeShipping = get_model("shipping", "CooperativeShipping")
OcopRating = get_model("catalogue", "OcopRating")
Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")


def vi(provider: str, **kwargs) -> factory.Faker:
    return factory.Faker(provider, locale="vi_VN", **kwargs)


def dong(amount: int | None) -> Decimal | None:
    return None if amount is None else Decimal(amount)


# COOPERATIVES: an Oscar partner, its producer profile, its users and its shipping rates.


class CooperativeUserFactory(oscar.UserFactory):
    """A cooperative's member with access to the dashboard."""

    class Meta:
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"thanh-vien-{n}@htx.example.vn")
    username = factory.SelfAttribute("email")
    password = factory.django.Password("htx-thu-2025")
    first_name = vi("first_name_female")
    last_name = vi("last_name")

    @factory.post_generation
    def dashboard_access(self, create, extracted, **kwargs):
        if create and extracted is not False:
            self.user_permissions.add(
                Permission.objects.get(
                    codename="dashboard_access", content_type__app_label="partner"
                )
            )


class CooperativeShippingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperativeShipping

    partner = factory.SubFactory("tests.factories.CooperativeFactory", shipping=None)
    flat_rate = Decimal(30000)
    free_above = None


class ProducerFactory(factory.django.DjangoModelFactory):
    """An approved producer profile; on its own it brings its partner (without a second profile)."""

    class Meta:
        model = Producer

    class Params:
        place = vi("commune_name")
        family_name = vi("last_name")
        middle_name = vi("middle_name")
        given_name = vi("first_name_male")

    partner = factory.SubFactory("tests.factories.CooperativeFactory", producer=None)
    short_name = factory.LazyAttribute(lambda o: o.partner.name if o.partner else f"HTX {o.place}")
    name = factory.LazyAttribute(lambda o: o.short_name.replace("HTX", "Hợp tác xã", 1))
    registration_number = factory.Sequence(lambda n: f"THU-{n:06d}")
    representative = factory.LazyAttribute(
        lambda o: f"{o.family_name} {o.middle_name} {o.given_name}"
    )
    phone = vi("numerify", text="091#######")
    email = factory.Sequence(lambda n: f"htx-{n}@htx.example.vn")
    street = vi("street_address")
    province_code = "01"  # Thành phố Hà Nội
    commune_code = "00070"  # Phường Hoàn Kiếm
    status = Producer.Status.APPROVED
    approved_at = factory.LazyFunction(timezone.now)


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    producer = factory.SubFactory(ProducerFactory)
    kind = Certification.Kind.VIETGAP
    number = factory.Sequence(str)


class CooperativeFactory(oscar.PartnerFactory):
    """A selling cooperative: the partner with its producer profile, shipping rates and a user.

    `users=[...]` links those users instead of making one; `flat_rate` and `free_above` set
    what it charges to ship its part of a basket.
    """

    class Meta:
        skip_postgeneration_save = True

    class Params:
        place = vi("commune_name")
        flat_rate = 30000
        free_above = None

    name = factory.LazyAttribute(lambda o: f"HTX {o.place}")
    producer = factory.RelatedFactory(ProducerFactory, "partner")
    shipping = factory.RelatedFactory(
        CooperativeShippingFactory,
        "partner",
        flat_rate=factory.LazyAttribute(lambda o: dong(o.factory_parent.flat_rate)),
        free_above=factory.LazyAttribute(lambda o: dong(o.factory_parent.free_above)),
    )

    @factory.post_generation
    def users(self, create, extracted, **kwargs):
        if not create:
            return
        for user in [CooperativeUserFactory()] if extracted is None else extracted:
            self.users.add(user)


def remove_cooperatives(*partners) -> None:
    """Delete what a committed test made: its cooperatives' orders, baskets, products and own users."""
    for partner in partners:
        own_users = list(
            partner.users.annotate(cooperatives=Count("partners")).filter(cooperatives=1)
        )
        Basket.objects.filter(lines__stockrecord__partner=partner).delete()
        for order in Order.objects.filter(lines__partner=partner).distinct():
            order.delete()
        Product.objects.filter(stockrecords__partner=partner).delete()
        partner.delete()
        for user in own_users:
            user.delete()


# CATALOGUE: categories, products with their stock record, OCOP ratings.


class CategoryFactory(oscar.CategoryFactory):
    """A root category, added through treebeard so that it sits beside the demo taxonomy."""

    name = factory.Sequence(lambda n: f"Danh mục thử {n}")
    name_en = factory.Sequence(lambda n: f"Test category {n}")
    code = factory.Sequence(lambda n: f"T{n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs.pop("depth", None)
        kwargs.pop("path", None)
        return model_class.add_root(**kwargs)


def first_leaf_category():
    """The first leaf of the demo taxonomy, where a product is sold unless a test says where."""
    return Category.objects.filter(numchild=0).order_by("path").first() or CategoryFactory()


class ProductClassFactory(oscar.ProductClassFactory):
    """The demo's class for OCOP goods (shipped, stock tracked)."""

    class Meta:
        django_get_or_create = ("slug",)

    slug = "ocop-product"
    name = "Sản phẩm OCOP"


class StockRecordFactory(oscar.StockRecordFactory):
    partner = factory.SubFactory(CooperativeFactory)
    partner_sku = factory.Sequence(lambda n: f"THU-{n:06d}")
    price_currency = "VND"
    price = Decimal(100000)
    num_in_stock = 10


class OcopRatingFactory(factory.django.DjangoModelFactory):
    """A certified rating; the stars, authority and expiry follow from the score and issue date."""

    class Meta:
        model = OcopRating

    product = factory.SubFactory("tests.factories.ProductFactory")
    score = 75
    stars = factory.LazyAttribute(lambda o: current_rules().stars_for(o.score))
    issued_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=100))
    expires_on = factory.LazyAttribute(lambda o: current_rules().expiry_for(o.issued_on))
    certificate_number = factory.Sequence(lambda n: f"T-{n}")


class ProductFactory(oscar.ProductFactory):
    """A public OCOP product with a valid Vietnamese GTIN, sold by a cooperative.

    `partner`, `price` and `stock` make its one stock record, `category` where it is listed
    (the first demo leaf by default), `upc=None` leaves it without a GTIN, `rated=True` gives
    it an OCOP rating.
    """

    class Meta:
        skip_postgeneration_save = True

    class Params:
        partner = factory.SubFactory(CooperativeFactory)
        price = 100000
        stock = 10
        category = factory.LazyFunction(first_leaf_category)
        rated = factory.Trait(
            rating=factory.RelatedFactory(OcopRatingFactory, "product"),
        )

    title = factory.Sequence(lambda n: f"Sản phẩm thử {n}")
    upc = factory.Sequence(lambda n: make_gtin13("9998", f"{n % 100000:05d}"))
    product_class = factory.SubFactory(ProductClassFactory)
    is_public = True
    producer = factory.LazyAttribute(lambda o: getattr(o.partner, "producer", None))
    origin_province_code = factory.LazyAttribute(
        lambda o: o.producer.province_code if o.producer else ""
    )
    stockrecords = factory.RelatedFactory(
        StockRecordFactory,
        "product",
        partner=factory.SelfAttribute("..partner"),
        price=factory.LazyAttribute(lambda o: dong(o.factory_parent.price)),
        num_in_stock=factory.SelfAttribute("..stock"),
    )
    categories = factory.RelatedFactory(
        oscar.ProductCategoryFactory, "product", category=factory.SelfAttribute("..category")
    )


def bulk_products(count: int, category, word: str = "kombucha", start: int = 0) -> list:
    """`count` rated products in `category`, bulk-inserted (no save(), no search vocabulary).

    Each is sold by the first demo cooperative, titled "Trà {word} Tây Bắc số {i}" and
    searchable by `word`; prices, scores and issue dates vary with `i`.
    """
    producer = Producer.objects.approved().order_by("pk").first()
    product_class = ProductClassFactory()
    today = timezone.localdate()

    def built(i: int):
        title = f"Trà {word} Tây Bắc số {i}"
        return ProductFactory.build(
            title=title,
            slug=f"tra-{word}-{i}",
            upc=make_gtin13("9999", f"{i:05d}"),
            product_class=product_class,
            partner=producer.partner,
            producer=producer,
            search_title=search_text(title),
            search_body=search_text(f"{word} thảo mộc {producer.name}"),
            category=category,
            stockrecords=None,
            categories=None,
        )

    products = Product.objects.bulk_create(built(i) for i in range(start, start + count))
    ProductCategory.objects.bulk_create(
        oscar.ProductCategoryFactory.build(product=product, category=category)
        for product in products
    )
    numbered = list(enumerate(products, start=start))
    StockRecord.objects.bulk_create(
        StockRecordFactory.build(
            product=product,
            partner=producer.partner,
            partner_sku=f"T-{product.upc}",
            price=Decimal(50_000 + 1_000 * (i % 900)),
        )
        for i, product in numbered
    )
    OcopRating.objects.bulk_create(
        OcopRatingFactory.build(
            product=product,
            score=50 + i % 50,
            issued_on=today - datetime.timedelta(days=100 + i % 300),
            certificate_number=f"T-{i}",
        )
        for i, product in numbered
    )
    return products


# TRACEABILITY: a batch of a cooperative's product with its journey.


def place_for(partner, kind: str = "workshop") -> Place:
    """A place of the cooperative, made on first use (with its party)."""
    party = Party.for_partner(partner)
    return party.places.filter(kind=kind).first() or Place.objects.create(
        party=party, kind=kind, name=f"Nơi thử {kind}"
    )


def trading_partner_of(partner) -> Party:
    """A shop the cooperative ships to, with a GLN (under a demo prefix)."""
    party, _created = Party.objects.get_or_create(
        owner=partner, name="Cửa hàng thử", defaults={"gln": make_gln("8930000", 2)}
    )
    return party


def _step_place(o):
    return place_for(o.batch.partner) if o.batch.pk else None


def _step_counterparty(o):
    moving = o.kind in (JourneyEvent.Kind.SHIPPING, JourneyEvent.Kind.RECEIVING)
    return trading_partner_of(o.batch.partner) if moving and o.batch.pk else None


class JourneyEventFactory(factory.django.DjangoModelFactory):
    """Step `i` of a batch's journey: the kinds in turn, an hour apart, ten days ago."""

    class Meta:
        model = JourneyEvent

    class Params:
        i = factory.Sequence(int)

    batch = factory.SubFactory("tests.factories.BatchFactory", events=0, publish=False)
    kind = factory.LazyAttribute(
        lambda o: JourneyEvent.Kind.values[o.i % len(JourneyEvent.Kind.values)]
    )
    occurred_at = factory.LazyAttribute(
        lambda o: timezone.now() - datetime.timedelta(days=10, hours=-o.i)
    )
    place = factory.LazyAttribute(lambda o: f"Nơi {o.i}")
    location = factory.LazyAttribute(_step_place)
    counterparty = factory.LazyAttribute(_step_counterparty)
    actor = "Tổ sản xuất"
    description = factory.LazyAttribute(lambda o: f"Bước {o.i}")


class BatchFactory(factory.django.DjangoModelFactory):
    """A batch of a product (a new cooperative's by default) with `events` journey steps,
    published unless `publish=False`."""

    class Meta:
        model = Batch
        skip_postgeneration_save = True

    product = factory.SubFactory(ProductFactory)
    partner = factory.LazyAttribute(lambda o: o.product.stockrecords.all()[0].partner)
    lot = factory.Sequence(lambda n: f"T{n:04d}-{timezone.now():%H%M%S}")
    produced_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=355))
    quantity = 500
    unit = "hộp"
    origin_name = "Vùng nguyên liệu thử"
    province_code = "01"

    @factory.post_generation
    def events(self, create, extracted, **kwargs):
        # In one insert, as a bulk import would: saving each step would touch the batch.
        count = 3 if extracted is None else extracted
        steps = [JourneyEventFactory.build(batch=self, i=i) for i in range(count)]
        if create:
            JourneyEvent.objects.bulk_create(steps)

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        if create and extracted is not False:
            self.publish()


# ORDERS: placed through Oscar's OrderCreator, as a checkout would.


class ShippingAddressFactory(oscar.ShippingAddressFactory):
    """A delivery address in Hà Nội (Oscar's own is British, with a British postcode)."""

    first_name = vi("name")
    last_name = ""
    line1 = "12 Tràng Tiền"
    line2 = ""
    line4 = "Hà Nội"
    postcode = ""
    country = factory.LazyFunction(lambda: Country.objects.get(pk="VN"))
    phone_number = "+84912345678"


class OrderFactory(factory.django.DjangoModelFactory):
    """An order of `products` (one new product by default), `quantities` of each (1 by default)."""

    class Meta:
        model = Order

    products = factory.LazyFunction(lambda: [ProductFactory()])
    quantities = None

    @classmethod
    def _create(cls, model_class, products, quantities=None, **kwargs):
        basket = Basket.objects.create()
        basket.strategy = Selector().strategy()
        for product, quantity in zip(products, quantities or [1] * len(products), strict=True):
            basket.add_product(product, quantity=quantity)
        return oscar.create_order(basket=basket, **kwargs)


# FINANCE: funds, loan programmes and their reviewers.


class FundFactory(factory.django.DjangoModelFactory):
    """The central fund by default; `province_code="01"` makes a province's fund."""

    class Meta:
        model = "finance.Fund"

    name = factory.Sequence(lambda n: f"Quỹ thử {n}")
    province_code = ""
    email = factory.Sequence(lambda n: f"quy-{n}@qhtpt.example.vn")


class LoanProgrammeFactory(factory.django.DjangoModelFactory):
    """An open programme lending up to 1 billion dong for 60 months, with no rules file."""

    class Meta:
        model = "finance.LoanProgramme"

    fund = factory.SubFactory(FundFactory)
    name = factory.Sequence(lambda n: f"Chương trình vay thử {n}")
    purpose = "investment"
    max_amount = 1_000_000_000
    max_term_months = 60
    interest_rate = Decimal("4.80")
    rate_effective_from = datetime.date(2026, 1, 1)
    required_documents = factory.LazyFunction(lambda: ["business_plan", "financial_statements"])


class LoanApplicationFactory(factory.django.DjangoModelFactory):
    """A 12-month application to `programme` for its purpose; give producer, status, amount."""

    class Meta:
        model = "finance.LoanApplication"

    programme = factory.SubFactory(LoanProgrammeFactory)
    purpose = factory.SelfAttribute("programme.purpose")
    term_months = 12
    use_of_funds = "-"


class ReviewerFactory(oscar.UserFactory):
    """A fund's reviewer: the review permission, and a seat on `funds`."""

    class Meta:
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"tham-dinh-{n}@qhtpt.example.vn")
    username = factory.SelfAttribute("email")
    password = factory.django.Password("tham-dinh-2025")

    @factory.post_generation
    def funds(self, create, extracted, **kwargs):
        if not create:
            return
        self.user_permissions.add(
            Permission.objects.get(codename="review_application", content_type__app_label="finance")
        )
        for fund in extracted or []:
            fund.reviewers.add(self)
