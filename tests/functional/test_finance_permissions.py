"""Who sees what: a cooperative only its own applications and documents, a reviewer only
the applications to their fund's programmes, and documents never under public media."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from finance.models import LoanApplication
from tests import loans
from tests.factories import FundFactory, LoanProgrammeFactory, ReviewerFactory
from tests.flows import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def central():
    return FundFactory()


@pytest.fixture
def province_fund():
    return FundFactory(province_code="79")


@pytest.fixture
def application(coop_a_client, central) -> LoanApplication:
    programme = LoanProgrammeFactory(fund=central, rules_code="qhtpt-dau-tu")
    loans.precheck(coop_a_client)
    assert loans.apply(coop_a_client, programme).status_code == 302
    return LoanApplication.objects.get(programme=programme)


def urls(application) -> dict[str, str]:
    document = application.documents.first()
    return {
        "detail": application.get_absolute_url(),
        "edit": reverse("dashboard:finance-application-edit", kwargs={"pk": application.pk}),
        "document": document.get_absolute_url(),
        "review": application.get_review_url(),
    }


def test_the_cooperative_sees_its_application_and_downloads_its_documents(
    application, coop_a_client
):
    assert coop_a_client.get(application.get_absolute_url()).status_code == 200
    listing = coop_a_client.get(reverse("dashboard:finance-applications"))
    assert application.number in listing.content.decode()
    response = coop_a_client.get(urls(application)["document"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == loans.PDF


def test_another_cooperative_gets_404_for_everything(application, coop_b_client):
    for name in ("detail", "edit", "document"):
        assert coop_b_client.get(urls(application)[name]).status_code == 404, name
    response = coop_b_client.post(
        application.get_absolute_url(), {"action": "document", "kind": "other", "file": loans.pdf()}
    )
    assert response.status_code == 404
    assert (
        application.number
        not in coop_b_client.get(reverse("dashboard:finance-applications")).content.decode()
    )
    assert application.documents.count() == 2


def test_a_cooperative_cannot_open_the_review_pages(application, coop_a_client):
    assert coop_a_client.get(urls(application)["review"]).status_code == 403
    assert coop_a_client.get(reverse("dashboard:finance-review-list")).status_code == 403


def test_a_reviewer_of_the_fund_reviews_and_downloads(application, central):
    client = signed_in(ReviewerFactory(funds=[central]))
    assert client.get(urls(application)["review"]).status_code == 200
    assert (
        application.number in client.get(reverse("dashboard:finance-review-list")).content.decode()
    )
    assert client.get(urls(application)["document"]).status_code == 200


def test_a_reviewer_of_another_fund_gets_404(application, province_fund):
    client = signed_in(ReviewerFactory(funds=[province_fund]))
    for name in ("review", "document"):
        assert client.get(urls(application)[name]).status_code == 404, name
    response = loans.step(client, application, "under_review")
    assert response.status_code == 404
    listing = client.get(reverse("dashboard:finance-review-list")).content.decode()
    assert application.number not in listing
    application.refresh_from_db()
    assert application.status == LoanApplication.Status.SUBMITTED


def test_a_reviewer_does_not_see_drafts(coop_a_client, central):
    programme = LoanProgrammeFactory(fund=central, rules_code="qhtpt-dau-tu")
    loans.precheck(coop_a_client)
    loans.apply(coop_a_client, programme, "draft")
    draft = LoanApplication.objects.get(programme=programme)
    client = signed_in(ReviewerFactory(funds=[central]))
    assert client.get(draft.get_review_url()).status_code == 404


def test_visitors_and_buyers_are_kept_out(application, client, buyer_client):
    for name, url in urls(application).items():
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], name
        assert buyer_client.get(url).status_code in (403, 404), name


def test_documents_are_stored_outside_public_media(application, client):
    document = application.documents.first()
    private_root = settings.STORAGES["private"]["OPTIONS"]["location"]
    assert document.file.path.startswith(private_root)
    assert not document.file.path.startswith(str(settings.MEDIA_ROOT))
    assert client.get(f"/media/{document.file.name}").status_code == 404
