"""A cooperative's API tokens in the dashboard: its users make, list and revoke them.

Like the producers dashboard, a user reaches only their own cooperative (another one's id is
a 404, `CooperativeObjectMixin`). A new token's secret is shown once, on the answer to the
form that made it, and never again: only its SHA-256 is stored.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic

from producers.dashboard.views import CooperativeObjectMixin
from producers.models import Producer

from ..models import ApiToken, Scope


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("e.g. Farm software"))
    scopes = forms.MultipleChoiceField(
        label=_("What may it do?"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Scope.READ],
    )


def my_tokens(request):
    """A cooperative's user lands on their own cooperative's tokens."""
    producer = Producer.objects.filter(partner__users=request.user).first()
    if producer is None:
        raise Http404
    return redirect("api_dashboard:token-list", pk=producer.pk)


class CooperativeTokensMixin(CooperativeObjectMixin):
    def dispatch(self, request, *args, **kwargs):
        self.producer = self.get_producer()
        # Tokens act as one of the cooperative's users: staff outside it make none.
        if (
            self.producer.partner_id is None
            or not self.producer.partner.users.filter(pk=request.user.pk).exists()
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class TokenListView(CooperativeTokensMixin, generic.FormView):
    template_name = "api/dashboard/tokens.html"
    form_class = TokenForm

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["producer"] = self.producer
        ctx["tokens"] = ApiToken.objects.filter(partner=self.producer.partner).select_related(
            "created_by"
        )
        return ctx

    def form_valid(self, form):
        token, secret = ApiToken.issue(
            self.producer.partner,
            form.cleaned_data["name"],
            form.cleaned_data["scopes"],
            self.request.user,
        )
        messages.success(self.request, _("The token is made. Copy it now: it is not shown again."))
        ctx = self.get_context_data(form=TokenForm(), new_token=token, secret=secret)
        response = self.render_to_response(ctx, status=201)
        response["Cache-Control"] = "no-store"
        return response

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TokenRevokeView(CooperativeTokensMixin, generic.View):
    def post(self, request, *args, **kwargs):
        token = get_object_or_404(
            ApiToken, partner=self.producer.partner, pk=self.kwargs["token_pk"]
        )
        token.revoke(request.user)
        messages.success(request, _("The token %(name)s is revoked.") % {"name": token.name})
        return redirect("api_dashboard:token-list", pk=self.producer.pk)
