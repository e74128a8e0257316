"""The main pages read in Vietnamese: no status shown by its code, no known English leftover.

Rendered as their users see them (a buyer in the shop, a cooperative and staff in the
dashboard, an editor and a moderator in the CMS admin), in `vi`, the site's default. Only
the visible text counts (tests/visible_text.py): codes may stay in attributes and URLs.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import BoothRegistration, NewsArticlePage, NewsIndexPage
from evaluation import workflow
from order import statuses
from tests.evaluation_world import REQUIRED, cooperative, draft
from tests.factories import BatchFactory, OrderFactory, ProductFactory
from tests.functional.test_fair_registration import apply, make_event
from tests.visible_text import visible_texts

pytestmark = pytest.mark.django_db

Shipment = get_model("order", "Shipment")

# Every state machine's stored values: none may be the whole of a visible text.
RAW_CODES = (
    set(statuses.PIPELINE)
    | set(Shipment.Status.values)
    | set(BoothRegistration.Status.values)
    | {"draft", "published"}
)
# English that showed through the Vietnamese site before (issue #19), compared whole and
# without regard to case; "in moderation" is Wagtail's "IN MODERATION" before its CSS.
LEFTOVERS = {
    "save draft",
    "in moderation",
    "moderators approval",
    "live",
    "live + draft",
    "skip to main content",
    "toggle side panel",
    "bulk actions",
    "show filters",
    "more actions",
    "page title",
    "your store statistics",
    "total orders",
    "what needs doing",
    "orders to confirm",
    "awaiting payment on delivery",
    "awaiting bank transfer",
    "accepted",
    "record a rating",
    "false",
    "true",
    "toggle navigation",
    "breadcrumb",
    "close",
    "no notes yet.",
    "save note",
    # Wagtail's admin beyond its main pages: history, reports, workflows, users, settings.
    "view draft",
    "draft saved",
    "current draft",
    "review this version",
    "compare with previous version",
    "locked by workflow",
    "view details",
    "privacy and access",
    "task started",
    "site history",
    "date / time",
    "aging pages",
    "last published before",
    "page types usage",
    "last edited page",
    "workflow tasks",
    "awaiting my review",
    "requested by",
    "started at",
    "by task",
    "by workflow",
    "show disabled",
    "used by",
    "new workflow task",
    "assigned pages",
    "access level",
    "delete selected users",
    "assign role",
    "set active state",
    "redirects",
    "add redirect",
    "import redirects",
    "collections",
    "add a collection",
    "instances",
    "actions",
}


def leftovers(html: str) -> list[str]:
    found = []
    for text in visible_texts(html):
        plain = text.strip().rstrip(":*").strip()
        if plain in RAW_CODES or plain.lower() in LEFTOVERS:
            found.append(text)
        elif any(code in text for code in (statuses.AWAITING_TRANSFER, statuses.REFUND_REQUESTED)):
            found.append(text)
        elif statuses.AWAITING_DELIVERY_PAYMENT in text:
            found.append(text)
    return found


def assert_vietnamese(client, urls) -> None:
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert leftovers(response.content.decode()) == [], url


def member(group_name: str, email: str):
    user = get_user_model().objects.create_user(username=email, email=email, password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def orders(coop_a_user, buyer):
    product = ProductFactory(partner=coop_a_user.partners.get())
    cod = OrderFactory(products=[product], user=buyer)
    assert cod.status == statuses.AWAITING_DELIVERY_PAYMENT
    transfer = OrderFactory(products=[product], user=buyer)
    transfer.status = statuses.AWAITING_TRANSFER
    transfer.save()
    BatchFactory(product=product, publish=False)
    return product, cod, transfer


def test_the_shop_in_vietnamese(orders, buyer_client):
    product, cod, _transfer = orders
    assert_vietnamese(
        buyer_client,
        [
            "/",
            product.get_absolute_url(),
            "/shop/search/?q=tra",
            "/shop/basket/",
            "/shop/accounts/orders/",
            f"/shop/accounts/orders/{cod.number}/",
        ],
    )
    page = buyer_client.get(f"/shop/accounts/orders/{cod.number}/").content.decode()
    assert "Chờ thanh toán khi nhận hàng" in page


def test_the_dashboard_in_vietnamese_as_a_cooperative_and_as_staff(
    orders, coop_a_client, staff_client
):
    _product, cod, transfer = orders
    shipment = cod.shipments.get()
    assert_vietnamese(
        coop_a_client,
        [
            "/dashboard/",
            "/dashboard/shipments/",
            f"/dashboard/shipments/{shipment.pk}/",
            "/dashboard/reviews/",
            "/dashboard/producers/mine/",
            "/dashboard/ocop/expiring/",
            "/dashboard/traceability/?status=draft",
            "/dashboard/catalogue/products/create/ocop-product/",
        ],
    )
    assert_vietnamese(
        staff_client,
        [
            "/dashboard/",
            "/dashboard/orders/",
            f"/dashboard/orders/?status={statuses.AWAITING_TRANSFER}",
            "/dashboard/orders/statistics/",
            f"/dashboard/orders/{cod.number}/",
            f"/dashboard/orders/{transfer.number}/",
            "/dashboard/shipments/",
            "/dashboard/ocop/ratings/",
        ],
    )
    listing = staff_client.get("/dashboard/orders/").content.decode()
    assert "Chờ chuyển khoản" in listing  # the list, its filter and the bulk status dropdown
    assert f'<option value="{statuses.PAID}">' in listing


@pytest.fixture
def article_in_moderation(client):
    editor = member("Editors", "editor@ocop.vn")
    index = NewsIndexPage.objects.first()
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": "Bài chờ duyệt",
            "slug": "bai-cho-duyet",
            "date": "2026-11-20",
            "comments": inline_formset([]),
            "related_products": inline_formset([]),
            "body": streamfield([]),
            "body_en": streamfield([]),
        }
    )
    client.post(f"/cms/pages/add/cms/newsarticlepage/{index.pk}/", data)
    article = NewsArticlePage.objects.get(slug="bai-cho-duyet")
    response = client.post(f"/cms/pages/{article.pk}/edit/", {**data, "action-submit": "1"})
    assert response.status_code == 302
    assert WorkflowState.objects.filter(object_id=str(article.pk)).exists()
    return client, index, article


def test_the_cms_admin_in_vietnamese_as_an_editor_and_a_moderator(
    article_in_moderation, coop_a_client, coop_a_user
):
    client, index, article = article_in_moderation
    urls = [
        "/cms/",
        "/cms/pages/",
        f"/cms/pages/{index.pk}/",
        f"/cms/pages/{article.pk}/edit/",
        f"/cms/pages/add/cms/newsarticlepage/{index.pk}/",
        f"/cms/pages/{Page.objects.get(depth=2).pk}/",
    ]
    assert_vietnamese(client, urls)
    explorer = client.get(f"/cms/pages/{index.pk}/").content.decode()
    assert "đang chờ duyệt" in explorer.lower()
    edit = client.get(f"/cms/pages/{article.pk}/edit/").content.decode()
    assert "Duyệt trước khi xuất bản" in edit  # the workflow's name
    new = client.get(f"/cms/pages/add/cms/newsarticlepage/{index.pk}/").content.decode()
    assert "Lưu nháp" in new

    history = [f"/cms/pages/{article.pk}/history/", f"/cms/pages/{index.pk}/history/"]
    reports = ["locked", "site-history", "workflow", "workflow_tasks", "aging-pages"]
    assert_vietnamese(client, history + [f"/cms/reports/{name}/" for name in reports])
    assert_vietnamese(client, ["/cms/reports/page-types-usage/", "/cms/snippets/"])
    # Draftail's toolbar (its options are in the page) and the admin's script strings.
    assert "In đậm" in edit
    scripts = client.get("/cms/jsi18n/").content.decode()
    assert "Ch\\u00e8n m\\u1ed9t kh\\u1ed1i" in scripts or "Chèn một khối" in scripts

    event = make_event()
    assert apply(coop_a_client, coop_a_user, event).status_code == 302
    client.force_login(member("Moderators", "moderator@ocop.vn"))
    assert_vietnamese(client, ["/cms/", "/cms/booth_registrations/"])


def test_the_cms_settings_in_vietnamese_as_staff(staff_client, staff):
    assert_vietnamese(
        staff_client,
        [
            "/cms/users/",
            reverse("wagtailusers_users:edit", args=[staff.pk]),
            "/cms/groups/",
            "/cms/sites/",
            "/cms/workflows/list/",
            "/cms/workflows/tasks/index/",
            "/cms/workflows/add/",
            "/cms/redirects/",
            "/cms/collections/",
            "/cms/account/",
        ],
    )


def test_the_cms_admin_loads_no_avatar_from_another_site(article_in_moderation):
    client, index, article = article_in_moderation
    for url in ("/cms/", f"/cms/pages/{article.pk}/edit/", "/cms/account/"):
        assert "gravatar" not in client.get(url).content.decode().lower(), url


def test_a_dossiers_documents_are_named_not_coded():
    producer, user, product = cooperative()
    dossier = draft(producer, user, product)
    client = Client()
    client.force_login(user)
    html = client.get(reverse("evaluation:dossier", args=[dossier.pk])).content.decode()
    names = {kind["code"]: workflow.label(kind) for kind in workflow.document_kinds(dossier)}
    for code in REQUIRED:
        assert names[code] != code and names[code] in html
    assert leftovers(html) == []
    texts = visible_texts(html)
    assert not set(REQUIRED) & set(texts)
