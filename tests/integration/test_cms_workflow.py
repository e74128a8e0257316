"""Editors create and edit, Moderators publish, and pages wait for a Moderator's approval."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import NewsArticlePage, NewsIndexPage

pytestmark = pytest.mark.django_db


def member(group_name: str, email: str):
    user = get_user_model().objects.create_user(username=email, email=email, password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_the_groups_and_the_approval_workflow_exist():
    assert Group.objects.filter(name="Editors").exists()
    moderators = Group.objects.get(name="Moderators")
    workflow = Page.get_first_root_node().get_workflow()
    assert workflow is not None and workflow.active
    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [moderators]
    perms = set(moderators.page_permissions.values_list("permission__codename", flat=True))
    assert "publish_page" in perms
    assert "publish_page" not in set(
        Group.objects.get(name="Editors").page_permissions.values_list(
            "permission__codename", flat=True
        )
    )


def test_an_editor_submits_an_article_and_a_moderator_publishes_it(client):
    editor = member("Editors", "editor@ocop.vn")
    moderator = member("Moderators", "moderator@ocop.vn")
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
    # An editor may not publish: the publish action only saves and the page stays a draft.
    response = client.post(
        f"/cms/pages/add/cms/newsarticlepage/{index.pk}/", {**data, "action-publish": "1"}
    )
    article = NewsArticlePage.objects.get(slug="bai-cho-duyet")
    assert not article.live
    response = client.post(f"/cms/pages/{article.pk}/edit/", {**data, "action-submit": "1"})
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get(f"/cms/pages/{article.pk}/edit/preview/").status_code in (200, 405)

    client.force_login(moderator)
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert article.live
    assert client.get(article.url).status_code == 200
