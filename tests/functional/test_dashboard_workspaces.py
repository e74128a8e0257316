"""`/dashboard/` sends a reviewer, an officer or a wholesale buyer to their own workspace
instead of Oscar's 403; a plain customer is still refused, staff and cooperatives still see
Oscar's index."""

from __future__ import annotations

import pytest
from django.urls import reverse

from evaluation.models import Role
from tests import evaluation_world, trade
from tests.factories import FundFactory, ReviewerFactory
from tests.flows import signed_in

pytestmark = pytest.mark.django_db

INDEX = "/dashboard/"


def test_a_loan_reviewer_lands_on_the_review_queue():
    reviewer = ReviewerFactory(funds=[FundFactory()])
    client = signed_in(reviewer)
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:finance-review-list")
    assert client.get(response["Location"]).status_code == 200


def test_a_commune_officer_lands_on_the_dossiers():
    officer = evaluation_world.officer(Role.COMMUNE_OFFICER, commune=evaluation_world.COMMUNE)
    client = signed_in(officer)
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:dossiers")
    assert client.get(response["Location"]).status_code == 200


def test_a_council_member_chooses_among_the_workspaces_open_to_them():
    member = evaluation_world.officer(Role.COUNCIL_MEMBER)
    client = signed_in(member)
    response = client.get(INDEX)
    assert response.status_code == 200
    links = [workspace.url for workspace in response.context["workspaces"]]
    assert links == [
        reverse("evaluation:dossiers"),
        reverse("evaluation:sessions"),
        reverse("programme:dashboard"),
    ]
    page = response.content.decode()
    assert all(f'href="{link}"' in page for link in links)
    assert reverse("dashboard:finance-review-list") not in page
    for link in links:
        assert client.get(link).status_code == 200


def test_the_workspace_list_reads_in_vietnamese():
    client = signed_in(evaluation_world.officer(Role.COUNCIL_MEMBER))
    page = client.get(INDEX, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Không gian làm việc của bạn" in page
    assert "Phiên họp hội đồng" in page


def test_a_wholesale_buyer_lands_on_their_requests():
    org = trade.organisation()
    client = signed_in(org.members.get())
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response["Location"] == reverse("trade:mine")


def test_a_plain_customer_is_still_refused(buyer_client):
    assert buyer_client.get(INDEX).status_code == 403
    # …and a reviewer's page stays closed to them.
    assert buyer_client.get(reverse("dashboard:finance-review-list")).status_code == 403


def test_a_reviewer_is_not_let_into_oscars_index_or_staff_pages():
    client = signed_in(ReviewerFactory(funds=[FundFactory()]))
    assert client.get(INDEX, follow=True).redirect_chain[-1][0] == reverse(
        "dashboard:finance-review-list"
    )
    assert client.get(reverse("dashboard:order-list")).status_code == 403
    assert client.get(reverse("dashboard:catalogue-product-list")).status_code == 403


def test_an_anonymous_visitor_is_asked_to_sign_in(anonymous_client):
    response = anonymous_client.get(INDEX)
    assert response.status_code == 302
    assert reverse("dashboard:login") in response["Location"]


def test_staff_and_cooperatives_still_see_oscars_index(staff_client, coop_a_client):
    for client in (staff_client, coop_a_client):
        response = client.get(INDEX)
        assert response.status_code == 200
        assert "workspaces" not in response.context
        assert "total_orders" in response.context
