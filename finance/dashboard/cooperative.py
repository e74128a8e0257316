"""A cooperative's side: the pre-check, its applications, their documents and history.

Everything is looked up through the user's own cooperatives: another one's id is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import generic

from producers.models import Producer

from .. import eligibility, workflow
from ..forms import ApplicationForm, DocumentForm, PreCheckForm, eligibility_results
from ..models import ApplicationDocument, EligibilityCheck, LoanApplication, LoanProgramme

Status = LoanApplication.Status


def own_producer(user) -> Producer:
    """The approved cooperative the user acts for; a 404 for anybody else."""
    producer = (
        Producer.objects.filter(partner__users=user, status=Producer.Status.APPROVED)
        .order_by("pk")
        .first()
    )
    if producer is None:
        raise Http404
    return producer


def open_programmes(producer: Producer):
    return (
        LoanProgramme.objects.open()
        .for_province(producer.province_code)
        .select_related("fund")
        .order_by("fund__province_code", "name")
    )


class PreCheckView(generic.FormView):
    """The questions, then which programmes the cooperative may apply to and why not the others."""

    template_name = "oscar/dashboard/finance/precheck.html"
    form_class = PreCheckForm

    def dispatch(self, request, *args, **kwargs):
        self.producer = own_producer(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "producer": self.producer}

    def form_valid(self, form):
        answers = form.answers()
        check = EligibilityCheck.objects.create(
            producer=self.producer,
            product=form.cleaned_data.get("product"),
            answers=answers,
            created_by=self.request.user,
        )
        results = eligibility_results(
            open_programmes(self.producer), answers, self.producer.province_code
        )
        return self.render_to_response(
            self.get_context_data(form=form, check=check, results=results)
        )

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


def latest_check(producer: Producer) -> EligibilityCheck | None:
    return producer.eligibility_checks.order_by("-created_at", "-pk").first()


class ApplicationFormMixin:
    template_name = "oscar/dashboard/finance/application_form.html"

    def render_form(self, form, status=200):
        context = {
            "form": form,
            "programme": self.programme,
            "application": getattr(self, "application", None),
        }
        return render(self.request, self.template_name, context, status=status)

    def save(self, form, submitting: bool) -> LoanApplication | None:
        """Save the application and its files, and submit it when asked: all or nothing."""
        new = form.instance.pk is None
        stored: list[ApplicationDocument] = []
        try:
            with transaction.atomic():
                application = form.save()
                if new:
                    workflow.log_created(application, self.request.user)
                for kind, upload in form.uploads():
                    stored.append(
                        ApplicationDocument.objects.create(
                            application=application,
                            kind=kind,
                            file=upload,
                            uploaded_by=self.request.user,
                        )
                    )
                if submitting:
                    workflow.move(
                        application, Status.SUBMITTED, by=self.request.user, reviewer=False
                    )
        except workflow.InvalidStep as error:
            for document in stored:
                document.file.delete(save=False)
            for problem in error.messages:
                form.add_error(None, problem)
            if new:
                form.instance.pk = None
                form.instance._state.adding = True
            return None
        return application

    def saved(self, application: LoanApplication, submitting: bool):
        text = (
            _("Application %(number)s was submitted.")
            if submitting
            else _("Draft %(number)s was saved.")
        )
        messages.success(self.request, text % {"number": application.number})
        return redirect(application.get_absolute_url())

    def post(self, request, *args, **kwargs):
        submitting = request.POST.get("action") == "submit"
        form = self.form(request.POST, request.FILES, submitting)
        if not form.is_valid():
            return self.render_form(form, status=400)
        application = self.save(form, submitting)
        if application is None:
            return self.render_form(form, status=400)
        return self.saved(application, submitting)


class ApplyView(ApplicationFormMixin, generic.View):
    """A new application to one programme the cooperative's latest pre-check allows."""

    def dispatch(self, request, *args, **kwargs):
        self.producer = own_producer(request.user)
        self.programme = get_object_or_404(open_programmes(self.producer), pk=kwargs["programme"])
        self.check = latest_check(self.producer)
        outcome = (
            eligibility.check(self.programme, self.check.answers, self.producer.province_code)
            if self.check
            else None
        )
        if outcome is None or not outcome.eligible:
            text = (
                _("Answer the pre-check first: it tells which programmes you may apply to.")
                if outcome is None
                else _("Your latest pre-check does not meet this programme's conditions.")
            )
            messages.warning(request, text)
            return redirect("dashboard:finance-precheck")
        return super().dispatch(request, *args, **kwargs)

    def new_instance(self) -> LoanApplication:
        product = self.check.product
        return LoanApplication(
            producer=self.producer,
            programme=self.programme,
            eligibility_check=self.check,
            answers=self.check.answers,
            created_by=self.request.user,
            product=product,
        )

    def form(self, data=None, files=None, submitting=False):
        return ApplicationForm(
            data,
            files,
            instance=self.new_instance(),
            programme=self.programme,
            producer=self.producer,
            submitting=submitting,
        )

    def get(self, request, *args, **kwargs):
        return self.render_form(self.form())


