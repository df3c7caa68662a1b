"""The province whose rules govern a case is fixed when its clock starts (issue 9 point 4):
`Case.rules_province`, set by inspections.deadlines.start_clock and journaled with the
version applied, is what every later computation of the case's own time limit reads (the
denunciation's pause, resume and extension, the panel's allowance), so a committee whose
organisation moves to another province with its own rule keeps the first province's rule."""

import datetime

import pytest
from django.utils import timezone

from inspections import deadlines, journal
from inspections.models import Case, Holiday, JournalEntry, TimeLimitRule
from inspections.rules.deadlines import add_working_days
from inspections.selectors import denunciations as selectors
from inspections.services import denunciation_actions as actions
from inspections.services import denunciations as services
from inspections.services import thematic_supervision as supervision
from inspections.services.rules import rule_version_save
from inspections.services.teams import conflict_declare
from people.models import Organisation, OrgLevel
from people.services.organisations import organisation_create

pytestmark = pytest.mark.django_db
D = datetime.date
RECEIVED = D(2026, 3, 16)  # a Monday
RESUMED = D(2026, 4, 13)  # four weeks later: 20 working days without holidays
NONE = frozenset()


@pytest.fixture
def clock(monkeypatch):
    def _set(day: datetime.date) -> None:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return _set


@pytest.fixture(autouse=True)
def _no_holidays(db):
    # Plain weekday arithmetic (the holiday calendar is tested elsewhere).
    Holiday.objects.filter(day__year__in=[2026, 2027]).delete()


@pytest.fixture
def other_province(world, clock):
    """Another province whose own D.resolve (60 calendar days, extension 5 calendar days)
    is in force from before the letter arrived."""
    clock(RECEIVED - datetime.timedelta(days=1))
    province = organisation_create(name="Đảng bộ tỉnh Bên Cạnh", level=OrgLevel.objects.get(code="province"))
    rule_version_save(
        actor=world.staff,
        row=TimeLimitRule(
            code="D.resolve",
            amount=60,
            unit="calendar_days",
            clock_starts="received_by_competent_body",
            source="Thử nghiệm tỉnh bên cạnh",
            effective_from=RECEIVED - datetime.timedelta(days=1),
            province=province,
            extension_amount=5,
            extension_unit="calendar_days",
            extension_times=1,
        ),
    )
    return province


def _move(org: Organisation, to: Organisation) -> None:
    """The organisation, its subtree and the cases opened under it move to province `to`
    (as a reorganisation and a transfer of the case would)."""
    old, new = org.path, f"{to.path}{org.pk}/"
    Organisation.objects.filter(pk=org.pk).update(parent=to)
    for row in Organisation.objects.filter(path__startswith=old):
        Organisation.objects.filter(pk=row.pk).update(path=new + row.path[len(old) :])
    for case in Case.objects.filter(jurisdiction_path__startswith=old):
        Case.objects.filter(pk=case.pk).update(jurisdiction_path=new + case.jurisdiction_path[len(old) :])


def _register(world, pdf):
    return services.denunciation_register(
        actor=world.staff,
        committee=world.committee,
        register_number="TC-1",
        received_on=RECEIVED,
        allegations=["Trục lợi đất đai"],
        denouncers=[{"full_name": "Người Tố Cáo", "address": "Số 1", "contact": "0900"}],
        signatory_count=1,
        letter_scan=pdf("don.pdf"),
        subject_member=world.subject_member,
    )


def test_the_clock_start_fixes_and_journals_the_province_whose_rules_govern(world, pdf, clock):
    clock(RECEIVED)
    case = Case.objects.get(pk=_register(world, pdf).pk)
    assert case.rules_province == world.province == deadlines.province_of(case)
    registered = journal.decoded(JournalEntry.objects.get(case=case, action="denunciation.registered"))
    national = TimeLimitRule.objects.get(code="D.resolve", province__isnull=True)
    assert registered["rules_province"] == world.province.pk
    assert registered["time_limit"]["version"] == national.pk
    assert registered["due_on"] == add_working_days(RECEIVED, 90, NONE).isoformat()


