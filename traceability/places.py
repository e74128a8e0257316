"""Who and where, as GS1 keys: the cooperative as a party, its places and its shipping units.

A cooperative's GS1 company prefix (the one its GTINs are built from) gives it a party GLN
(PGLN, AI 417: location reference 0), a GLN per place (AI 414: field, workshop, warehouse,
shop; an AI 254 extension names a part of one) and an SSCC per shipping unit it packs
(AI 00). Numbers are handed out in order under a row lock and never reused.

A cooperative without a prefix can still trace: its party and places get the documented
fallback identifiers ``urn:ocop:party:<cooperative id>`` (``urn:ocop:party:x<id>`` for a
party it recorded) and ``urn:ocop:place:<id>`` (and packed units
``urn:ocop:unit:<event>``), and the EPCIS documents flag them (``ocop:fallbackIdentifiers``)
so a reader knows they are no GS1 keys. Once the prefix is entered, every place gets its GLN.

A journey step names its place (``location``), the other party when goods change hands
(``counterparty``), its shipping unit (``sscc``, packing) and the lots it was made from
(``input_batches``, processing: another cooperative's batch included). Those fields live in
`EventWhereWho`, which `JourneyEvent` inherits.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from lib.i18n import pick

from . import gs1
from .validators import validate_lot

FALLBACK_PARTY, FALLBACK_PLACE, FALLBACK_UNIT = (
    "urn:ocop:party:",
    "urn:ocop:place:",
    "urn:ocop:unit:",
)

NO_ROOM = _("The company prefix has no numbers left for this: ask GS1 Vietnam for another.")


def validate_company_prefix(value: str) -> None:
    try:
        gs1.check_company_prefix(value)
    except gs1.InvalidValue:
        raise ValidationError(
            _("A GS1 company prefix has 6 to 12 digits, e.g. 8931234."), code="prefix"
        ) from None


def validate_gln(value: str) -> None:
    if not gs1.is_valid_gln(value):
        raise ValidationError(
            _("%(value)s is not a valid GLN: 13 digits, the last one the GS1 check digit."),
            code="gln",
            params={"value": value},
        )


class PartyQuerySet(models.QuerySet):
    def cooperatives(self):
        return self.filter(partner__isnull=False)


class Party(models.Model):
    """A party of the supply chain: a cooperative of the marketplace, or one it trades with."""

    partner = models.OneToOneField(
        "partner.Partner",
        verbose_name=_("Cooperative"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="gs1_party",
    )
    # A buyer, shop or carrier a cooperative recorded, with the GLN the other side gave it.
    owner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("Recorded by"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="trading_partners",
    )
    name = models.CharField(_("Name"), max_length=200, blank=True)
    company_prefix = models.CharField(
        _("GS1 company prefix"),
        max_length=12,
        blank=True,
        validators=[validate_company_prefix],
        help_text=_(
            "The number GS1 Vietnam gave the cooperative (893 and 4 to 6 digits); its barcodes "
            "start with it. Places and shipping units get their GS1 numbers from it."
        ),
    )
    gln = models.CharField(_("Party GLN (PGLN)"), max_length=13, blank=True)
    next_location = models.PositiveIntegerField(default=1, editable=False)
    next_sscc = models.PositiveBigIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PartyQuerySet.as_manager()

    class Meta:
        app_label = "traceability"
        ordering = ["name", "pk"]
        verbose_name = _("GS1 party")
        verbose_name_plural = _("GS1 parties")
        constraints = [
            models.CheckConstraint(
                condition=Q(partner__isnull=True) | Q(owner__isnull=True),
                name="trace_party_cooperative_or_recorded",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.partner.name if self.partner_id else self.name

    @property
    def is_fallback(self) -> bool:
        return not self.gln

    def uri(self) -> str:
        """The party in EPCIS: its PGLN as a Digital Link, else the fallback URN."""
        if self.gln:
            return gs1.pgln_uri(self.gln)
        # A cooperative's stays the same whether or not its row exists yet (read paths).
        return (
            f"{FALLBACK_PARTY}{self.partner_id}"
            if self.partner_id
            else f"{FALLBACK_PARTY}x{self.pk}"
        )

    @classmethod
    def for_partner(cls, partner) -> Party:
        party = getattr(partner, "_gs1_party", None)
        if party is None:
            party, _created = cls.objects.get_or_create(partner=partner)
            partner._gs1_party = party
        return party

    def set_prefix(self, prefix: str) -> None:
        """Record the cooperative's prefix: its PGLN, then a GLN for each place without one."""
        gs1.check_company_prefix(prefix)
        with transaction.atomic():
            locked = Party.objects.select_for_update().get(pk=self.pk)
            if locked.company_prefix and locked.company_prefix != prefix:
                # A wrong prefix corrected before anything was published: number anew.
                self.places.update(gln="", location_reference=None)
                locked.next_location = locked.next_sscc = 1
            locked.company_prefix, locked.gln = prefix, gs1.make_gln(prefix, 0)
            locked.save(update_fields=["company_prefix", "gln", "next_location", "next_sscc"])
            self.company_prefix, self.gln = locked.company_prefix, locked.gln
            self.next_location, self.next_sscc = locked.next_location, locked.next_sscc
            for place in self.places.filter(gln="").order_by("pk"):
                place.party = self
                place.assign_gln()
                place.save(update_fields=["gln", "location_reference", "extension"])
            if self.partner_id:  # draft packing steps' units, under the right prefix
                from .models import JourneyEvent

                packed = JourneyEvent.objects.filter(
                    batch__partner_id=self.partner_id, batch__status="draft", kind="packing"
                )
                for event in packed.order_by("pk"):
                    event.sscc = self.allocate_sscc()
                    JourneyEvent.objects.filter(pk=event.pk).update(sscc=event.sscc)

    def _take(self, counter: str) -> int:
        """The next number of ``counter``, under a row lock: two requests never get the same."""
        with transaction.atomic():
            locked = Party.objects.select_for_update().get(pk=self.pk)
            number = getattr(locked, counter)
            Party.objects.filter(pk=self.pk).update(**{counter: number + 1})
        return number

    def allocate_sscc(self) -> str:
        """A new SSCC for a unit this party packs, or "" without a company prefix."""
        if not self.company_prefix:
            return ""
        try:
            return gs1.make_sscc(self.company_prefix, self._take("next_sscc"))
        except ValueError:
            raise ValidationError(NO_ROOM, code="no_room") from None

    def has_published_events(self) -> bool:
        """Whether its keys were already shown to the world: then the prefix stays."""
        return self.places.filter(events__batch__status="published").exists()


