"""Public pages: the list of cooperatives, a cooperative's profile with its enquiry form, applying."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.core.loading import get_model

from lib import ratelimit
from lib.http import client_ip

from . import invitations, services
from .forms import ApplicationForm, CertificationFormSet, EnquiryForm, ProducerFilterForm
from .models import Certification, Producer

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

ENQUIRY_LIMIT = getattr(settings, "PRODUCERS_ENQUIRIES_PER_HOUR", 5)


class ProducerListView(generic.ListView):
    template_name = "producers/producer_list.html"
    context_object_name = "producers"
    paginate_by = 24

    def get_queryset(self):
        self.form = ProducerFilterForm(self.request.GET or None)
        queryset = Producer.objects.for_listing()
        if self.form.is_bound and self.form.is_valid():
            data = self.form.cleaned_data
            if data["province"]:
                queryset = queryset.filter(province_code=data["province"])
            if data["certification"]:
                queryset = queryset.filter(certifications__kind=data["certification"])
            if data["sector"]:
                sector = Category.objects.filter(pk=data["sector"], depth=1).first()
                if sector:
                    queryset = queryset.filter(
                        partner__stockrecords__product__categories__path__startswith=sector.path,
                        partner__stockrecords__product__is_public=True,
                    )
            queryset = queryset.distinct()
        return queryset

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["form"] = self.form
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["querystring"] = query.urlencode()
        return ctx


class ProducerDetailView(generic.DetailView):
    """A cooperative's profile; POST sends its enquiry form."""

    template_name = "producers/producer_detail.html"
    context_object_name = "producer"
    products_shown = 12

    def get_queryset(self):
        return (
            Producer.objects.approved()
            .select_related("partner")
            .prefetch_related(
                Prefetch("certifications", queryset=Certification.objects.order_by("kind")),
                "photos",
                "value_chains",
            )
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        producer = self.object
        products = producer.products().order_by("-date_created")
        cards = products.for_cards() if hasattr(products, "for_cards") else products.base_queryset()
        ctx["products"] = list(cards[: self.products_shown])
        ctx["product_count"] = products.count()
        ctx["ocop_rated_count"] = producer.ocop_rated_count()
        ctx.setdefault("enquiry_form", EnquiryForm())
        return ctx

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = EnquiryForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(enquiry_form=form), status=400)
        if form.is_spam():
            # Pretend it went, so a bot learns nothing.
            messages.success(request, _("Your message was sent to the cooperative."))
            return HttpResponseRedirect(self.object.get_absolute_url())
        if not self._within_rate_limit(request):
            form.add_error(
                None, _("You have sent several messages already; please try again in an hour.")
            )
            return self.render_to_response(self.get_context_data(enquiry_form=form), status=429)
        data = form.cleaned_data
        services.send_enquiry(
            self.object,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            message=data["message"],
        )
        messages.success(request, _("Your message was sent to the cooperative."))
        return HttpResponseRedirect(self.object.get_absolute_url())

    @staticmethod
    def _within_rate_limit(request) -> bool:
        return ratelimit.allow(f"producers:enquiry:{client_ip(request)}", ENQUIRY_LIMIT, 60 * 60)


class ApplyView(LoginRequiredMixin, generic.CreateView):
    """A signed-in user applies for their cooperative to sell on the marketplace."""

    template_name = "producers/apply.html"
    form_class = ApplicationForm

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("certification_formset", CertificationFormSet(prefix="certifications"))
        return ctx

    def post(self, request, *args, **kwargs):
        self.object = None
        form = self.get_form()
        formset = CertificationFormSet(request.POST, request.FILES, prefix="certifications")
        if form.is_valid() and formset.is_valid():
            with transaction.atomic():
                form.instance.applicant = request.user
                form.instance.status = Producer.Status.APPLIED
                producer = form.save()
                formset.instance = producer
                formset.save()
            messages.success(
                request,
                _("Thank you: your application was received. Alliance staff will review it."),
            )
            return redirect("producers:applications")
        return self.render_to_response(
            self.get_context_data(form=form, certification_formset=formset)
        )


class MyApplicationsView(LoginRequiredMixin, generic.ListView):
    template_name = "producers/my_applications.html"
    context_object_name = "applications"

    def get_queryset(self):
        return Producer.objects.filter(applicant=self.request.user).order_by("-applied_at")


class InvitationView(LoginRequiredMixin, generic.TemplateView):
    """The link in an invitation: the invited person, signed in, accepts or declines it."""

    template_name = "producers/invitation.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.invitation = invitations.from_token(kwargs["token"])
        except invitations.InvalidInvitation:
            return self.refuse(
                _(
                    "This invitation link is not valid: it has expired, was already used, or was not copied whole."
                ),
                status=404,
            )
        try:
            invitations.check(self.invitation, request.user, accept=False)
        except invitations.WrongAccount:
            return self.refuse(
                _(
                    "This invitation was sent to another e-mail address. Sign in with the address that received it."
                ),
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def refuse(self, message: str, status: int):
        return self.render_to_response({"error": message}, status=status)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["invitation"] = self.invitation
        return ctx

    def post(self, request, *args, **kwargs):
        decision = request.POST.get("decision")
        if decision not in ("accept", "decline"):
            return self.render_to_response(
                self.get_context_data(error=_("Choose whether to accept or decline.")), status=400
            )
        try:
            invitation = invitations.answer(
                self.invitation, request.user, accept=decision == "accept"
            )
        except invitations.CannotJoin:
            return self.refuse(
                _("%(producer)s cannot take new members at the moment.")
                % {"producer": self.invitation.producer.name},
                status=409,
            )
        except invitations.InvalidInvitation:
            return self.refuse(_("This invitation was already answered."), status=409)
        if decision == "accept":
            messages.success(
                request,
                _("You now manage %(producer)s. Its shop is in the dashboard.")
                % {"producer": invitation.producer.name},
            )
            return redirect("dashboard:index")
        messages.info(
            request,
            _("You declined the invitation to %(producer)s.")
            % {"producer": invitation.producer.name},
        )
        return redirect("/")
