"""Council pages: the session (agenda, attendance, scores), a member's sheet, the decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lib.ids import as_id
from regions import units

from . import council, roles, seating
from .forms import AttendanceForm, DecisionForm, NoteForm, ScoresForm, SeatForm, SessionForm
from .models import Dossier, Level, Seat, SessionDossier
from .roles import sessions_visible_to
from .views import _refused


def _session(request, pk):
    return get_object_or_404(sessions_visible_to(request.user), pk=pk)


def _item(request, pk, dossier_pk) -> SessionDossier:
    session = _session(request, pk)
    return get_object_or_404(
        SessionDossier.objects.select_related("session", "dossier"),
        session=session,
        dossier_id=dossier_pk,
    )


@login_required
def session_list(request):
    sessions = sessions_visible_to(request.user).order_by("-held_on")[:100]
    context = {"sessions": sessions, "may_convene": seating.may_convene_any(request.user)}
    return render(request, "evaluation/session_list.html", context)


def _session_form(request) -> SessionForm:
    user = request.user
    levels = [(value, label) for value, label in Level.choices]
    if not roles.is_all_seeing(user):
        levels = [
            (value, label)
            for value, label in levels
            if (value == Level.CENTRAL and roles.is_central(user))
            or (value == Level.PROVINCE and seating.convenable_provinces(user))
        ]
    allowed = seating.convenable_provinces(user)
    provinces = [
        (p.code, p.name) for p in units.provinces() if allowed is None or p.code in allowed
    ]
    return SessionForm(request.POST or None, levels=levels, provinces=provinces)


@login_required
def session_create(request):
    if not seating.may_convene_any(request.user):
        raise Http404
    form = _session_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            session = seating.convene(request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Session created: now seat its members."))
            return redirect(session)
    return render(request, "evaluation/session_form.html", {"form": form})


@login_required
@require_POST
def seat_add(request, pk):
    session = _session(request, pk)
    form = SeatForm(request.POST, members=seating.eligible_members(session))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(session)
    data = form.cleaned_data
    try:
        seating.add_seat(session, data["member"], data["kind"], data["body"], request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Member seated."))
    return redirect(session)


@login_required
@require_POST
def seat_remove(request, pk, seat_pk):
    session = _session(request, pk)
    seat = get_object_or_404(
        Seat.objects.select_related("session", "user"), session=session, pk=seat_pk
    )
    try:
        seating.remove_seat(seat, request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Seat removed."))
    return redirect(session)


@login_required
def session_detail(request, pk):
    session = _session(request, pk)
    user = request.user
    secretary = council.is_secretary(user, session)
    seat_rows = list(session.seats.select_related("user"))
    present_ids = {seat.user_id for seat in seat_rows if seat.present}
    items = []
    for item in session.items.select_related("dossier", "dossier__producer").prefetch_related(
        "sheets__member"
    ):
        sheets = list(item.sheets.all())
        totals = [s.total for s in sheets if s.round == item.round and s.member_id in present_ids]
        items.append(
            {
                "item": item,
                "sheets": sheets,
                "spread": max(totals) - min(totals) if totals else 0,
                "mine": next(
                    (s for s in sheets if s.member_id == user.pk and s.round == item.round), None
                ),
            }
        )
    present, seats, chair = council.quorum(session)
    context = {
        "session": session,
        "items": items,
        "secretary": secretary,
        "member": user.pk in present_ids,
        "present": present,
        "seat_count": seats,
        "chair_present": chair,
        "quorum": council.has_quorum(session),
        "attendance_form": AttendanceForm(session=session) if secretary else None,
        "seats": seat_rows,
        "seat_form": SeatForm(members=seating.eligible_members(session))
        if secretary and not session.decided_at
        else None,
        "decision_form": DecisionForm() if secretary else None,
        "note_form": NoteForm(),
        "waiting": council.waiting_for(session) if secretary and not session.decided_at else [],
        "max_spread": council.council_rules()["max_spread"],
    }
    return render(request, "evaluation/session_detail.html", context)


@login_required
@require_POST
def session_attendance(request, pk):
    session = _session(request, pk)
    form = AttendanceForm(request.POST, session=session)
    if form.is_valid():
        try:
            council.set_attendance(
                session, {int(i) for i in form.cleaned_data["present"]}, request.user
            )
        except ValidationError as error:
            _refused(request, error)
    return redirect(session)


@login_required
@require_POST
def session_schedule(request, pk):
    session = _session(request, pk)
    dossier_id = as_id(request.POST.get("dossier"))
    dossier = get_object_or_404(Dossier, pk=dossier_id) if dossier_id else None
    if dossier is None:
        raise Http404
    try:
        council.schedule(session, dossier, request.user)
    except ValidationError as error:
        _refused(request, error)
    return redirect(session)


@login_required
def score(request, pk, dossier_pk):
    item = _item(request, pk, dossier_pk)
    if not item.session.seats.filter(user=request.user).exists():
        raise Http404
    mine = item.sheets.filter(member=request.user, round=item.round).first()
    form = ScoresForm(
        request.POST or None, sheet=item.dossier.rubric, initial=mine.scores if mine else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            council.submit_sheet(item, request.user, form.scores())
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Your score sheet is saved."))
            return redirect(item.session)
    context = {
        "dossier": item.dossier,
        "session": item.session,
        "form": form,
        "title": _("Score sheet, round %(round)s") % {"round": item.round},
    }
    return render(request, "evaluation/scores_form.html", context)


@login_required
@require_POST
def finalise(request, pk, dossier_pk):
    item = _item(request, pk, dossier_pk)
    try:
        council.finalise(item, request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Score finalised: %(score)s.") % {"score": item.score})
    return redirect(item.session)


@login_required
@require_POST
def rescore(request, pk, dossier_pk):
    item = _item(request, pk, dossier_pk)
    try:
        council.rescore(item, request.user, request.POST.get("note", ""))
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("A new round is open: members score again."))
    return redirect(item.session)


@login_required
@require_POST
def decide(request, pk):
    session = _session(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(session)
    try:
        council.decide(
            session,
            request.user,
            form.cleaned_data["decision_number"],
            form.cleaned_data["decision_date"],
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect(session)
