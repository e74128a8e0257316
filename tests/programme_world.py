"""A small, hand-counted world for the programme indicators: 2019, in Cà Mau (96).

Nothing of the demo data falls in 2019, so every figure of the period below is counted here.
On 31/12/2019 (the period's day):
- certificates in force: P1 3★, P2 4★, P3 5★, P7 3★ (expires 15/02/2020, within 90 days);
  P4 expired (2016 → 2019), P5 revoked, P6 2★ (no certificate), P8 issued in 2020.
- issued in 2019 and not revoked: P1, P3.
- producers: HTX (P1, P2, P4–P8), an enterprise (P3), a household business (P7).
- P1 is also listed under drinks, after food: it counts as food.
- sales: May 2019 P1 × 2 (200,000 ₫), June 2019 P3 × 1 (250,000 ₫); a cancelled July order.
- scans: two in April 2019, one in August 2019, one in January 2020.
- cooperatives approved: Feb 2019 × 2 (HTX, enterprise), Sep 2019 × 1 (household).
- the HTX's leader attended a session in October 2019; the enterprise registered, did not attend.
- value chains: two, both the HTX's, one also the enterprise's.
- one fair in November 2019 in Cà Mau, one booth accepted, one pending.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from catalogue.models import Category, ProductCategory
from cms.models import (
    BoothRegistration,
    CoursePage,
    EventIndexPage,
    EventPage,
    SessionRegistration,
    TrainingIndexPage,
    TrainingSession,
)
from order.models import Order
from producers.models import LegalForm, Producer, ValueChain
from programme import sales_summary
from programme.filters import Scope
from tests import factories
from traceability.models import Scan

PROVINCE = "96"
YEAR_2019 = Scope(
    start=datetime.date(2019, 1, 1), end=datetime.date(2020, 1, 1), provinces=(PROVINCE,)
)


def at(year: int, month: int, day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


def sector_leaf(sector: str):
    return (
        Category.objects.filter(numchild=0, code__startswith=f"{sector}.").order_by("path").first()
    )


@dataclass
class World:
    htx: Producer
    enterprise: Producer
    household: Producer
    products: dict


def cooperative(legal_form: str, place: str):
    return factories.CooperativeFactory(
        name=f"HTX thử {place}",
        producer__province_code=PROVINCE,
        producer__commune_code="32002",
        producer__legal_form=legal_form,
    )


def rate(product, score: int, issued: datetime.date, revoked: bool = False):
    return factories.OcopRatingFactory(
        product=product, score=score, issued_on=issued, revoked=revoked
    )


_built = [0]


def build() -> World:
    _built[0] += 1
    n_world = _built[0]
    htx, enterprise, household = (
        cooperative(LegalForm.HTX, "Năm Căn"),
        cooperative(LegalForm.DOANH_NGHIEP, "Ngọc Hiển"),
        cooperative(LegalForm.HO_KINH_DOANH, "Đầm Dơi"),
    )
    food, drink = sector_leaf("1"), sector_leaf("2")
    p = {}
    p[1] = factories.ProductFactory(partner=htx, category=food, price=100000, stock=50)
    p[2] = factories.ProductFactory(partner=htx, category=food)
    p[3] = factories.ProductFactory(partner=enterprise, category=drink, price=250000, stock=50)
    for n in (4, 5, 6, 8):
        p[n] = factories.ProductFactory(partner=htx, category=food)
    p[7] = factories.ProductFactory(partner=household, category=food)
    # A product listed in a second category counts once, in the sector of its first.
    ProductCategory.objects.create(product=p[1], category=drink)
    rate(p[1], 55, datetime.date(2019, 3, 1))
    rate(p[2], 75, datetime.date(2018, 6, 1))
    rate(p[3], 92, datetime.date(2019, 5, 1))
    rate(p[4], 80, datetime.date(2016, 1, 1))
    rate(p[5], 78, datetime.date(2019, 2, 1), revoked=True)
    rate(p[6], 40, datetime.date(2019, 2, 1))
    rate(p[7], 60, datetime.date(2017, 2, 15))
    rate(p[8], 85, datetime.date(2020, 2, 1))

    for product, quantity, placed, status in (
        (p[1], 2, at(2019, 5, 10), None),
        (p[3], 1, at(2019, 6, 20), None),
        (p[1], 1, at(2019, 7, 5), "cancelled"),
    ):
        order = factories.OrderFactory(products=[product], quantities=[quantity])
        fields = {"date_placed": placed}
        if status:
            fields["status"] = status
        Order.objects.filter(pk=order.pk).update(**fields)
    # Dates and statuses moved with SQL, behind the order signals' back: recounted, as the
    # nightly rebuild does.
    sales_summary.rebuild()

    batch = factories.BatchFactory(product=p[1], province_code=PROVINCE)
    for when in (at(2019, 4, 2), at(2019, 4, 3), at(2019, 8, 1), at(2020, 1, 5)):
        Scan.objects.create(batch=batch, scanned_at=when)

    producers = [c.producer for c in (htx, enterprise, household)]
    for producer, approved in zip(
        producers, (at(2019, 2, 10), at(2019, 2, 20), at(2019, 9, 1)), strict=True
    ):
        Producer.objects.filter(pk=producer.pk).update(approved_at=approved)
    chains = [ValueChain.objects.create(name=f"Chuỗi thử Cà Mau {n_world}-{n}") for n in (1, 2)]
    producers[0].value_chains.add(*chains)
    producers[1].value_chains.add(chains[0])

    course = CoursePage(title="Khóa thử 2019", slug=f"khoa-thu-2019-{n_world}", summary="Thử")
    course.sessions = [TrainingSession(starts_at=at(2019, 10, 1), place="Cà Mau", capacity=10)]
    TrainingIndexPage.objects.first().add_child(instance=course)
    course.save_revision().publish()
    session = course.sessions.get()
    for producer, attended in ((producers[0], True), (producers[1], False)):
        SessionRegistration.objects.create(
            session=session,
            producer=producer,
            user=producer.partner.users.first(),
            participant_name="Lê Văn C",
            phone="0912345678",
            attended=attended,
        )

    fair = EventPage(
        title="Hội chợ thử Cà Mau 2019",
        slug=f"hoi-cho-thu-ca-mau-2019-{n_world}",
        start_date=datetime.date(2019, 11, 1),
        end_date=datetime.date(2019, 11, 3),
        venue="Cà Mau",
        province_code=PROVINCE,
        booth_capacity=10,
    )
    EventIndexPage.objects.first().add_child(instance=fair)
    fair.save_revision().publish()
    for producer, status in (
        (producers[0], BoothRegistration.Status.ACCEPTED),
        (producers[1], BoothRegistration.Status.PENDING),
    ):
        BoothRegistration.objects.create(
            event=fair,
            producer=producer,
            contact_name="Lê Văn C",
            contact_phone="0912345678",
            status=status,
        )
    for producer in producers:
        producer.refresh_from_db()
    return World(htx=producers[0], enterprise=producers[1], household=producers[2], products=p)


def certify(world: World) -> None:
    """Certificates as the evaluation councils issued them, for the world's products.

    On 31/12/2019: in force P1 (2019), P2 (2018), P3 (2019), P7 (expires 15/02/2020, within
    90 days); expired P4 (2016 → 01/01/2019, never certified again); P6's 2015 certificate
    expired in 2018 but P6 was certified again in 2019 (in force, issued in 2019); P5 revoked
    in 2019; P8 issued in 2020 (not yet). P1's certificate is revoked only in 2020: on
    31/12/2019 it still stood."""
    from evaluation.models import Certificate, Level

    def issue(n, stars, issued, expires, revoked_on=None):
        product = world.products[n]
        producer = product.producer
        dossier = dossier_for(product, issued.year)
        Certificate.objects.create(
            number=f"CM-{dossier.pk}",
            dossier=dossier,
            product=product,
            producer=producer,
            product_name=product.title,
            stars=stars,
            score=70,
            level=Level.PROVINCE,
            authority_name="UBND tỉnh Cà Mau",
            decision_number=f"QĐ-{dossier.pk}",
            issued_on=issued,
            expires_on=expires,
            revoked_on=revoked_on,
        )

    day = datetime.date
    issue(1, 3, day(2019, 3, 1), day(2022, 3, 1), revoked_on=day(2020, 3, 1))
    issue(2, 4, day(2018, 6, 1), day(2021, 6, 1))
    issue(3, 5, day(2019, 5, 1), day(2022, 5, 1))
    issue(4, 4, day(2016, 1, 1), day(2019, 1, 1))
    issue(5, 4, day(2019, 2, 1), day(2022, 2, 1), revoked_on=day(2019, 8, 1))
    issue(6, 3, day(2015, 1, 1), day(2018, 1, 1))
    issue(6, 3, day(2019, 4, 1), day(2022, 4, 1))
    issue(7, 3, day(2017, 2, 15), day(2020, 2, 15))
    issue(8, 4, day(2020, 2, 1), day(2023, 2, 1))


def dossier_for(product, year: int):
    """A certified dossier of `product` in `year`'s cycle, for a certificate to point at."""
    from evaluation.models import Dossier, State

    return Dossier.objects.create(
        producer=product.producer,
        product=product,
        product_name=product.title,
        product_set="food",
        province_code=PROVINCE,
        commune_code="32002",
        year=year,
        state=State.CERTIFIED,
    )
