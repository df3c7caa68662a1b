"""The statute of limitations in a discipline case (issue 9 point 5; domain.md §6.5,
§11b.9): measured to the day the competent body concluded that the violation requires
discipline (recorded on the case as `statute_end_on`), never to a later ballot, and a
deferral adds no days."""

import datetime

import pytest
from django.utils import timezone

from inspections import journal
from inspections.exceptions import RuleViolation
from inspections.models import Case, DisciplineCase, JournalEntry
from inspections.rules.statute import add_years
from inspections.services import discipline_steps, discipline_votes
from inspections.services.discipline import discipline_setup, discipline_spawn
from inspections.services.teams import conflict_declare
from tests.inspections.services import test_discipline as helpers
from tests.inspections.services.authority_helpers import province_committee
from tests.inspections.services.test_discipline import _open, _pdf, _to_vote

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _spawned(world, open_case, *, origin_concluded_on, violation_start):
    """A discipline case spawned from an inspection whose conclusion was approved on
    `origin_concluded_on`, set up with a violation on `violation_start`."""
    origin = open_case()
    Case.objects.filter(pk=origin.pk).update(concluded_on=origin_concluded_on)
    origin.refresh_from_db()
    case = discipline_spawn(actor=world.staff, origin=origin)
    discipline_setup(
        actor=world.staff,
        case=case,
        violation="Vi phạm",
        violation_start=violation_start,
        body_organisation=world.cell,
        leader=world.leader,
        members=[world.member2],
    )
    for user in (world.leader, world.member2):
        conflict_declare(actor=user, case=case, has_conflict=False)
    return case


def test_a_ballot_after_the_statute_ran_out_is_not_barred_when_the_conclusion_was_inside(world, open_case):
    today = timezone.localdate()
    start = add_years(today, -5) - 30 * DAY  # a reprimand's five years ran out 30 days ago
    concluded = today - 60 * DAY  # but the inspection concluded inside them
    case = _spawned(world, open_case, origin_concluded_on=concluded, violation_start=start)
    assert DisciplineCase.objects.get(case=case).statute_end_on == concluded
    _to_vote(world, case, ["reprimand"] * 3)
    discipline = DisciplineCase.objects.get(case=case)
    assert discipline.voted_on == today > discipline.statute_runs_until
    assert discipline.outcome == "decided" and discipline.statute_expired is False
    entry = JournalEntry.objects.get(case=case, action="discipline.voted")
    assert journal.decoded(entry)["concluded_on"] == concluded.isoformat()


def test_a_conclusion_after_the_statute_ran_out_is_barred(world, open_case):
    today = timezone.localdate()
    start = add_years(today, -5) - 30 * DAY
    concluded = today - 10 * DAY  # the five years ran out 20 days before the conclusion
    case = _spawned(world, open_case, origin_concluded_on=concluded, violation_start=start)
    _to_vote(world, case, ["reprimand"] * 3)
    discipline = DisciplineCase.objects.get(case=case)
    assert discipline.outcome == "statute_expired" and discipline.statute_expired is True
    assert discipline.statute_runs_until == add_years(start, 5) < concluded


def test_a_violation_after_the_conclusion_is_refused_at_set_up(world, open_case):
    today = timezone.localdate()
    with pytest.raises(RuleViolation, match="kết luận vi phạm"):
        _spawned(world, open_case, origin_concluded_on=today - 10 * DAY, violation_start=today - 5 * DAY)


def test_a_deferral_does_not_extend_the_statute(world):
    today = timezone.localdate()
    start = add_years(today, -5) - 10 * DAY  # ran out 10 days ago
    case = _open(world, violation_start=start)
    Case.objects.filter(pk=case.pk).update(opened_on=today - 90 * DAY)
    case.refresh_from_db()
    # Deferred for 60 days (pregnancy), resumed before the meeting.
    discipline_steps.discipline_defer(actor=world.member2, case=case, reason="pregnancy", deferred_on=today - 80 * DAY)
    discipline_steps.discipline_resume(actor=world.staff, case=case, resumed_on=today - 20 * DAY, note="Đã sinh con")
    _to_vote(world, case, ["reprimand"] * 3)
    discipline = DisciplineCase.objects.get(case=case)
    assert discipline.statute_end_on == today
    assert discipline.statute_runs_until == add_years(start, 5)
    assert discipline.outcome == "statute_expired"


def test_a_proposal_to_a_higher_body_does_not_move_the_end_point(world, monkeypatch):
    today = timezone.localdate()
    first = today - 20 * DAY
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: first)
    monkeypatch.setattr(helpers, "TODAY", lambda: first)  # the helpers' own "today"
    case = _open(world, violation_start=first - 100 * DAY)
    _to_vote(world, case, ["expulsion"] * 3)  # beyond the cell: proposed
    discipline_votes.discipline_propose(
        actor=world.staff,
        case=case,
        to_committee=province_committee(world, seated=[world.chair]),
        sent_on=first,
        upload=_pdf(),
    )
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: today)
    monkeypatch.setattr(helpers, "TODAY", lambda: today)
    discipline_votes.discipline_meeting(actor=world.chair, case=case, meeting_on=today, present=[world.chair])
    discipline = DisciplineCase.objects.get(case=case)
    assert (discipline.statute_end_on, discipline.voted_on) == (first, today)
    meetings = JournalEntry.objects.filter(case=case, action="discipline.meeting").order_by("pk")
    assert [journal.decoded(e)["statute_end_on"] for e in meetings] == [first.isoformat()] * 2
