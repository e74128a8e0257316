"""A cooperative's GS1 identity in its dashboard: company prefix, party GLN, places and the
parties it ships to. Everything is scoped to the user's own cooperatives (staff: all), so
another cooperative's identity, place or trading partner is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.core.loading import get_model

from ..place_forms import PlaceForm, PrefixForm, TradingPartnerForm, suggested_prefix
from ..places import Party, Place

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

PREFIX_FROZEN = _(
    "Events with these numbers are published: the prefix cannot change any more. Ask the "
    "alliance's staff if it was wrong."
)


def partners_for(user):
    if user.is_staff:
        return Partner.objects.all()
    return Partner.objects.filter(users=user)


def gtins_of(partner) -> list[str]:
    upcs = Product.objects.filter(stockrecords__partner=partner).values_list("upc", flat=True)
    return sorted({u for u in upcs if u and u.isdigit()})


def identity_url(party: Party) -> str:
    from django.urls import reverse

    return reverse("dashboard:trace-gs1", kwargs={"partner_pk": party.partner_id})


class IdentityListView(generic.View):
    """The cooperatives the user works for; one straight to its identity page."""

    def get(self, request):
        partners = partners_for(request.user).order_by("name")
        if not request.user.is_staff and partners.count() == 1:
            return redirect("dashboard:trace-gs1", partner_pk=partners.get().pk)
        page = Paginator(partners, 50).get_page(request.GET.get("page"))
        return render(
            request, "traceability/dashboard/gs1_list.html", {"page_obj": page, "partners": page}
        )


class PartyMixin:
    def get_party(self) -> Party:
        if not hasattr(self, "_party"):
            partner = get_object_or_404(
                partners_for(self.request.user), pk=self.kwargs["partner_pk"]
            )
            self._party = Party.for_partner(partner)
        return self._party


class IdentityView(PartyMixin, generic.TemplateView):
    """Prefix, PGLN, places and trading partners of one cooperative."""

    template_name = "traceability/dashboard/gs1_identity.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        party = self.get_party()
        gtins = gtins_of(party.partner)
        ctx.update(
            party=party,
            partner=party.partner,
            places=list(party.places.all()),
            trading_partners=list(Party.objects.filter(owner=party.partner).order_by("name")),
            gtins=gtins[:10],
            frozen=party.has_published_events() and bool(party.company_prefix),
            prefix_form=kwargs.get("prefix_form")
            or PrefixForm(
                instance=party,
                gtins=gtins,
                initial={"company_prefix": party.company_prefix or suggested_prefix(gtins)},
            ),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        party = self.get_party()
        if party.company_prefix and party.has_published_events():
            messages.error(request, PREFIX_FROZEN)
            return redirect(identity_url(party))
        form = PrefixForm(request.POST, instance=party, gtins=gtins_of(party.partner))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(prefix_form=form), status=400)
        form.save()
        messages.success(
            request,
            _("The prefix is saved: the cooperative's party GLN is %(gln)s.") % {"gln": party.gln},
        )
        return redirect(identity_url(party))


class PlaceCreateView(PartyMixin, generic.CreateView):
    template_name = "traceability/dashboard/place_form.html"
    form_class = PlaceForm

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "party": self.get_party()}

    def form_valid(self, form):
        form.instance.party = self.get_party()
        form.save()
        messages.success(self.request, _("The place is saved."))
        return redirect(identity_url(form.instance.party))


class PlaceUpdateView(generic.UpdateView):
    template_name = "traceability/dashboard/place_form.html"
    form_class = PlaceForm

    def get_queryset(self):
        return Place.objects.filter(party__partner__in=partners_for(self.request.user))

    def get_object(self, queryset=None):
        place = super().get_object(queryset)
        self.fixed = place.events.filter(batch__status="published").exists()
        return place

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.fixed:  # the GS1 number in published events names this very spot
            form.fields["extension"].disabled = True
        return form

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "party": self.object.party}

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("The place is saved."))
        return redirect(identity_url(self.object.party))


class TradingPartnerCreateView(PartyMixin, generic.CreateView):
    template_name = "traceability/dashboard/place_form.html"
    form_class = TradingPartnerForm

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "party": self.get_party(), "trading": True}

    def form_valid(self, form):
        party = self.get_party()
        if party.partner is None:
            raise Http404("not a cooperative")
        form.instance.owner = party.partner
        form.save()
        messages.success(self.request, _("The trading partner is saved."))
        return redirect(identity_url(party))