class EditView(ApplicationFormMixin, generic.View):
    """A draft, or an application the fund sent back for more documents."""

    def dispatch(self, request, *args, **kwargs):
        queryset = LoanApplication.objects.of_cooperative_user(request.user)
        self.application = get_object_or_404(queryset, pk=kwargs["pk"])
        if not self.application.is_editable:
            raise Http404
        self.programme = self.application.programme
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None, files=None, submitting=False):
        return ApplicationForm(
            data,
            files,
            instance=self.application,
            programme=self.programme,
            producer=self.application.producer,
            submitting=submitting,
        )

    def get(self, request, *args, **kwargs):
        return self.render_form(self.form())


class ApplicationListView(generic.ListView):
    template_name = "oscar/dashboard/finance/application_list.html"
    context_object_name = "applications"
    paginate_by = 50

    def get_queryset(self):
        return (
            LoanApplication.objects.of_cooperative_user(self.request.user)
            .select_related("programme__fund", "producer")
            .order_by("-created_at", "-pk")
        )


class ApplicationDetailView(generic.DetailView):
    """The application, its documents and its history; more documents while it is editable."""

    template_name = "oscar/dashboard/finance/application_detail.html"
    context_object_name = "application"

    def get_queryset(self):
        return LoanApplication.objects.of_cooperative_user(self.request.user).select_related(
            "programme__fund", "producer", "product", "dossier", "certificate", "value_chain"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["documents"] = self.object.documents.all()
        ctx["events"] = self.object.events.select_related("actor")
        ctx.setdefault("document_form", DocumentForm())
        return ctx

    def post(self, request, *args, **kwargs):
        """Add one document (draft or more documents needed), or submit again."""
        self.object = application = self.get_object()
        if not application.is_editable:
            raise Http404
        if request.POST.get("action") == "submit":
            try:
                workflow.move(application, Status.SUBMITTED, by=request.user, reviewer=False)
            except workflow.InvalidStep as error:
                for problem in error.messages:
                    messages.error(request, problem)
                return self.render_to_response(self.get_context_data(), status=400)
            messages.success(
                request, _("Application %(number)s was submitted.") % {"number": application.number}
            )
            return redirect(application.get_absolute_url())
        form = DocumentForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(document_form=form), status=400)
        document = form.save(commit=False)
        document.application, document.uploaded_by = application, request.user
        document.save()
        messages.success(request, _("The document was added."))
        return redirect(application.get_absolute_url())


def document(request, pk: int, document_pk: int):
    """A document of an application: for the cooperative's own users and the fund's reviewers."""
    application = get_object_or_404(LoanApplication.objects.visible_to(request.user), pk=pk)
    item = get_object_or_404(application.documents, pk=document_pk)
    if not item.file or not item.file.storage.exists(item.file.name):
        raise Http404
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.filename)