def test_a_committee_moved_to_another_province_keeps_the_first_provinces_rule(world, pdf, clock, other_province):
    clock(RECEIVED)
    case = _register(world, pdf)
    due = Case.objects.get(pk=case.pk).due_on
    assert due == add_working_days(RECEIVED, 90, NONE)
    actions.clock_pause(actor=world.chair, case=case, reason="awaiting", note="Chờ giám định", paused_on=RECEIVED)
    _move(world.commune, other_province)
    world.committee.organisation.refresh_from_db()
    case.refresh_from_db()
    # The committee and the case now lie in the other province, whose own rule would apply
    # to a clock started today; this case keeps the rule fixed when its clock started.
    assert deadlines.province_of(case) == other_province
    assert case.rules_province == world.province
    clock(RESUMED)
    pause = actions.clock_resume(actor=world.chair, case=case, resumed_on=RESUMED)
    # 20 working days stood still, counted in the first province's unit (working days).
    in_force = add_working_days(due, 20, NONE)
    assert pause.due_after == in_force
    assert selectors.extension_allowance(case) == (1, 0)
    extension = actions.deadline_extend(actor=world.chair, case=case, reason="Phức tạp")
    # The extension adds the first province's allowance (30 working days) to the due date
    # in force, pause included (issue 9 point 4).
    assert (extension.due_before, extension.due_after) == (in_force, add_working_days(in_force, 30, NONE))
    assert Case.objects.get(pk=case.pk).due_on == extension.due_after


def test_an_extension_after_a_20_working_day_pause_lands_on_the_due_date_in_force_plus_the_allowance(world, pdf, clock):
    clock(RECEIVED)
    case = _register(world, pdf)
    due = Case.objects.get(pk=case.pk).due_on
    actions.clock_pause(actor=world.chair, case=case, reason="other", note="Chờ", paused_on=RECEIVED)
    clock(RESUMED)
    actions.clock_resume(actor=world.chair, case=case, resumed_on=RESUMED)
    in_force = Case.objects.get(pk=case.pk).due_on
    assert in_force == add_working_days(due, 20, NONE)
    extension = actions.deadline_extend(actor=world.chair, case=case, reason="Phức tạp")
    assert extension.due_after == add_working_days(in_force, 30, NONE)
    # Not the old answer, recomputed from the original start (it gained only 10 days).
    assert extension.due_after != deadlines.due_on("D.resolve", RECEIVED, extension=True)


def test_a_thematic_supervision_moved_to_another_province_is_extended_under_the_first_provinces_rule(world, pdf, clock):
    clock(RECEIVED - datetime.timedelta(days=1))
    province = organisation_create(name="Đảng bộ tỉnh Khác", level=OrgLevel.objects.get(code="province"))
    rule_version_save(
        actor=world.staff,
        row=TimeLimitRule(
            code="C2.resolve",
            amount=40,
            unit="calendar_days",
            clock_starts="report_received",
            source="Thử nghiệm tỉnh khác",
            effective_from=RECEIVED - datetime.timedelta(days=1),
            province=province,
            extension_amount=2,
            extension_unit="calendar_days",
            extension_times=1,
        ),
    )
    clock(RECEIVED)
    case = supervision.thematic_open(
        actor=world.staff,
        committee=world.committee,
        title="Giám sát chuyên đề",
        grounds="Chương trình giám sát",
        subject_organisation=world.cell,
        leader=world.leader,
        members=[world.member2],
    )
    for user in (world.leader, world.member2):
        conflict_declare(actor=user, case=case, has_conflict=False)
    supervision.thematic_decision_sign(actor=world.chair, case=case, signed_on=RECEIVED)
    supervision.group_meeting_record(
        actor=world.leader, case=case, met_on=RECEIVED, method="Nghiên cứu", assignments="Phân công", sent_on=RECEIVED
    )
    supervision.subject_report_receive(actor=world.member2, case=case, received_on=RECEIVED, upload=pdf())
    case.refresh_from_db()
    assert case.rules_province == world.province
    assert case.due_on == deadlines.due_on("C2.resolve", RECEIVED)
    _move(world.commune, province)
    case.refresh_from_db()
    assert deadlines.province_of(case) == province and case.rules_province == world.province
    extension = supervision.deadline_extend(actor=world.chair, case=case, reason="Phức tạp")
    assert extension.due_after == deadlines.due_on("C2.resolve", RECEIVED, extension=True)