def party_of(partner) -> Party:
    """A cooperative's party without writing: an unsaved one (fallback URN) if it has none."""
    party = getattr(partner, "_gs1_party", None)
    if party is None:
        party = Party.objects.filter(partner=partner).first() or Party(partner=partner)
        partner._gs1_party = party
    return party


class Place(models.Model):
    """A place of a cooperative: a field, a workshop, a warehouse, a shop; with its GLN."""

    class Kind(models.TextChoices):
        FIELD = "field", _("Field or growing area")
        WORKSHOP = "workshop", _("Workshop")
        WAREHOUSE = "warehouse", _("Warehouse")
        SHOP = "shop", _("Shop")
        LAB = "lab", _("Laboratory")
        OTHER = "other", _("Other place")

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="places")
    kind = models.CharField(_("Kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("Name"), max_length=200)
    name_en = models.CharField(_("Name (English)"), max_length=200, blank=True)
    address = models.CharField(_("Address"), max_length=255, blank=True)
    extension = models.CharField(
        _("Part of the place (GS1 AI 254)"),
        max_length=20,
        blank=True,
        validators=[validate_lot],
        help_text=_("Optional, e.g. a plot or a room: letters without accents, digits, - . /"),
    )
    location_reference = models.PositiveIntegerField(null=True, blank=True, editable=False)
    gln = models.CharField(_("GLN"), max_length=13, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "traceability"
        ordering = ["kind", "name", "pk"]
        verbose_name = _("Place")
        verbose_name_plural = _("Places")
        constraints = [
            models.UniqueConstraint(
                fields=["gln", "extension"], condition=~Q(gln=""), name="trace_place_gln_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_name()} ({self.gln})" if self.gln else self.get_name()

    def save(self, *args, **kwargs):
        with transaction.atomic():
            self.assign_gln()
            super().save(*args, **kwargs)

    def get_name(self) -> str:
        return pick(self, "name")

    def uri(self) -> str:
        """The place in EPCIS: its GLN (with extension) as a Digital Link, else the fallback."""
        if self.gln:
            return gs1.gln_uri(self.gln, self.extension)
        return f"{FALLBACK_PLACE}{self.pk}"

    def assign_gln(self) -> None:
        """The next location reference under the party's prefix; when none is left, the
        party's own GLN with this place's number as extension."""
        prefix = self.party.company_prefix
        if self.gln or not prefix:
            return
        if self.party.next_location <= gs1.location_capacity(prefix):
            reference = self.party._take("next_location")
            if reference <= gs1.location_capacity(prefix):
                self.location_reference, self.gln = reference, gs1.make_gln(prefix, reference)
                return
        self.gln = self.party.gln or gs1.make_gln(prefix, 0)
        self.extension = self.extension or f"P{self.pk or self.party._take('next_location')}"


class EventWhereWho(models.Model):
    """What a journey step adds to the EPCIS "where, who, what from": see the module doc."""

    location = models.ForeignKey(
        Place,
        verbose_name=_("Place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("One of the cooperative's places; its GLN says where in the EPCIS data."),
    )
    counterparty = models.ForeignKey(
        Party,
        verbose_name=_("Shipped to or received from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For shipping and receiving: the party the goods go to or come from."),
    )
    sscc = models.CharField(_("SSCC of the packed unit"), max_length=18, blank=True)
    input_batches = models.ManyToManyField(
        "traceability.Batch",
        verbose_name=_("Made from"),
        blank=True,
        related_name="used_in",
        help_text=_("For processing: the lots it was made from, another cooperative's included."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.kind == "packing" and not self.sscc:
            self.sscc = Party.for_partner(self.batch.partner).allocate_sscc()
        super().save(*args, **kwargs)


@receiver(m2m_changed, dispatch_uid="traceability.places.inputs_changed")
def inputs_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    """Both lots' origin pages list the link ("made from", "used to make"): both change."""
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    if sender._meta.db_table != "traceability_journeyevent_input_batches":
        return
    from .models import Batch, JourneyEvent

    if reverse:  # batch.used_in.add(event…)
        touched = {instance.pk} | set(
            JourneyEvent.objects.filter(pk__in=pk_set).values_list("batch_id", flat=True)
        )
    else:
        touched = {instance.batch_id, *pk_set}
    for batch in Batch.objects.filter(pk__in=touched):
        batch.touch()
