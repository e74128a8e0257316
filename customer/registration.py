"""Registration that never tells whether an address has an account.

Whoever registers gets the same answer ("we have sent you a message"), and the message goes
to the address itself: a link that sets the password and creates the account, or, when the
address already has one, a note to its owner with the sign-in and password-reset links. Only
the owner of the mailbox learns which; nobody can pre-register someone else's address.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from oscar.apps.customer.forms import generate_username

from lib.urls import absolute_url

SALT = "customer.registration"


def account_of(email: str):
    return get_user_model()._default_manager.filter(email__iexact=email).order_by("pk").first()


def make_token(email: str, next_url: str) -> str:
    return signing.dumps({"email": email, "next": next_url}, salt=SALT, compress=True)


def read_token(token: str) -> dict | None:
    """The registration a link carries, while it is fresh (PASSWORD_RESET_TIMEOUT)."""
    try:
        return signing.loads(token, salt=SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
    except signing.BadSignature:
        return None


def send_registration_email(email: str, next_url: str) -> None:
    """One message to `email`: a link to finish registering, or a note that it has an account."""
    owner = account_of(email)
    if owner is None:
        name = "registration_link"
        context = {
            "confirm_url": absolute_url(
                reverse("customer:register-confirm", kwargs={"token": make_token(email, next_url)})
            )
        }
    else:
        name = "account_exists"
        context = {
            "login_url": absolute_url(reverse("customer:login")),
            "reset_url": absolute_url(reverse("password-reset")),
        }
        email = owner.email  # as the owner wrote it, whatever case was typed now
    context.update(email=email, shop_name=settings.OSCAR_SHOP_NAME)
    subject = render_to_string(f"oscar/customer/emails/{name}_subject.txt", context)
    body = render_to_string(f"oscar/customer/emails/{name}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [email])


def new_account(email: str):
    """An unsaved user for `email`, for the password form to validate against and save."""
    User = get_user_model()
    user = User(email=email)
    if "username" in [field.name for field in User._meta.fields]:
        user.username = generate_username()
    return user
