"""The fund's reviewers: their queue, one application with notes, checklist and next steps.

A reviewer reaches only the applications to programmes of the funds they review for.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import generic

from .. import checklist, workflow
from ..forms import STEP_FORMS, NoteForm
from ..models import ChecklistTick, LoanApplication, ReviewNote

Status = LoanApplication.Status


class ReviewListView(generic.ListView):
    template_name = "oscar/dashboard/finance/review_list.html"
    context_object_name = "applications"
    paginate_by = 50

    def get_queryset(self):
        queryset = (
            LoanApplication.objects.reviewable_by(self.request.user)
            .select_related("programme__fund", "producer")
            .order_by("-submitted_at", "-pk")
        )
        self.status = self.request.GET.get("status", "")
        if self.status in Status.values:
            queryset = queryset.filter(status=self.status)
        return queryset

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["status"] = self.status
        ctx["statuses"] = [choice for choice in Status.choices if choice[0] != Status.DRAFT]
        return ctx


class ReviewView(generic.DetailView):
    """One application for its fund's reviewers; POST adds a note, ticks a step or moves it."""

    template_name = "oscar/dashboard/finance/review.html"
    context_object_name = "application"

    def get_queryset(self):
        return LoanApplication.objects.reviewable_by(self.request.user).select_related(
            "programme__fund", "producer", "product", "dossier", "certificate", "value_chain"
        )

    def step_forms(self, bound: dict | None = None) -> list[tuple[str, str, object]]:
        bound = bound or {}
        forms = []
        for step in self.object.next_steps(reviewer=True):
            form_class = STEP_FORMS[step]
            form = bound.get(step)
            if form is None and form_class is not None:
                kwargs = {"application": self.object} if step == Status.APPROVED else {}
                form = form_class(prefix=step, **kwargs)
            forms.append((step, Status(step).label, form))
        return forms

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        application = self.object
        done = {tick.key: tick for tick in application.ticks.select_related("done_by")}
        ctx["checklist"] = [(item, done.get(item.key)) for item in checklist.items()]
        ctx["documents"] = application.documents.all()
        ctx["events"] = application.events.select_related("actor")
        ctx["notes"] = application.notes.select_related("author")
        ctx.setdefault("note_form", NoteForm())
        ctx["step_forms"] = self.step_forms(kwargs.get("bound_steps"))
        return ctx

    def post(self, request, *args, **kwargs):
        self.object = application = self.get_object()
        action = request.POST.get("action", "")
        if action == "note":
            form = NoteForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(note_form=form), status=400)
            ReviewNote.objects.create(
                application=application, author=request.user, text=form.cleaned_data["text"]
            )
            messages.success(request, _("The note was added."))
        elif action in ("tick", "untick"):
            key = request.POST.get("key", "")
            if key not in checklist.keys():
                messages.error(request, _("Unknown checklist item."))
                return self.render_to_response(self.get_context_data(), status=400)
            if action == "tick":
                try:
                    with transaction.atomic():
                        ChecklistTick.objects.create(
                            application=application, key=key, done_by=request.user
                        )
                except IntegrityError:
                    pass  # ticked already, perhaps by another reviewer
            else:
                application.ticks.filter(key=key).delete()
        elif action == "step":
            return self.take_step(request, application)
        else:
            messages.error(request, _("Unknown action."))
            return self.render_to_response(self.get_context_data(), status=400)
        return redirect(application.get_review_url())

    def take_step(self, request, application):
        step = request.POST.get("step", "")
        if step not in application.next_steps(reviewer=True):
            messages.error(request, _("This step is not possible now."))
            return self.render_to_response(self.get_context_data(), status=400)
        form_class = STEP_FORMS[step]
        fields = {}
        if form_class is not None:
            kwargs = {"application": application} if step == Status.APPROVED else {}
            form = form_class(request.POST, prefix=step, **kwargs)
            if not form.is_valid():
                ctx = self.get_context_data(bound_steps={step: form})
                return self.render_to_response(ctx, status=400)
            fields = form.cleaned_data
        try:
            workflow.move(application, step, by=request.user, reviewer=True, **fields)
        except workflow.InvalidStep as error:
            for problem in error.messages:
                messages.error(request, problem)
            return self.render_to_response(self.get_context_data(), status=400)
        messages.success(
            request,
            _("Application %(number)s is now: %(status)s.")
            % {"number": application.number, "status": Status(step).label},
        )
        return redirect(application.get_review_url())
