"""A cooperative invites people; nobody joins without accepting, and nothing leaks who has an account.

The invitation is an e-mail with a signed link that expires; the person, signed in with the
invited address, accepts (and joins) or declines (and does not). The inviter's page answers
the same whether or not the address belongs to an account.
"""

from __future__ import annotations

import re
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from producers import invitations, services
from producers.models import Invitation, Producer
from tests.factories import CooperativeUserFactory
from tests.flows import signed_in

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def producer(coop_a_user):
    return Producer.objects.get(partner__users=coop_a_user)


def users_url(producer) -> str:
    return reverse("dashboard:producer-users", kwargs={"pk": producer.pk})


def invite(client, producer, email):
    mail.outbox.clear()
    return client.post(users_url(producer), {"email": email})


def link_in(message) -> str:
    """The invitation's path; the link is on the public address (SITE_BASE_URL)."""
    base = re.escape(settings.SITE_BASE_URL)
    return re.search(base + r"(/producers/invitations/[^/\s]+/)", message.body).group(1)


def test_inviting_sends_an_email_and_adds_nobody(producer, coop_a_client, buyer):
    response = invite(coop_a_client, producer, buyer.email)
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [buyer.email]
    assert producer.name in mail.outbox[0].subject
    assert "/producers/invitations/" in mail.outbox[0].body
    assert not producer.partner.users.filter(pk=buyer.pk).exists()
    assert not buyer.has_perm("partner.dashboard_access")
    assert Invitation.objects.pending().filter(producer=producer, email=buyer.email).exists()


def test_the_inviter_cannot_tell_whether_an_address_has_an_account(producer, coop_a_user, buyer):
    unknown = "chua-co-tai-khoan@example.vn"
    assert not User.objects.filter(email__iexact=unknown).exists()

    def answer_to_inviting(email: str) -> list[str]:
        """What the inviter sees, and the e-mail sent (up to its link), with the address blanked."""
        response = invite(signed_in(coop_a_user), producer, email)
        messages = [str(m) for m in get_messages(response.wsgi_request)]
        sent = [(m.subject, m.body.split("http://")[0]) for m in mail.outbox]
        seen = (response.status_code, response["Location"], messages, sent)
        return [str(part).replace(email, "<email>") for part in seen]

    assert answer_to_inviting(buyer.email) == answer_to_inviting(unknown)
    assert not User.objects.filter(email__iexact=unknown).exists()  # no account made either


def test_accepting_links_the_user(producer, coop_a_client, buyer):
    invite(coop_a_client, producer, buyer.email)
    link = link_in(mail.outbox[0])
    client = signed_in(buyer)

    page = client.get(link)
    assert page.status_code == 200 and producer.name in page.content.decode()

    response = client.post(link, {"decision": "accept"})
    assert response.status_code == 302
    assert producer.partner.users.filter(pk=buyer.pk).exists()
    buyer = User.objects.get(pk=buyer.pk)
    assert buyer.has_perm("partner.dashboard_access")
    invitation = Invitation.objects.get(producer=producer, email=buyer.email)
    assert (invitation.status, invitation.answered_by) == (Invitation.Status.ACCEPTED, buyer)
    # The link is spent.
    assert client.get(link).status_code == 404


def test_declining_does_not_link_the_user(producer, coop_a_client, buyer):
    invite(coop_a_client, producer, buyer.email)
    link = link_in(mail.outbox[0])
    client = signed_in(buyer)

    response = client.post(link, {"decision": "decline"})
    assert response.status_code == 302
    assert not producer.partner.users.filter(pk=buyer.pk).exists()
    assert not User.objects.get(pk=buyer.pk).has_perm("partner.dashboard_access")
    assert Invitation.objects.get(producer=producer).status == Invitation.Status.DECLINED
    response = client.post(link, {"decision": "accept"})
    assert response.status_code == 404
    assert not producer.partner.users.filter(pk=buyer.pk).exists()


def test_a_new_person_registers_then_accepts(producer, coop_a_client):
    invite(coop_a_client, producer, "ke-toan@example.vn")
    link = link_in(mail.outbox[0])
    visitor = Client()
    response = visitor.get(link)
    assert response.status_code == 302 and "login" in response["Location"]

    person = CooperativeUserFactory(email="ke-toan@example.vn", dashboard_access=False)
    client = signed_in(person)
    client.post(link, {"decision": "accept"})
    assert producer.partner.users.filter(pk=person.pk).exists()


