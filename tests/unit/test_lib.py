"""The ground floor's helpers, on their own: no app, no database."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import RequestFactory, override_settings
from django.utils import translation
from django.utils.html import format_html

from lib.cache import hashed_key
from lib.http import client_ip
from lib.i18n import TranslatedField, pick, wants_english
from lib.pagecache import fill_holes, marker, page_key
from lib.versions import Version


def test_it_picks_the_english_twin_only_for_english_readers():
    thing = SimpleNamespace(name="Cà phê", name_en="Coffee")
    with translation.override("vi"):
        assert not wants_english()
        assert pick(thing, "name") == "Cà phê"
    with translation.override("en"):
        assert wants_english()
        assert pick(thing, "name") == "Coffee"


def test_it_falls_back_to_vietnamese_when_no_translation_exists():
    with translation.override("en"):
        assert pick(SimpleNamespace(story="Chuyện", story_en=""), "story") == "Chuyện"
        assert pick(SimpleNamespace(story="Chuyện"), "story") == "Chuyện"


def test_translated_field_reads_the_visitors_language():
    class Page:
        title = "Tin tức"
        title_en = "News"
        tr_title = TranslatedField("title")

    with translation.override("en"):
        assert Page().tr_title == "News"
    with translation.override("vi"):
        assert Page().tr_title == "Tin tức"
    assert isinstance(Page.tr_title, TranslatedField)


def test_hashed_keys_differ_by_every_part_and_stay_short():
    key = hashed_key("ocop:x", "a", 1, "b" * 1000)
    assert key.startswith("ocop:x:") and len(key) < 60
    assert key == hashed_key("ocop:x", "a", 1, "b" * 1000)
    assert key != hashed_key("ocop:x", "a", 2, "b" * 1000)


@override_settings(CLIENT_IP_HEADER="")
def test_client_ip_is_the_peer_without_a_proxy_header():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.0.0.7"


@override_settings(CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
def test_client_ip_behind_a_proxy_is_the_address_the_proxy_saw():
    forged = "6.6.6.6, 203.0.113.9"
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forged)
    assert client_ip(request) == "203.0.113.9"


def test_page_keys_hold_the_address_language_and_extra_parts():
    factory = RequestFactory()
    with translation.override("vi"):
        vi = page_key(factory.get("/shop/"), "scope", 1)
        assert vi == page_key(factory.get("/shop/"), "scope", 1)
        assert vi != page_key(factory.get("/shop/"), "scope", 2)
        assert vi != page_key(factory.get("/shop/?page=2"), "scope", 1)
        assert vi != page_key(factory.get("/shop/", HTTP_HOST="localhost"), "scope", 1)
    with translation.override("en"):
        assert vi != page_key(factory.get("/shop/"), "scope", 1)


def test_a_page_gets_the_holes_it_names_filled_and_no_others():
    page = format_html('<p>{}</p><a href="?code={}">', marker("verdict"), marker("code"))
    assert fill_holes(page, {"verdict": "<b>Genuine</b>"}) == (
        '<p><b>Genuine</b></p><a href="?code=<!--ocop-hole:code-->">'
    )
    # What a hole is filled with is not searched for holes again.
    assert fill_holes(page, {"verdict": marker("code"), "code": "x"}) == (
        '<p><!--ocop-hole:code--></p><a href="?code=x">'
    )


@pytest.mark.django_db
def test_a_version_changes_when_bumped_and_again_on_commit(django_capture_on_commit_callbacks):
    version = Version("test-lib")
    first = version.current()
    assert version.current() == first
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        version.bump()
    bumped = version.current()
    assert bumped != first
    assert len(callbacks) == 1
    callbacks[0]()
    assert version.current() not in (first, bumped)


def test_versions_are_independent_by_name():
    catalogue, other = Version("test-a"), Version("test-b")
    before = other.current()
    catalogue._bump()
    assert other.current() == before
