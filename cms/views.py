"""Cooperatives' registrations for fair booths and training sessions (served by the pages' routes)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .forms import BoothRegistrationForm, SessionRegistrationForm
from .registration import (
    RegistrationRefused,
    apply_for_booth,
    approved_cooperative,
    check_booth_registration,
    check_session_registration,
    register_for_session,
)


def _refusal(user, check) -> tuple[object | None, str]:
    """The user's approved cooperative and why it may not register (empty when it may)."""
    try:
        producer = approved_cooperative(user)
        check(producer)
    except RegistrationRefused as refusal:
        return None, refusal.message
    return producer, ""


def booth_registration(request, event):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    producer, refusal = _refusal(request.user, lambda p: check_booth_registration(event, p))
    form = BoothRegistrationForm(request.POST or None, producer=producer)
    status = 200
    if request.method == "POST" and not refusal:
        if form.is_valid():
            try:
                apply_for_booth(
                    event,
                    request.user,
                    products=form.cleaned_data["products"],
                    contact_name=form.cleaned_data["contact_name"],
                    contact_phone=form.cleaned_data["contact_phone"],
                    note=form.cleaned_data["note"],
                )
            except RegistrationRefused as exc:
                refusal = exc.message
            else:
                messages.success(
                    request,
                    _(
                        "Your application for a booth was received. The alliance's staff will review it."
                    ),
                )
                return redirect(event.url)
        status = 400
    elif request.method == "POST":
        status = 400
    return TemplateResponse(
        request,
        "cms/booth_registration.html",
        {"page": event, "self": event, "form": form, "refusal": refusal, "producer": producer},
        status=status,
    )


def session_registration(request, course, session_id: int):
    session = get_object_or_404(course.sessions.all(), pk=session_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    producer, refusal = _refusal(
        request.user, lambda p: check_session_registration(session, request.user)
    )
    initial = {"participant_name": request.user.get_full_name()}
    form = SessionRegistrationForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if not refusal and form.is_valid():
            try:
                register_for_session(session, request.user, **form.cleaned_data)
            except RegistrationRefused as exc:
                refusal = exc.message
            else:
                messages.success(request, _("You are registered for this training session."))
                return redirect(course.url)
    return TemplateResponse(
        request,
        "cms/session_registration.html",
        {
            "page": course,
            "self": course,
            "session": session,
            "form": form,
            "refusal": refusal,
            "producer": producer,
        },
        status=status,
    )
