"""Staff review applications; a cooperative edits its profile and invites its users."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import generic

from lib import ratelimit

from .. import invitations, services
from ..forms import CertificationFormSet, InviteForm, PhotoFormSet, ProfileForm, RejectForm
from ..models import Producer

INVITATION_LIMIT = getattr(settings, "PRODUCERS_INVITATIONS_PER_HOUR", 20)


class ProducerListView(generic.ListView):
    """Staff: applications first, then every cooperative, filtered by status."""

    template_name = "oscar/dashboard/producers/producer_list.html"
    context_object_name = "producers"
    paginate_by = 50

    def get_queryset(self):
        queryset = Producer.objects.select_related("partner", "applicant").order_by("-applied_at")
        self.status = self.request.GET.get("status", Producer.Status.APPLIED)
        if self.status in Producer.Status.values:
            queryset = queryset.filter(status=self.status)
        return queryset

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["status"] = self.status
        ctx["statuses"] = Producer.Status.choices
        return ctx


class ProducerReviewView(generic.DetailView):
    """Staff: one application beside its possible duplicates, with the approve and reject forms."""

    template_name = "oscar/dashboard/producers/producer_review.html"
    context_object_name = "producer"
    queryset = Producer.objects.select_related("partner", "applicant").prefetch_related(
        "certifications"
    )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["duplicates"] = Producer.objects.duplicates_of(self.object).select_related("partner")
        ctx.setdefault("reject_form", RejectForm())
        return ctx


class ProducerDecisionView(generic.detail.SingleObjectMixin, generic.View):
    """Staff: approve, reject (with a reason), suspend or reinstate."""

    model = Producer

    def post(self, request, *args, **kwargs):
        producer = self.object = self.get_object()
        decision = request.POST.get("decision")
        try:
            if decision == "approve":
                services.approve(producer, by=request.user)
                messages.success(
                    request, _("%(name)s is approved and can now sell.") % {"name": producer.name}
                )
            elif decision == "reject":
                form = RejectForm(request.POST)
                if not form.is_valid():
                    view = ProducerReviewView(request=request, kwargs=kwargs, object=producer)
                    ctx = view.get_context_data(object=producer, reject_form=form)
                    return view.render_to_response(ctx, status=400)
                services.reject(producer, form.cleaned_data["reason"], by=request.user)
                messages.success(
                    request, _("The application was rejected and the applicant told why.")
                )
            elif decision == "suspend":
                services.suspend(producer, by=request.user)
                messages.success(
                    request,
                    _("%(name)s is suspended and hidden from buyers.") % {"name": producer.name},
                )
            elif decision == "reinstate":
                services.reinstate(producer, by=request.user)
                messages.success(
                    request, _("%(name)s is approved again.") % {"name": producer.name}
                )
            else:
                messages.error(request, _("Unknown decision."))
        except services.InvalidTransition:
            messages.error(
                request,
                _("This cannot be done while the producer is %(status)s.")
                % {"status": producer.get_status_display()},
            )
        return redirect("dashboard:producer-review", pk=producer.pk)


def my_producer(request):
    """A cooperative's user lands on its own profile; staff on the list."""
    if request.user.is_staff:
        return redirect("dashboard:producer-list")
    producer = Producer.objects.editable_by(request.user).first()
    if producer is None:
        raise Http404
    return redirect("dashboard:producer-profile", pk=producer.pk)


class CooperativeObjectMixin:
    """A cooperative's user reaches only its own producer: another one's id is a 404."""

    def get_producer(self) -> Producer:
        queryset = Producer.objects.editable_by(self.request.user).select_related("partner")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])


class ProducerProfileView(CooperativeObjectMixin, generic.UpdateView):
    template_name = "oscar/dashboard/producers/producer_profile.html"
    form_class = ProfileForm
    context_object_name = "producer"

    def get_object(self, queryset=None):
        return self.get_producer()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault(
            "certification_formset",
            CertificationFormSet(instance=self.object, prefix="certifications"),
        )
        ctx.setdefault("photo_formset", PhotoFormSet(instance=self.object, prefix="photos"))
        return ctx

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        certifications = CertificationFormSet(
            request.POST, request.FILES, instance=self.object, prefix="certifications"
        )
        photos = PhotoFormSet(request.POST, request.FILES, instance=self.object, prefix="photos")
        if form.is_valid() and certifications.is_valid() and photos.is_valid():
            with transaction.atomic():
                form.save()
                certifications.save()
                photos.save()
            messages.success(request, _("The profile was saved."))
            return HttpResponseRedirect(
                reverse("dashboard:producer-profile", kwargs={"pk": self.object.pk})
            )
        ctx = self.get_context_data(
            form=form, certification_formset=certifications, photo_formset=photos
        )
        return self.render_to_response(ctx, status=400)


class ProducerUsersView(CooperativeObjectMixin, generic.FormView):
    """The cooperative's users, its pending invitations, and a form to invite someone by e-mail.

    The answer is the same whether or not the address has an account: no one learns from it
    who is registered, and no one is added without accepting.
    """

    template_name = "oscar/dashboard/producers/producer_users.html"
    form_class = InviteForm

    def dispatch(self, request, *args, **kwargs):
        self.producer = self.get_producer()
        if self.producer.partner_id is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["producer"] = self.producer
        ctx["members"] = self.producer.partner.users.order_by("email")
        ctx["invitations"] = self.producer.invitations.pending()
        return ctx

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if not ratelimit.allow(f"producer-invitations:{self.producer.pk}", INVITATION_LIMIT, 3600):
            form.add_error(None, _("Too many invitations in the last hour; try again later."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        invitations.invite(self.producer, email, by=self.request.user)
        messages.success(
            self.request,
            _("An invitation was sent to %(email)s. They join once they accept it.")
            % {"email": email},
        )
        return redirect("dashboard:producer-users", pk=self.producer.pk)


def registration_certificate(request, pk: int):
    """The business registration certificate, for staff and the cooperative's own users only."""
    producer = get_object_or_404(Producer.objects.editable_by(request.user), pk=pk)
    document = producer.registration_certificate
    if not document or not document.storage.exists(document.name):
        raise Http404
    return FileResponse(
        document.open("rb"), as_attachment=True, filename=document.name.rsplit("/", 1)[-1]
    )
