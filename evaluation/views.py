"""Dossier pages: a cooperative prepares and submits, the commune checks, the province returns.

Every dossier is looked up among those the visitor may see (`evaluation.roles`): anything
else is a 404. Moves go through `evaluation.workflow.move`; a refused one shows its message
and saves nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import rubrics, workflow
from .certificates import may_revoke
from .forms import CommuneCheckForm, DocumentForm, DossierForm, NoteForm, ScoresForm
from .models import Document, Dossier
from .roles import is_owner


def _dossier(request, pk) -> Dossier:
    return get_object_or_404(
        Dossier.objects.visible_to(request.user).select_related("producer", "product"), pk=pk
    )


def _own(request, pk) -> Dossier:
    dossier = _dossier(request, pk)
    if not (is_owner(request.user, dossier) or request.user.is_staff):
        raise Http404
    return dossier


def _errors(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for messages_ in error.message_dict.values() for m in messages_]
    return list(error.messages)


def _refused(request, error: ValidationError) -> None:
    for message in _errors(error):
        messages.error(request, message)


@login_required
def dossier_list(request):
    dossiers = (
        Dossier.objects.visible_to(request.user)
        .select_related("producer")
        .order_by("-created_at")[:200]
    )
    return render(request, "evaluation/dossier_list.html", {"dossiers": dossiers})


@login_required
def dossier_create(request):
    form = DossierForm(request.POST or None, user=request.user)
    if not form.fields["producer"].queryset.exists():
        raise Http404
    if request.method == "POST" and form.is_valid():
        dossier = form.save(commit=False)
        dossier.created_by = request.user
        dossier.save()
        messages.success(request, _("Dossier started: add its documents, then submit it."))
        return redirect(dossier)
    return render(request, "evaluation/dossier_form.html", {"form": form})


@login_required
def dossier_edit(request, pk):
    dossier = _own(request, pk)
    if not dossier.is_editable:
        messages.error(request, _("Only a draft or a returned dossier can be changed."))
        return redirect(dossier)
    form = DossierForm(request.POST or None, instance=dossier, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect(dossier)
    return render(request, "evaluation/dossier_form.html", {"form": form, "dossier": dossier})


@login_required
def dossier_detail(request, pk):
    dossier = _dossier(request, pk)
    user = request.user
    moves = [name for name in workflow.allowed_moves(dossier) if workflow.may(user, name, dossier)]
    certificate = getattr(dossier, "certificate", None)
    kinds = workflow.document_kinds(dossier)
    names = {kind["code"]: workflow.label(kind) for kind in kinds}
    documents = list(dossier.documents.all())
    for document in documents:
        document.kind_label = names.get(document.kind, document.kind)  # its name, not its code
    context = {
        "dossier": dossier,
        "owner": is_owner(user, dossier) or user.is_staff,
        "documents": documents,
        "events": dossier.events.select_related("actor"),
        "moves": moves,
        "missing": workflow.missing_documents(dossier),
        "kinds": kinds,
        "document_form": DocumentForm(dossier=dossier) if dossier.is_editable else None,
        "note_form": NoteForm(),
        "certificate": certificate,
        "may_revoke": certificate is not None and may_revoke(user, certificate),
        "sheet_rows": _sheet_rows(dossier),
    }
    return render(request, "evaluation/dossier_detail.html", context)


def _sheet_rows(dossier: Dossier) -> list[dict]:
    sheet = dossier.rubric
    if not sheet:
        return []
    rows = []
    for part, criterion in rubrics.criteria(sheet):
        code = criterion["code"]
        rows.append(
            {
                "part": part,
                "code": code,
                "name": workflow.label(criterion),
                "max": criterion["max"],
                "local": criterion.get("local", False),
                "self": dossier.self_assessment.get(code),
                "commune": dossier.commune_scores.get(code),
            }
        )
    return rows


@login_required
@require_POST
def document_upload(request, pk):
    dossier = _own(request, pk)
    if not dossier.is_editable:
        raise Http404
    form = DocumentForm(request.POST, request.FILES, dossier=dossier)
    if form.is_valid():
        Document.objects.create(
            dossier=dossier, kind=form.cleaned_data["kind"], file=form.cleaned_data["file"]
        )
        messages.success(request, _("Document added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(dossier)


@login_required
def document_download(request, pk, document_pk):
    dossier = _dossier(request, pk)
    document = get_object_or_404(dossier.documents, pk=document_pk)
    return FileResponse(document.file.open("rb"), as_attachment=True)


@login_required
def self_assessment(request, pk):
    dossier = _own(request, pk)
    if not dossier.is_editable:
        raise Http404
    sheet = dossier.rubric or _sheet_today(dossier)
    form = ScoresForm(request.POST or None, sheet=sheet, initial=dossier.self_assessment)
    if request.method == "POST" and form.is_valid():
        dossier.self_assessment = form.scores()
        dossier.save(update_fields=["self_assessment", "updated_at"])
        messages.success(request, _("Self-assessment saved."))
        return redirect(dossier)
    context = {"dossier": dossier, "form": form, "title": _("Self-assessment")}
    return render(request, "evaluation/scores_form.html", context)


def _sheet_today(dossier: Dossier) -> dict:
    try:
        return rubrics.in_force(timezone.localdate()).sheet(dossier.product_set)
    except (LookupError, KeyError) as error:
        raise Http404 from error


@login_required
@require_POST
def dossier_move(request, pk, name):
    """submit, withdraw, return (with what is missing): no other move is made from here."""
    if name not in ("submit", "withdraw", "return"):
        raise Http404
    dossier = _dossier(request, pk)
    note = request.POST.get("note", "")
    changes = {"missing": note} if name == "return" else {}
    try:
        workflow.move(dossier, name, request.user, note=note, **changes)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("Done: the dossier is now “%(state)s”.")
            % {"state": Dossier.objects.get(pk=dossier.pk).get_state_display()},
        )
    return redirect(dossier)


@login_required
def commune_check(request, pk):
    dossier = _dossier(request, pk)
    if not workflow.may(request.user, "commune_check", dossier) or not dossier.rubric:
        raise Http404
    form = CommuneCheckForm(request.POST or None, request.FILES or None, dossier=dossier)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                workflow.move(
                    dossier,
                    "commune_check",
                    request.user,
                    note=form.cleaned_data["note"],
                    commune_scores=form.scores(),
                    commune_report=form.cleaned_data["commune_report"],
                )
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Commune check recorded."))
            return redirect(dossier)
    context = {"dossier": dossier, "form": form, "title": _("Commune check"), "multipart": True}
    return render(request, "evaluation/scores_form.html", context)