def test_an_expired_link_is_refused(producer, coop_a_client, buyer, settings):
    invite(coop_a_client, producer, buyer.email)
    invitation = Invitation.objects.get(producer=producer)

    class EightDaysAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 8 * 24 * 3600)

    token = EightDaysAgo(salt=invitations.SALT).sign_object(
        {"i": invitation.pk, "e": invitation.email}, compress=True
    )
    link = reverse("producers:invitation", kwargs={"token": token})
    client = signed_in(buyer)
    assert client.get(link).status_code == 404
    assert client.post(link, {"decision": "accept"}).status_code == 404
    assert not producer.partner.users.filter(pk=buyer.pk).exists()

    settings.PRODUCERS_INVITATION_DAYS = 9  # the same link is still good with a longer validity
    assert client.get(link).status_code == 200


def test_a_forged_link_is_refused(producer, coop_b_user, buyer):
    """Signed with another salt, or naming another cooperative's invitation: both refused."""
    invitation = Invitation.objects.create(producer=producer, email=buyer.email)
    forged = [
        signing.dumps({"i": invitation.pk, "e": buyer.email}, salt="another", compress=True),
        invitations.token_for(invitation)[:-3] + "abc",
        "not-a-token",
    ]
    client = signed_in(buyer)
    for token in forged:
        link = reverse("producers:invitation", kwargs={"token": token})
        assert client.get(link).status_code == 404, token
        assert client.post(link, {"decision": "accept"}).status_code == 404, token
    assert not producer.partner.users.filter(pk=buyer.pk).exists()


def test_only_the_invited_address_can_answer(producer, coop_a_client, buyer, coop_b_user):
    invite(coop_a_client, producer, buyer.email)
    link = link_in(mail.outbox[0])
    client = signed_in(coop_b_user)
    assert client.get(link).status_code == 403
    assert client.post(link, {"decision": "accept"}).status_code == 403
    assert not producer.partner.users.filter(pk=coop_b_user.pk).exists()
    assert Invitation.objects.get(producer=producer).is_pending


def test_a_cooperative_cannot_invite_into_another_cooperative(coop_a_client, coop_b_user):
    b = Producer.objects.get(partner__users=coop_b_user)
    response = invite(coop_a_client, b, "gian-diep@example.vn")
    assert response.status_code == 404
    assert mail.outbox == []
    assert not Invitation.objects.filter(producer=b).exists()


def test_nobody_joins_a_suspended_cooperative(producer, coop_a_client, buyer):
    invite(coop_a_client, producer, buyer.email)
    link = link_in(mail.outbox[0])
    services.suspend(producer)
    client = signed_in(buyer)
    response = client.post(link, {"decision": "accept"})
    assert response.status_code == 409
    assert not producer.partner.users.filter(pk=buyer.pk).exists()


def test_the_users_page_lists_pending_invitations(producer, coop_a_client):
    invite(coop_a_client, producer, "cho-tra-loi@example.vn")
    html = coop_a_client.get(users_url(producer)).content.decode()
    assert "cho-tra-loi@example.vn" in html


def test_inviting_again_sends_again_without_a_second_invitation(producer, coop_a_client):
    invite(coop_a_client, producer, "hai-lan@example.vn")
    invite(coop_a_client, producer, "Hai-Lan@Example.vn")
    assert len(mail.outbox) == 1
    assert Invitation.objects.filter(producer=producer, email="hai-lan@example.vn").count() == 1


def test_a_bad_address_is_refused_and_nothing_is_sent(producer, coop_a_client):
    response = invite(coop_a_client, producer, "không phải e-mail")
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert mail.outbox == []
    assert not Invitation.objects.filter(producer=producer).exists()


def test_oscars_partner_user_pages_stay_staff_only(producer, coop_a_client, buyer):
    """Oscar's own pages that find users by e-mail and link them to a partner: not for cooperatives."""
    partner = producer.partner
    select = reverse("dashboard:partner-user-select", kwargs={"partner_pk": partner.pk})
    link = reverse(
        "dashboard:partner-user-link", kwargs={"partner_pk": partner.pk, "user_pk": buyer.pk}
    )
    create = reverse("dashboard:partner-user-create", kwargs={"partner_pk": partner.pk})
    assert coop_a_client.get(select, {"email": buyer.email}).status_code == 403
    assert coop_a_client.post(link).status_code == 403
    response = coop_a_client.post(
        create,
        {"email": "moi@example.vn", "password1": "Mk-2025-htx!", "password2": "Mk-2025-htx!"},
    )
    assert response.status_code == 403
    assert not partner.users.filter(pk=buyer.pk).exists()
    assert not User.objects.filter(email="moi@example.vn").exists()
