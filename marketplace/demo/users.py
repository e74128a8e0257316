"""Demo people: alliance staff and a buyer; cooperatives' users come with their cooperatives."""

from __future__ import annotations

from django.contrib.auth import get_user_model

STAFF = {
    "email": "admin@ocop.vn",
    "password": "ocop-admin-2025",
    "name": ("Quản trị", "Liên minh HTX"),
}
BUYER = {"email": "khach@ocop.vn", "password": "khach-demo-2025", "name": ("Lan", "Nguyễn Thị")}


def _user(spec: dict, **flags) -> object:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=spec["email"],
        defaults={
            "email": spec["email"],
            "first_name": spec["name"][0],
            "last_name": spec["name"][1],
            **flags,
        },
    )
    if created:
        user.set_password(spec["password"])
        user.save()
    return user


def load_people() -> None:
    _user(STAFF, is_staff=True, is_superuser=True)
    _user(BUYER)
