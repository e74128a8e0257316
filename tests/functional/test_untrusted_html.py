"""What cooperatives, buyers and applicants write never runs as script on our pages.

Rich text (product descriptions and stories, producer stories, rich-text attribute values) is
cut to lib/html.py's allow-list when saved, and shown through the `clean_html` filter, so rows
saved before the sanitiser are safe too. Plain text (batch and journey texts, enquiries,
registrations, reviews) is escaped by the templates.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from cms.models import BoothRegistration, SessionRegistration
from compliance import listings
from producers.models import Producer
from tests.factories import BatchFactory, ProductFactory
from tests.functional.test_fair_registration import apply, make_event
from tests.functional.test_origin_page import scan
from tests.functional.test_producer_dashboard import profile_data
from tests.functional.test_producer_onboarding import product_form_data
from tests.functional.test_producer_pages import enquiry
from traceability.models import Batch, JourneyEvent

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductReview = get_model("reviews", "ProductReview")

ATTACK = (
    "<p>Gốm men lam <strong>Bát Tràng</strong></p>"
    "<img src=x onerror=alert(1)>"
    "<script>window.pwned = true</script>"
    '<a href="javascript:alert(2)">xem thêm</a>'
)

SHORT_ATTACK = "<script>window.pwned = true</script><img src=x onerror=alert(1)>"  # fits 100


def assert_harmless(html: str) -> None:
    """No element or attribute of the attack survived as markup."""
    for bad in (
        "<script>window.pwned",
        "<img src=x",
        '<a href="javascript:',
        "<a href=javascript:",
    ):
        assert bad not in html, bad


def assert_escaped(html: str) -> None:
    """Plain text shown as text: the tags are visible characters, not elements."""
    assert "&lt;script&gt;window.pwned = true&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert_harmless(html)


def test_a_product_description_saved_through_the_dashboard_is_cleaned(coop_a_client, coop_a_user):
    product = ProductFactory(partner=coop_a_user.partners.get())
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    form = coop_a_client.get(url).context["form"]
    data = product_form_data(coop_a_client, url)
    data.update({f.html_name: f.value() for f in form if f.value() not in (None, False)})
    data["description"] = ATTACK
    response = coop_a_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    product.refresh_from_db()
    assert product.description == (
        '<p>Gốm men lam <strong>Bát Tràng</strong></p><a rel="nofollow ugc noopener">xem thêm</a>'
    )
    listings.approve(product)  # a changed description waits for staff review (#16)
    html = coop_a_client.get(product.get_absolute_url()).content.decode()
    assert "<p>Gốm men lam <strong>Bát Tràng</strong></p>" in html
    assert_harmless(html)


def test_an_old_unsanitised_product_description_and_story_render_safely(client):
    product = ProductFactory()
    Product.objects.filter(pk=product.pk).update(description=ATTACK, story=ATTACK)  # no save()
    html = client.get(product.get_absolute_url()).content.decode()
    assert html.count("<p>Gốm men lam <strong>Bát Tràng</strong></p>") == 2
    assert_harmless(html)


def test_rich_text_attribute_values_are_cleaned_on_save():
    product = ProductFactory()
    attribute = ProductAttribute.objects.create(
        product_class=product.get_product_class(),
        name="Mô tả thêm",
        code="mo_ta_them",
        type=ProductAttribute.RICHTEXT,
    )
    value = ProductAttributeValue.objects.create(
        product=product, attribute=attribute, value_richtext=ATTACK
    )
    value.refresh_from_db()
    assert value.value_richtext.startswith("<p>Gốm men lam")
    assert_harmless(value.value_richtext)
    assert_harmless(str(value.value_as_html))


def test_a_producer_story_saved_through_the_profile_form_is_escaped_then_cleaned(
    coop_a_client, coop_a_user
):
    producer = Producer.objects.get(partner__users=coop_a_user)
    url = reverse("dashboard:producer-profile", kwargs={"pk": producer.pk})
    response = coop_a_client.post(url, profile_data(coop_a_client, url, story=ATTACK))
    assert response.status_code == 302, response.context and response.context["form"].errors
    producer.refresh_from_db()
    # The form takes plain text: what looked like tags is stored as text.
    assert producer.story.startswith("<p>&lt;p&gt;Gốm men lam")
    html = coop_a_client.get(producer.get_absolute_url()).content.decode()
    assert_escaped(html)


def test_a_producer_story_saved_as_html_keeps_only_the_allow_list():
    producer = Producer.objects.approved().order_by("pk").first()
    producer.story = ATTACK
    producer.save()
    producer.refresh_from_db()
    assert producer.story == (
        '<p>Gốm men lam <strong>Bát Tràng</strong></p><a rel="nofollow ugc noopener">xem thêm</a>'
    )


def test_an_old_unsanitised_producer_story_renders_safely(client, staff_client):
    producer = Producer.objects.approved().order_by("pk").first()
    Producer.objects.filter(pk=producer.pk).update(story=ATTACK)  # no save()
    html = client.get(producer.get_absolute_url()).content.decode()
    assert "<p>Gốm men lam <strong>Bát Tràng</strong></p>" in html
    assert_harmless(html)
    review = reverse("dashboard:producer-review", kwargs={"pk": producer.pk})
    html = staff_client.get(review).content.decode()
    assert "<p>Gốm men lam <strong>Bát Tràng</strong></p>" in html
    assert_harmless(html)


def test_batch_and_journey_texts_are_shown_as_text(client, coop_a_user, coop_a_client):
    product = ProductFactory(partner=coop_a_user.partners.get())
    batch = BatchFactory(product=product, events=0, publish=False, inputs=ATTACK, notes=ATTACK)
    JourneyEvent.objects.create(
        batch=batch,
        kind=JourneyEvent.Kind.HARVEST,
        occurred_at=batch.created_at,
        place="Bát Tràng",
        actor=ATTACK,
        description=ATTACK,
    )
    batch.publish()
    html = scan(client, Batch.objects.get(pk=batch.pk).uri).content.decode()
    assert html.count("&lt;script&gt;window.pwned") >= 3  # inputs, the actor, the description
    assert_escaped(html)
    html = coop_a_client.get(batch.get_absolute_url()).content.decode()
    assert_escaped(html)


def test_an_enquiry_is_mailed_as_plain_text_and_shown_back_escaped(client):
    producer = Producer.objects.approved().order_by("pk").first()
    mail.outbox.clear()
    response = client.post(producer.get_absolute_url(), enquiry(message=ATTACK))
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.content_subtype == "plain" and not getattr(message, "alternatives", None)
    # A form sent back with an error shows the message as text.
    response = client.post(producer.get_absolute_url(), enquiry(message=ATTACK, email="x"))
    assert response.status_code == 400
    assert_escaped(response.content.decode())


def test_registrations_are_shown_as_text_to_staff(coop_a_client, coop_a_user, staff_client):
    event = make_event(slug="hoi-cho-xss")
    response = apply(coop_a_client, coop_a_user, event, note=ATTACK, contact_name=SHORT_ATTACK)
    assert response.status_code == 302
    registration = BoothRegistration.objects.get(event=event)
    assert registration.note == ATTACK  # plain text, kept as written
    for url in (
        "/cms/booth_registrations/",
        f"/cms/booth_registrations/inspect/{registration.pk}/",
        f"/cms/booth_registrations/edit/{registration.pk}/",
    ):
        html = staff_client.get(url).content.decode()
        assert "<script>window.pwned" not in html, url
        assert "<img src=x" not in html, url


def test_training_registration_names_are_shown_as_text_to_staff(staff_client, coop_a_user):
    from cms.models import TrainingSession

    session = TrainingSession.objects.first()
    registration = SessionRegistration.objects.create(
        session=session,
        producer=Producer.objects.get(partner__users=coop_a_user),
        user=coop_a_user,
        participant_name=SHORT_ATTACK,
        participant_role=SHORT_ATTACK,
        phone="0912345678",
    )
    for url in (
        "/cms/training_registrations/",
        f"/cms/training_registrations/inspect/{registration.pk}/",
    ):
        html = staff_client.get(url).content.decode()
        assert "<script>window.pwned" not in html, url
        assert "<img src=x" not in html, url


def test_reviews_are_shown_as_text(client, buyer):
    product = ProductFactory()
    review = ProductReview.objects.create(
        product=product,
        user=buyer,
        title=ATTACK[:255],
        body=ATTACK,
        score=5,
        status=ProductReview.APPROVED,
    )
    for url in (product.get_absolute_url(), review.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "<script>window.pwned" not in html, url
        assert "<img src=x" not in html, url
