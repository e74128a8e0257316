"""The certified-products summary the programme dashboard reads stays equal to the ratings and
certificates it copies, and the dashboard's product figures equal a direct count of them."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import CharField, Count, Exists, F, Min, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Left, NullIf
from django.test.utils import CaptureQueriesContext

from catalogue.models import OcopRating, ProductCategory, certified_rating_q
from evaluation.certificates import revoke
from evaluation.models import Certificate
from producers.models import LegalForm, Producer
from programme import certification_summary, report
from programme import indicators_products as products
from programme.filters import Scope
from programme.models import ProductCertification
from tests import programme_world
from tests.programme_world import PROVINCE, YEAR_2019, sector_leaf

pytestmark = pytest.mark.django_db

RATING = ProductCertification.Source.RATING


@pytest.fixture
def world():
    return programme_world.build()


def assert_summary_is_a_recount():
    assert certification_summary.stored() == certification_summary.as_dict(
        certification_summary.recount()
    )


def row(rating: OcopRating) -> ProductCertification:
    return ProductCertification.objects.get(source=RATING, source_pk=rating.pk)


def scope(provinces=YEAR_2019.provinces, sector="", start=None, end=None) -> Scope:
    return Scope(start or YEAR_2019.start, end or YEAR_2019.end, provinces, sector=sector)


# The direct count from the catalogue and the councils' certificates: what the summary replaces.
def first_category_ids():
    return ProductCategory.objects.values("product_id").annotate(first=Min("id")).values("first")


def live_ratings(scope: Scope):
    ratings = OcopRating.objects.annotate(
        province=Coalesce(
            NullIf(F("product__producer__province_code"), Value("")),
            F("product__origin_province_code"),
            output_field=CharField(),
        )
    ).filter(certified_rating_q(scope.on), issued_on__lte=scope.on)
    if scope.provinces is not None:
        ratings = ratings.filter(province__in=scope.provinces)
    if scope.sector:
        ratings = ratings.filter(live_in_sector(scope.sector))
    return ratings


def live_in_sector(sector: str) -> Exists:
    return Exists(
        ProductCategory.objects.filter(
            Q(category__code=sector) | Q(category__code__startswith=f"{sector}."),
            product=OuterRef("product_id"),
            pk__in=first_category_ids(),
        )
    )


def live_figures(scope: Scope) -> dict:
    ratings = live_ratings(scope)
    by_sector = (
        ratings.filter(product__productcategory__in=first_category_ids())
        .annotate(sector=Left("product__productcategory__category__code", 1))
        .values("sector")
        .annotate(n=Count("id"))
    )
    types: dict[str, int] = {}
    for found in ratings.values("product__producer__legal_form").annotate(n=Count("id")):
        kind = products.PRODUCER_TYPES.get(found["product__producer__legal_form"], "unknown")
        types[kind] = types.get(kind, 0) + found["n"]
    on = scope.on
    certificates = Certificate.objects.all()
    if scope.provinces is not None:
        certificates = certificates.filter(producer__province_code__in=scope.provinces)
    if scope.sector:
        certificates = certificates.filter(live_in_sector(scope.sector))
    standing = Q(revoked_on__isnull=True) | Q(revoked_on__gt=on)
    in_force = standing & Q(issued_on__lte=on, expires_on__gte=on)
    renewed = Exists(
        Certificate.objects.filter(
            product_id=OuterRef("product_id"),
            issued_on__gt=OuterRef("issued_on"),
            issued_on__lte=on,
        )
    )
    soon = on + datetime.timedelta(days=90)
    return {
        "stars": {r["stars"]: r["n"] for r in ratings.values("stars").annotate(n=Count("id"))},
        "provinces": {
            r["province"] or "": r["n"] for r in ratings.values("province").annotate(n=Count("id"))
        },
        "sectors": {r["sector"]: r["n"] for r in by_sector},
        "types": types,
        "certificates": certificates.aggregate(
            issued=Count(
                "id", filter=standing & Q(issued_on__gte=scope.start, issued_on__lt=scope.end)
            ),
            in_force=Count("id", filter=in_force),
            expiring=Count("id", filter=in_force & Q(expires_on__lte=soon)),
            expired=Count(
                "id", filter=standing & Q(issued_on__lte=on, expires_on__lt=on) & ~Q(renewed)
            ),
            revoked=Count("id", filter=Q(revoked_on__lte=on, issued_on__lte=on)),
        ),
    }


def summary_figures(scope: Scope) -> dict:
    return {
        "stars": products.by_stars(scope),
        "provinces": products.by_province(scope),
        "sectors": products.by_sector(scope),
        "types": products.by_producer_type(scope),
        "certificates": products.certificates(scope),
    }


def test_the_dashboards_figures_equal_a_direct_count_for_every_filter(world):
    programme_world.certify(world)
    january = datetime.date(2019, 1, 1), datetime.date(2019, 2, 1)
    scopes = [
        scope(),
        scope(provinces=None),
        scope(sector="1"),
        scope(sector="2"),
        scope(provinces=("01",)),
        scope(provinces=(PROVINCE, "01"), sector="1"),
        scope(start=january[0], end=january[1]),
        scope(start=datetime.date(2020, 1, 1), end=datetime.date(2021, 1, 1), sector="1"),
    ]
    for asked in scopes:
        assert summary_figures(asked) == live_figures(asked), asked
    assert_summary_is_a_recount()


def test_a_rating_created_changed_revoked_and_deleted_moves_its_row(world):
    product = world.products[2]  # 4★ since 2018
    rating = product.ocop_rating
    assert (row(rating).stars, row(rating).sector, row(rating).province_code) == (4, "1", PROVINCE)

    rating.score = 95
    rating.save()
    assert row(rating).stars == 5
    assert products.by_stars(scope())[5] == 2

    rating.revoked = True
    rating.save()
    assert row(rating).revoked
    assert 5 not in products.by_stars(scope()) or products.by_stars(scope())[5] == 1

    rating.delete()
    assert not ProductCertification.objects.filter(source=RATING, source_pk=rating.pk).exists()
    fresh = programme_world.rate(world.products[2], 80, datetime.date(2019, 6, 1))
    assert row(fresh).stars == 4 and row(fresh).issued_on == datetime.date(2019, 6, 1)
    assert_summary_is_a_recount()


def test_an_expired_rating_leaves_the_figures_on_its_day_without_any_write(world):
    # P7's certificate (3★, issued 15/02/2017) runs to 15/02/2020: the day asked decides.
    before = scope(start=datetime.date(2020, 2, 1), end=datetime.date(2020, 2, 16))
    after = scope(start=datetime.date(2020, 2, 1), end=datetime.date(2020, 2, 17))
    assert before.on == datetime.date(2020, 2, 15) and after.on == datetime.date(2020, 2, 16)
    assert products.by_producer_type(before).get("household") == 1
    assert products.by_producer_type(after).get("household") is None
    assert summary_figures(after) == live_figures(after)


def test_a_certificate_renewed_or_revoked_changes_the_certificate_figures(world):
    programme_world.certify(world)
    p4 = world.products[4]  # expired on 01/01/2019, never renewed
    assert products.certificates(YEAR_2019)["expired"] == 1
    old = Certificate.objects.get(product=p4)
    renewal = Certificate.objects.create(
        number="CM-RENEW-4",
        dossier=programme_world.dossier_for(p4, 2019),
        product=p4,
        producer=p4.producer,
        product_name=p4.title,
        stars=4,
        score=80,
        level=old.level,
        authority_name=old.authority_name,
        decision_number="QĐ-RENEW-4",
        issued_on=datetime.date(2019, 6, 1),
        expires_on=datetime.date(2022, 6, 1),
    )
    assert ProductCertification.objects.get(
        source="certificate", source_pk=old.pk
    ).next_issued_on == datetime.date(2019, 6, 1)
    assert products.certificates(YEAR_2019)["expired"] == 0
    assert products.certificates(YEAR_2019)["in_force"] == 6

    # Revoked by a decision: the certificate and the catalogue's rating both.
    OcopRating.objects.filter(product=p4).update(certificate_number=renewal.number)
    revoke(renewal, None, "QĐ-THU-HOI", datetime.date(2019, 9, 1), "Không đạt")
    assert products.certificates(YEAR_2019)["revoked"] == 2
    assert row(p4.ocop_rating).revoked
    renewal.delete()
    assert products.certificates(YEAR_2019)["expired"] == 1
    assert_summary_is_a_recount()


def test_a_product_moved_to_another_sector_moves_its_row(world):
    p2 = world.products[2]
    drinks = scope(sector="2")
    assert products.by_stars(drinks) == {5: 1}
    ProductCategory.objects.filter(product=p2).delete()
    assert row(p2.ocop_rating).sector == ""
    ProductCategory.objects.create(product=p2, category=sector_leaf("2"))
    assert row(p2.ocop_rating).sector == "2"
    assert products.by_stars(drinks) == {4: 1, 5: 1}

    # Through the many-to-many manager too (no ProductCategory.save()).
    p2.categories.clear()
    assert row(p2.ocop_rating).sector == ""
    p2.categories.add(sector_leaf("1"))
    assert row(p2.ocop_rating).sector == "1"
    assert summary_figures(drinks) == live_figures(drinks)
    assert_summary_is_a_recount()


def test_a_producer_moved_to_another_province_or_legal_form_moves_its_rows(world):
    programme_world.certify(world)
    enterprise = Producer.objects.get(pk=world.enterprise.pk)
    enterprise.province_code = "01"
    enterprise.save()
    assert row(world.products[3].ocop_rating).province_code == "01"
    assert products.by_province(scope(provinces=None)).get("01") == 1
    assert products.certificates(scope(provinces=("01",)))["in_force"] == 1

    enterprise.legal_form = LegalForm.HTX
    enterprise.save()
    assert products.by_producer_type(scope(provinces=("01",))) == {"cooperative": 1}
    for asked in (scope(), scope(provinces=("01",)), scope(provinces=None, sector="2")):
        assert summary_figures(asked) == live_figures(asked)
    assert_summary_is_a_recount()


def test_a_product_moved_to_another_producer_or_deleted_moves_its_rows(world):
    programme_world.certify(world)
    p3 = world.products[3]
    p3.producer = world.household
    p3.save()
    assert row(p3.ocop_rating).legal_form == LegalForm.HO_KINH_DOANH
    p3_pk = p3.pk
    p3.delete()
    assert not ProductCertification.objects.filter(product_pk=p3_pk).exists()
    # Its certificate stays, without a product (and so without a sector).
    kept = ProductCertification.objects.get(source="certificate", producer_pk=world.enterprise.pk)
    assert (kept.product_pk, kept.sector) == (None, "")
    assert summary_figures(scope()) == live_figures(scope())
    assert_summary_is_a_recount()


def test_the_rebuild_puts_right_what_changed_behind_the_signals_back(world):
    OcopRating.objects.filter(product=world.products[1]).update(revoked=True)
    ProductCategory.objects.filter(product=world.products[2]).update(category=sector_leaf("2"))
    assert certification_summary.stored() != certification_summary.as_dict(
        certification_summary.recount()
    )

    call_command("rebuild_summaries", "certifications", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert_summary_is_a_recount()
    assert summary_figures(scope(sector="2")) == live_figures(scope(sector="2"))


def test_the_dashboard_reads_the_summary_not_the_ratings(world):
    programme_world.certify(world)
    with CaptureQueriesContext(connection) as captured:
        built = report.build(scope(sector="1"))
    assert {t.key: t.value for t in built.tiles}["certified_products"] == 3
    read = " ".join(q["sql"] for q in captured.captured_queries)
    assert "programme_productcertification" in read
    for table in ("catalogue_ocoprating", "evaluation_certificate", "catalogue_productcategory"):
        assert table not in read
