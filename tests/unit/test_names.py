"""Names in the reader's order: family name first in Vietnamese."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import translation

from lib.names import full_name


def test_it_puts_the_family_name_first_in_vietnamese():
    assert full_name("Lan", "Nguyễn Thị", "vi") == "Nguyễn Thị Lan"


def test_it_puts_the_given_name_first_in_english():
    assert full_name("Lan", "Nguyễn Thị", "en") == "Lan Nguyễn Thị"


def test_it_leaves_out_a_missing_part():
    assert full_name("", "Trần", "vi") == "Trần" and full_name("Hoa", "", "vi") == "Hoa"


def test_every_users_full_name_follows_the_active_language():
    user = get_user_model()(first_name="Lan", last_name="Nguyễn Thị")
    with translation.override("vi"):
        assert user.get_full_name() == "Nguyễn Thị Lan"
    with translation.override("en"):
        assert user.get_full_name() == "Lan Nguyễn Thị"
