"""Staff's customer list: its bulk actions change the users ticked, and junk ids change nothing."""

import pytest
from django.contrib.auth import get_user_model

User = get_user_model()


@pytest.fixture
def customer(db):
    return User.objects.create_user("khach-bulk", "khach.bulk@example.vn", "mat-khau-dai-2025")


@pytest.mark.parametrize("junk", [["abc"], ["9" * 30], ["-1", "1.5", ""]])
def test_malformed_selected_users_are_ignored_not_a_server_error(staff_client, customer, junk):
    response = staff_client.post(
        "/dashboard/users/", {"action": "make_inactive", "selected_user": junk}
    )

    assert response.status_code in (200, 302)
    assert User.objects.filter(is_active=False).count() == 0


def test_the_ticked_customer_is_made_inactive(staff_client, customer):
    response = staff_client.post(
        "/dashboard/users/", {"action": "make_inactive", "selected_user": [str(customer.pk)]}
    )

    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.is_active is False
