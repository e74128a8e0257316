"""Two secretaries record the council's decision at the same moment: the session decides once,
one certificate is issued, each move is logged once; the other is told it has decided.

Real threads over committed data, each with its own database connection: the session's row
lock in `evaluation.council.decide` serialises them.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from evaluation import council
from evaluation.models import Certificate, Event, Session, State
from evaluation.workflow import WorkflowError
from tests import evaluation_world as world
from tests.concurrency import at_once
from tests.factories import remove_cooperatives


@pytest.fixture
def ready(committed_db):
    producer, owner, product = world.cooperative()
    commune_officer = world.officer("commune_officer", commune=world.COMMUNE)
    secretaries = [world.officer("province_secretary") for _ in range(2)]
    dossier = world.checked(world.draft(producer, owner, product), owner, commune_officer)
    held, members = world.session(secretary=secretaries[0])
    item = council.schedule(held, dossier, secretaries[0])
    world.scored(item, members, [75, 76, 77])
    council.finalise(item, secretaries[0])
    yield held, dossier, secretaries
    Session.objects.filter(pk=held.pk).delete()
    remove_cooperatives(producer.partner)
    people = [commune_officer, *secretaries, *members]
    get_user_model().objects.filter(pk__in=[p.pk for p in people]).delete()


def test_a_session_decides_once_when_two_secretaries_press_at_once(ready):
    held, dossier, secretaries = ready

    def decide(secretary, number) -> str:
        session = Session.objects.get(pk=held.pk)
        try:
            council.decide(session, secretary, number, world.decision_date())
        except WorkflowError:
            return "refused"
        return "decided"

    outcomes = at_once(
        lambda: decide(secretaries[0], "10/QĐ-UBND"), lambda: decide(secretaries[1], "11/QĐ-UBND")
    )
    assert sorted(outcomes) == ["decided", "refused"]
    assert Certificate.objects.filter(dossier=dossier).count() == 1
    assert Event.objects.filter(dossier=dossier, to_state=State.CERTIFIED).count() == 1
    held.refresh_from_db()
    assert Certificate.objects.get(dossier=dossier).decision_number == held.decision_number
