"""Opening a case and signing its decision (inspections.services.cases)."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import get_perms

from inspections import access, journal
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import Case, CaseRole, CaseStatus, CaseUserObjectPermission, JournalEntry
from inspections.services.cases import decision_sign
from inspections.services.status import set_status
from people.models import CommitteeSeat, Kinship, Position
from people.services.organisations import organisation_create
from tests.factories.people import KinshipFactory, PositionFactory
from tests.factories.rules import HolidayFactory
from tests.world import WorldBuilder


def _freeze_today(monkeypatch, day: datetime.date) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def _nothing_written(before: dict) -> None:
    assert Case.objects.count() == before["cases"]
    assert JournalEntry.objects.count() == before["journal"]
    assert CaseRole.objects.count() == before["roles"]
    assert CaseUserObjectPermission.objects.count() == before["perms"]


def _counts() -> dict:
    return {
        "cases": Case.objects.count(),
        "journal": JournalEntry.objects.count(),
        "roles": CaseRole.objects.count(),
        "perms": CaseUserObjectPermission.objects.count(),
    }


def test_case_open_numbers_cases_in_sequence_per_committee_and_year(world, open_case):
    year = timezone.localdate().year
    first = open_case()
    second = open_case(subject_member=world.other_member)

    assert (first.year, first.sequence, first.number) == (year, 1, f"01-{year}/UBKTĐU")
    assert (second.sequence, second.number) == (2, f"02-{year}/UBKTĐU")
    assert first.status == CaseStatus.DRAFT
    assert first.jurisdiction_path == world.commune.path
    assert {a.code for a in first.key_areas.all()} == {a.code for a in world.key_areas}


def test_case_open_numbering_is_separate_for_another_committee(world, open_case):
    other_commune = organisation_create(name="Đảng bộ xã Bình An", level=world.commune_level, parent=world.province)
    build = WorldBuilder(term_start=datetime.date(2020, 10, 1))
    other_committee = build.committee(other_commune, "Ủy ban kiểm tra Đảng ủy xã Bình An", "UBKTĐU-BA")
    for user, role in ((world.staff, CommitteeSeat.Role.STAFF), (world.chair, CommitteeSeat.Role.CHAIR)):
        build.seat(other_committee, user, role)

    open_case()
    # Its subject lies in its own commune (the body's competence, issue 9 point 9).
    elsewhere = open_case(committee=other_committee, subject_member=build.member("Lê Văn Bình", other_commune))

    assert elsewhere.sequence == 1
    assert elsewhere.number.endswith("/UBKTĐU-BA")


def test_case_open_numbering_restarts_each_year(world, open_case, monkeypatch):
    _freeze_today(monkeypatch, datetime.date(2026, 12, 30))
    open_case()
    open_case(subject_member=world.other_member)
    _freeze_today(monkeypatch, datetime.date(2027, 1, 4))
    new_year = open_case()

    assert (new_year.year, new_year.sequence, new_year.number) == (2027, 1, "01-2027/UBKTĐU")


def test_case_open_grants_view_to_the_people_it_names(world, open_case):
    case = open_case()

    for user in (world.staff, world.leader, world.member2, world.chair):
        assert access.can(user, "view", case), user
    for user in (world.outsider, world.subject, world.relative, world.cellmate):
        assert not access.can(user, "view", case), user
    assert set(get_perms(world.leader, case)) == {"view_case", "work_case", "lead_case", "view_sealed_case"}
    assert set(get_perms(world.chair, case)) == {"view_case", "approve_case", "view_sealed_case"}
    roles = set(CaseRole.objects.filter(case=case).values_list("user__username", "role"))
    assert roles == {("staff", "drafter"), ("leader", "leader"), ("member2", "member"), ("chair", "approver")}


def test_case_open_cases_visible_to_lists_for_the_named_users_only(world, open_case):
    case = open_case()

    for user in (world.staff, world.leader, world.member2, world.chair, world.auditor):
        assert list(access.cases_visible_to(user)) == [case], user
    for user in (world.outsider, world.subject, world.relative):
        assert not access.cases_visible_to(user).exists(), user


def test_case_open_superuser_without_roles_sees_nothing(world, open_case):
    case = open_case()
    root = type(world.staff).objects.create_superuser(username="root", password=None)

    assert not access.cases_visible_to(root).exists()
    assert not access.can(root, "view", case)
    assert not access.can(root, "approve", case)


def test_case_open_flags_a_subject_holding_an_open_secretary_position(world, open_case):
    PositionFactory(
        member=world.subject_member,
        organisation=world.cell,
        kind=Position.Kind.SECRETARY,
        started_on=datetime.date(2020, 10, 1),
    )
    case = open_case()

    assert case.subject_is_head
    assert journal.decoded(JournalEntry.objects.get(case=case, action="case.opened"))["subject_is_head"] is True


def test_case_open_does_not_flag_a_subject_whose_secretary_position_ended(world, open_case):
    PositionFactory(
        member=world.subject_member,
        organisation=world.cell,
        kind=Position.Kind.SECRETARY,
        started_on=datetime.date(2015, 10, 1),
        ended_on=datetime.date(2020, 9, 30),
    )
    PositionFactory(
        member=world.subject_member,
        organisation=world.cell,
        kind=Position.Kind.COMMITTEE_MEMBER,
        started_on=datetime.date(2020, 10, 1),
    )

    assert not open_case().subject_is_head


def test_case_open_refuses_the_subject_on_the_team(world, open_case):
    before = _counts()

    with pytest.raises(RuleViolation) as excinfo:
        open_case(leader=world.subject)

    assert any("là đối tượng của hồ sơ" in m for m in excinfo.value.messages)
    _nothing_written(before)


def test_case_open_refuses_a_relative_of_the_subject(world, open_case):
    KinshipFactory(member=world.relative_member, relative=world.subject_member, relation=Kinship.Relation.SIBLING)
    before = _counts()

    with pytest.raises(RuleViolation) as excinfo:
        open_case(members=[world.member2, world.relative])

    assert excinfo.value.messages == [f"{world.relative} có quan hệ gia đình với đối tượng."]
    _nothing_written(before)


def test_case_open_refuses_a_member_of_the_inspected_organisation(world, open_case):
    before = _counts()

    with pytest.raises(RuleViolation) as excinfo:
        open_case(subject_member=None, subject_organisation=world.cell, members=[world.cellmate])

    assert excinfo.value.messages == [f"{world.cellmate} sinh hoạt trong tổ chức là đối tượng."]
    _nothing_written(before)


def test_case_open_accepts_an_organisation_subject_with_a_team_from_elsewhere(world, open_case):
    case = open_case(subject_member=None, subject_organisation=world.cell)

    assert case.subject == world.cell
    assert not case.subject_is_head


@pytest.mark.parametrize("which", ["both", "neither"])
def test_case_open_requires_exactly_one_subject(world, open_case, which):
    before = _counts()
    if which == "both":
        subjects = {"subject_member": world.subject_member, "subject_organisation": world.cell}
    else:
        subjects = {"subject_member": None, "subject_organisation": None}

    with pytest.raises(RuleViolation, match="đúng một đối tượng"):
        open_case(**subjects)

    _nothing_written(before)


def test_case_open_refuses_a_user_without_a_seat(world, open_case):
    before = _counts()

    with pytest.raises(AccessDenied):
        open_case(actor=world.outsider)
    with pytest.raises(AccessDenied):
        open_case(actor=world.auditor)

    _nothing_written(before)


def test_case_open_refuses_a_seat_that_has_ended(world, open_case):
    seat = CommitteeSeat.objects.get(user=world.staff)
    CommitteeSeat.objects.filter(pk=seat.pk).update(ended_on=timezone.localdate() - datetime.timedelta(days=1))

    with pytest.raises(AccessDenied):
        open_case()


def test_decision_sign_refuses_the_drafter(world, open_case):
    # The chair drafted this one, so holds both the drafter and the approver role.
    case = open_case(actor=world.chair)

    with pytest.raises(RuleViolation, match="Người dự thảo"):
        decision_sign(actor=world.chair, case=case)

    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT
    assert case.decided_on is None


def test_decision_sign_refuses_a_drafter_given_the_approver_role(world, open_case):
    case = open_case()
    with pytest.raises(AccessDenied):
        decision_sign(actor=world.staff, case=case)

    access.grant_role(case=case, user=world.staff, role=CaseRole.Role.APPROVER)
    with pytest.raises(RuleViolation):
        decision_sign(actor=world.staff, case=case)


def test_decision_sign_by_the_chair_moves_to_decided_and_journals(world, open_case):
    case = open_case()

    decision_sign(actor=world.chair, case=case)

    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED
    assert case.decided_on == timezone.localdate()
    assert case.due_on is not None
    actions = list(JournalEntry.objects.filter(case=case).values_list("action", flat=True))
    assert actions[0] == "case.opened"
    assert actions[-2:] == ["status.changed", "decision.signed"]
    assert set(actions[1:-2]) == {"conflict.none_declared"}


def test_decision_sign_refuses_team_members(world, open_case):
    case = open_case()

    for user in (world.leader, world.member2, world.outsider):
        with pytest.raises(AccessDenied):
            decision_sign(actor=user, case=case)


def test_decision_sign_computes_due_on_in_working_days(world, open_case, monkeypatch):
    # Signed Friday 24/4/2026. Holidays: 27/4 (Giỗ Tổ, compensatory), 30/4, 1/5, and a
    # one-off day off on 15/6 added for this test. 60 working days:
    # 28–29/4 (2) + May (20) + June (22 − 1 = 21) + 1–23/7 (17) = 60 -> Thursday 23/7/2026.
    for day, name in [
        (datetime.date(2026, 4, 27), "Giỗ Tổ Hùng Vương (nghỉ bù)"),
        (datetime.date(2026, 4, 30), "Ngày Giải phóng miền Nam"),
        (datetime.date(2026, 5, 1), "Quốc tế Lao động"),
    ]:
        HolidayFactory(day=day, name=name)
    HolidayFactory(day=datetime.date(2026, 6, 15), name="Nghỉ thử nghiệm")
    signed_on = datetime.date(2026, 4, 24)
    _freeze_today(monkeypatch, signed_on)
    case = open_case()

    decision_sign(actor=world.chair, case=case, signed_on=signed_on)

    case.refresh_from_db()
    assert case.decided_on == signed_on
    assert case.due_on == datetime.date(2026, 7, 23)


def test_decision_sign_refuses_dates_outside_the_case(world, open_case):
    case = open_case()
    today = timezone.localdate()

    with pytest.raises(RuleViolation):
        decision_sign(actor=world.chair, case=case, signed_on=today + datetime.timedelta(days=1))
    with pytest.raises(RuleViolation):
        decision_sign(actor=world.chair, case=case, signed_on=today - datetime.timedelta(days=1))


def test_decision_sign_twice_is_refused_by_the_pipeline(world, open_case):
    case = open_case()
    decision_sign(actor=world.chair, case=case)

    with pytest.raises(RuleViolation):
        decision_sign(actor=world.chair, case=case)


def test_set_status_refuses_a_move_not_in_the_pipeline(world, open_case):
    case = open_case()
    entries = JournalEntry.objects.filter(case=case).count()

    with pytest.raises(RuleViolation), transaction.atomic():
        set_status(case=case, actor=world.chair, target=CaseStatus.CLOSED)

    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT
    assert JournalEntry.objects.filter(case=case).count() == entries


def test_set_status_legal_move_is_journaled(world, open_case):
    case = open_case()

    with transaction.atomic():
        set_status(case=case, actor=world.chair, target=CaseStatus.DECIDED, reason="thử")

    entry = JournalEntry.objects.filter(case=case).order_by("-seq").first()
    assert entry.action == "status.changed"
    assert entry.payload == '{"from":"draft","reason":"thử","to":"decided"}'


def test_case_open_refuses_a_subject_outside_the_committee_and_writes_nothing(world, open_case):
    other_commune = organisation_create(name="Đảng bộ xã Bình An", level=world.commune_level, parent=world.province)
    outsider = WorldBuilder(term_start=datetime.date(2020, 10, 1)).member("Lê Văn Bình", other_commune)
    before = (Case.objects.count(), JournalEntry.objects.count())
    with pytest.raises(RuleViolation) as refused:
        open_case(subject_member=outsider)
    assert "chỉ xem xét đảng viên, tổ chức đảng thuộc Đảng bộ xã An Bình" in str(refused.value)
    assert "Đảng bộ xã Bình An" in str(refused.value)
    assert (Case.objects.count(), JournalEntry.objects.count()) == before
