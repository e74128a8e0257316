"""Inviting a person to run a cooperative's shop: an e-mailed, signed, expiring link that the
person accepts or declines once signed in with the invited address.

Inviting never reveals whether an address has an account: the inviter is told the same
thing and the invitee gets the same e-mail either way.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from lib.urls import absolute_url

from .models import Invitation, Producer
from .services import add_cooperative_user

SALT = "producers.invitation"


def valid_days() -> int:
    return getattr(settings, "PRODUCERS_INVITATION_DAYS", 7)


class InvalidInvitation(Exception):
    """The link is forged, expired, or its invitation was already answered."""


class WrongAccount(Exception):
    """The signed-in account's address is not the invited one."""


class CannotJoin(Exception):
    """The cooperative is not approved (suspended, say): nobody joins it now."""


def token_for(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": invitation.email}, salt=SALT, compress=True)


def from_token(token: str) -> Invitation:
    """The pending invitation a link names, or InvalidInvitation."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=valid_days()))
        invitation = Invitation.objects.select_related("producer").get(
            pk=data["i"], email=data["e"]
        )
    except (signing.BadSignature, Invitation.DoesNotExist, KeyError, TypeError) as exc:
        raise InvalidInvitation from exc
    if not invitation.is_pending:
        raise InvalidInvitation
    return invitation


def invite(producer: Producer, email: str, *, by) -> Invitation:
    """Invite `email` to the cooperative (again, if already invited): one e-mail with the link."""
    email = email.strip().lower()
    try:
        with transaction.atomic():
            invitation, _created = Invitation.objects.pending().update_or_create(
                producer=producer,
                email=email,
                defaults={"invited_by": by, "sent_at": timezone.now()},
            )
    except IntegrityError:  # invited twice at once: the other request made it
        invitation = Invitation.objects.pending().get(producer=producer, email=email)
    path = reverse("producers:invitation", kwargs={"token": token_for(invitation)})
    link = absolute_url(path)  # the public address, never the request's Host header
    with override(settings.LANGUAGE_CODE):
        send_mail(
            _("Invitation to manage %(producer)s on the OCOP Marketplace")
            % {"producer": producer.name},
            _(
                "Hello,\n\n%(inviter)s invites you to manage %(producer)s on the OCOP "
                "Marketplace. Open this link, sign in or create an account with this e-mail "
                "address, then accept or decline the invitation:\n\n%(link)s\n\n"
                "The link is valid for %(days)s days. If you do not know this cooperative, "
                "ignore this e-mail: nothing changes unless you accept.\n"
            )
            % {
                "inviter": (by.get_full_name() or by.email) if by else producer.name,
                "producer": producer.name,
                "link": link,
                "days": valid_days(),
            },
            None,
            [email],
        )
    return invitation


def check(invitation: Invitation, user, *, accept: bool = True) -> None:
    """Whether `user` may answer `invitation`: only the invited address, and joining only a
    cooperative that may sell (a suspended one's users have lost the dashboard)."""
    if (user.email or "").strip().lower() != invitation.email:
        raise WrongAccount
    producer = invitation.producer
    if accept and (producer.status != Producer.Status.APPROVED or not producer.partner_id):
        raise CannotJoin


@transaction.atomic
def answer(invitation: Invitation, user, *, accept: bool) -> Invitation:
    """Accept (the user joins the cooperative) or decline; each invitation is answered once."""
    check(invitation, user, accept=accept)
    status = Invitation.Status.ACCEPTED if accept else Invitation.Status.DECLINED
    answered = (
        Invitation.objects.pending()
        .filter(pk=invitation.pk)
        .update(status=status, answered_at=timezone.now(), answered_by=user)
    )
    if not answered:  # answered meanwhile, in another tab
        raise InvalidInvitation
    invitation.refresh_from_db()
    if accept:
        add_cooperative_user(invitation.producer, user)
    return invitation
