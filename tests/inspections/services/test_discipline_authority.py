"""Sanction authority after 1 July 2025 through the services (issue 9 point 2; domain.md
§2.1, §6.3, §11b.8): the deciding body's kind derived from the body chosen, the commune and
province bodies deciding, the subject kinds, the higher-task flag, expulsion under
delegated admission power, dissolution two levels above, the province override, and a
case decided before a change keeping its outcome."""

import datetime

import pytest
from django.utils import timezone

from inspections import rulebook
from inspections.exceptions import RuleViolation
from inspections.models import DecidingBodyKind, DisciplineCase, DisciplineProposal, JournalEntry
from inspections.selectors.authority import deciding_body
from inspections.services import discipline_votes
from inspections.services.ballots import ballot_cast
from people.models import Committee, Organisation, OrgLevel
from people.services.organisations import organisation_create
from tests.factories.people import CommitteeFactory
from tests.factories.rules import DecidingBodyKindFactory, SanctionAuthorityRuleFactory
from tests.inspections.services.authority_helpers import TERM, commune_committee, province_committee
from tests.inspections.services.test_discipline import _committee_member, _open, _pdf, _to_report
from tests.roster import case_body, others_away

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
Kind = Committee.Kind


def _plan(case, on=None):
    """The forms on the paper and the purpose of each; "no discipline", last on every paper
    and never a form, is checked once here and left out."""
    discipline = DisciplineCase.objects.get(case=case)
    plan = discipline_votes.ballot_plan(case, discipline, on or TODAY())
    assert plan[-1].code == "none" and plan[-1].alone
    return {o.code: o.purpose for o in plan[:-1]}


def _committee_of(level_code: str, kind: str) -> Committee:
    organisation = organisation_create(name=f"Tổ chức {level_code}", level=OrgLevel.objects.get(code=level_code))
    return CommitteeFactory(organisation=organisation, kind=kind, name=f"{kind} {level_code}", term_start=TERM)


@pytest.mark.parametrize(
    ("level", "kind", "code"),
    [
        ("commune", Kind.EXECUTIVE, "commune.executive"),
        ("commune", Kind.STANDING, "commune.standing"),
        ("commune", Kind.INSPECTION, "commune.inspection"),
        ("province", Kind.EXECUTIVE, "province.executive"),
        ("province", Kind.STANDING, "province.standing"),
        ("province", Kind.INSPECTION, "province.inspection"),
        ("grassroots", Kind.EXECUTIVE, "grassroots.executive"),
        ("grassroots", Kind.STANDING, "grassroots.standing"),
        ("grassroots", Kind.INSPECTION, "grassroots.inspection"),
        ("district", Kind.EXECUTIVE, "district.executive"),
        ("district", Kind.STANDING, "district.standing"),
        ("district", Kind.INSPECTION, "district.inspection"),
        ("legacy-province", Kind.INSPECTION, "province.inspection"),
        ("cell", Kind.CELL, "cell"),
        ("legacy-cell", Kind.CELL, "cell"),
    ],
)
def test_the_kind_is_derived_from_the_level_and_kind_of_the_body(db, level, kind, code):
    committee = _committee_of(level, kind)
    body = deciding_body(committee=committee, on=datetime.date(2026, 1, 5))
    assert body.code == code
    if kind == Kind.CELL:  # the cell's body decides as the cell
        assert (body.committee, body.organisation) == (None, committee.organisation)
    else:
        assert body.committee == committee and committee.name in body.name


def test_a_cell_organisation_is_a_cell_and_the_new_bodies_do_not_exist_before_the_restructuring(world):
    assert deciding_body(organisation=world.cell, on=TODAY()).code == "cell"
    before = rulebook.TWO_TIER_FROM - datetime.timedelta(days=1)
    with pytest.raises(RuleViolation, match="Chưa có quy định “loại cơ quan xem xét kỷ luật”"):
        deciding_body(committee=world.committee, on=before)
    assert deciding_body(committee=world.committee, on=rulebook.TWO_TIER_FROM).code == "commune.inspection"
    rows = DecidingBodyKind.objects.filter(effective_from=rulebook.TWO_TIER_FROM)
    assert rows.count() == 6 and all(r.provisional and r.source for r in rows)


def test_the_clerk_declares_no_kind_the_service_records_the_derived_one(world):
    case = _open(world, body_organisation=None, body_committee=world.committee)
    discipline = DisciplineCase.objects.get(case=case)
    assert discipline.body_kind == "commune.inspection"
    assert discipline.body_label.startswith("Ủy ban kiểm tra đảng ủy xã, phường, đặc khu – ")
    with pytest.raises(TypeError):
        _open(world, body_kind="district.inspection")


def test_commune_and_province_bodies_decide_after_the_restructuring(world):
    commune = _open(world, body_organisation=None, body_committee=world.committee)
    assert _plan(commune) == {"expulsion": "propose", "warning": "decide", "reprimand": "decide"}
    province = _open(world, body_organisation=None, body_committee=province_committee(world))
    assert _plan(province) == {"expulsion": "decide", "warning": "decide", "reprimand": "decide"}
    standing = _open(world, body_organisation=None, body_committee=province_committee(world, Kind.STANDING))
    assert _plan(standing)["expulsion"] == "decide"
    # Before 1/7/2025 (a meeting day then) the commune body did not exist as a deciding kind.
    with pytest.raises(RuleViolation):
        _plan(commune, on=rulebook.TWO_TIER_FROM - datetime.timedelta(days=1))


def test_new_subject_kinds_and_the_cell_on_a_committee_member(world):
    for subject_kind in ("committee_member", "higher_managed", "lower_committee_member"):
        case = _open(world, subject_kind=subject_kind)  # the cell decides
        assert _plan(case) == {"expulsion": "propose", "warning": "decide", "reprimand": "decide"}, subject_kind
    # The commune inspection committee has no power over a cadre managed by a higher level.
    higher = _open(world, subject_kind="higher_managed", body_organisation=None, body_committee=world.committee)
    assert set(_plan(higher).values()) == {"propose"}


def test_grassroots_dismissal_of_a_lower_level_committee_member(world):
    from tests.factories.people import PositionFactory

    PositionFactory(member=world.subject_member, organisation=world.cell, kind="secretary", started_on=TERM)
    executive = commune_committee(world, Kind.EXECUTIVE)
    lower = _open(world, subject_kind="lower_committee_member", body_organisation=None, body_committee=executive)
    assert _plan(lower) == {"expulsion": "propose", "dismissal": "decide", "warning": "decide", "reprimand": "decide"}
    member = _open(world, subject_kind="member", body_organisation=None, body_committee=executive)
    assert _plan(member)["dismissal"] == "propose"


def test_expulsion_under_delegated_admission_power(world):
    executive = commune_committee(world, Kind.EXECUTIVE)
    case = _open(world, body_organisation=None, body_committee=executive)
    assert _plan(case)["expulsion"] == "propose"  # not delegated
    Organisation.objects.filter(pk=world.commune.pk).update(admission_delegated=True)
    world.commune.refresh_from_db()
    case = _open(world, body_organisation=None, body_committee=commune_committee(world, Kind.STANDING))
    assert _plan(case)["expulsion"] == "propose"  # the row is the party committee's only
    executive.organisation.refresh_from_db()
    discipline = DisciplineCase.objects.get(case=_open(world, body_organisation=None, body_committee=executive))
    plan = discipline_votes.ballot_plan(discipline.case, discipline, TODAY())
    expulsion = next(o for o in plan if o.code == "expulsion")
    assert (expulsion.purpose, expulsion.thresholds) == ("decide", ("expel_propose", "decide"))
    # Not on its own committee members (no delegated row for them).
    own = _open(world, subject_kind="committee_member", body_organisation=None, body_committee=executive)
    assert _plan(own)["expulsion"] == "propose"


def test_dissolution_is_decided_two_levels_above(world):
    def organisation_case(committee):
        return _open(
            world,
            subject_member=None,
            subject_organisation=world.cell,
            body_organisation=None,
            body_committee=committee,
        )

    # The province party committee is two levels above the cell (cell -> commune -> province).
    assert _plan(organisation_case(province_committee(world, Kind.EXECUTIVE))) == {
        "dissolution": "decide",
        "warning": "decide",
        "reprimand": "decide",
    }
    # Its inspection committee and the commune committee (one level above) only propose it.
    assert _plan(organisation_case(province_committee(world, Kind.INSPECTION)))["dissolution"] == "propose"
    assert _plan(organisation_case(commune_committee(world, Kind.EXECUTIVE)))["dissolution"] == "propose"


def test_a_higher_task_violation_takes_the_case_out_of_the_cells_authority(world):
    case = _open(world, higher_task=True)
    assert set(_plan(case).values()) == {"propose"}
    # The commune inspection committee decides it as usual.
    other = _open(world, higher_task=True, body_organisation=None, body_committee=world.committee)
    assert _plan(other)["reprimand"] == "decide"
    with pytest.raises(RuleViolation, match="chỉ ghi khi đối tượng là đảng viên"):
        _open(
            world,
            higher_task=True,
            subject_member=None,
            subject_organisation=world.cell,
            body_organisation=None,
            body_committee=world.committee,
        )


def test_a_proposal_to_a_cell_for_a_higher_task_is_refused_with_the_rule(world):
    voters = [_committee_member(world, f"H{i}") for i in range(3)]
    case = _open(world, higher_task=True, body_organisation=None, body_committee=world.committee)
    _to_report(world, case, "expulsion")
    ballot = discipline_votes.discipline_meeting(
        actor=world.chair, case=case, meeting_on=TODAY(), present=voters, away=others_away(voters, **case_body(case))
    )
    for voter in voters:
        ballot_cast(actor=voter, ballot=ballot, option="expulsion")
    discipline_votes.discipline_ballot_close(actor=world.chair, case=case)
    with pytest.raises(RuleViolation) as refused:
        discipline_votes.discipline_propose(
            actor=world.staff, case=case, to_organisation=world.cell, sent_on=TODAY(), upload=_pdf()
        )
    message = str(refused.value)
    assert "không có thẩm quyền" in message and "đề nghị cấp ủy hoặc ủy ban kiểm tra cấp trên" in message
    assert not DisciplineProposal.objects.filter(case=case).exists()
    proposal = discipline_votes.discipline_propose(
        actor=world.staff, case=case, to_committee=province_committee(world), sent_on=TODAY(), upload=_pdf()
    )
    assert proposal.to_body_kind == "province.inspection"
    entry = JournalEntry.objects.filter(case=case, action="discipline.proposed").get()
    assert "province.inspection" in entry.payload


def test_a_province_override_takes_a_power_away_and_maps_a_body_otherwise(world):
    other = organisation_create(name="Đảng bộ tỉnh Khác", level=OrgLevel.objects.get(code="province"))
    SanctionAuthorityRuleFactory(
        body_kind="commune.inspection",
        subject_kind="member",
        form="warning",
        allowed=False,
        province=world.province,
        effective_from=rulebook.TWO_TIER_FROM,
    )
    case = _open(world, body_organisation=None, body_committee=world.committee)
    assert _plan(case) == {"expulsion": "propose", "warning": "propose", "reprimand": "decide"}
    # Another province keeps the national row.
    assert rulebook.may_impose(
        body_kind="commune.inspection", subject_kind="member", form="warning", on=TODAY(), province=other
    )
    # The province maps its commune inspection committees to a kind of its own.
    DecidingBodyKindFactory(
        level=world.commune_level,
        committee_kind="inspection",
        code="commune.inspection.delegated",
        label="UBKT đảng ủy xã (được ủy quyền)",
        province=world.province,
        effective_from=rulebook.TWO_TIER_FROM,
    )
    SanctionAuthorityRuleFactory(
        body_kind="commune.inspection.delegated",
        subject_kind="member",
        form="expulsion",
        province=world.province,
        effective_from=rulebook.TWO_TIER_FROM,
    )
    assert _plan(case)["expulsion"] == "decide"
    assert deciding_body(committee=world.committee, on=TODAY(), province=other.pk).code == "commune.inspection"


def test_a_case_decided_before_a_change_keeps_its_outcome(world):
    voters = [world.chair, world.leader, world.member2]
    case = _open(world, body_organisation=None, body_committee=world.committee)
    _to_report(world, case)
    ballot = discipline_votes.discipline_meeting(
        actor=world.chair, case=case, meeting_on=TODAY(), present=voters, away=others_away(voters, **case_body(case))
    )
    for voter in voters:
        ballot_cast(actor=voter, ballot=ballot, option="warning")
    discipline_votes.discipline_ballot_close(actor=world.chair, case=case)
    decided = DisciplineCase.objects.get(case=case)
    assert (decided.outcome, decided.decided_form, decided.body_kind) == ("decided", "warning", "commune.inspection")
    # The commune inspection committee loses the power from tomorrow (a new version).
    SanctionAuthorityRuleFactory(
        body_kind="commune.inspection",
        subject_kind="member",
        form="warning",
        allowed=False,
        effective_from=TODAY() + datetime.timedelta(days=1),
    )
    later = _open(world, body_organisation=None, body_committee=world.committee)
    assert _plan(later, on=TODAY() + datetime.timedelta(days=1))["warning"] == "propose"
    decided.refresh_from_db()
    ballot.refresh_from_db()
    assert (decided.outcome, decided.decided_form, decided.body_kind) == ("decided", "warning", "commune.inspection")
    assert ballot.body_kind == "commune.inspection" and ballot.result == "warning"


def test_a_proposal_states_what_the_subject_is_to_the_new_body(world):
    """A commune committee member is a committee member of the commune's own level, but a
    lower-level committee member to the province bodies (domain.md §6.3)."""
    voters = [_committee_member(world, f"L{i}") for i in range(3)]
    case = _open(world, subject_kind="committee_member", body_organisation=None, body_committee=world.committee)
    _to_report(world, case, "expulsion")
    ballot = discipline_votes.discipline_meeting(
        actor=world.chair, case=case, meeting_on=TODAY(), present=voters, away=others_away(voters, **case_body(case))
    )
    for voter in voters:
        ballot_cast(actor=voter, ballot=ballot, option="expulsion")
    discipline_votes.discipline_ballot_close(actor=world.chair, case=case)
    province = province_committee(world)
    propose = discipline_votes.discipline_propose
    with pytest.raises(RuleViolation, match="không có thẩm quyền"):  # no row for its own-level members
        propose(actor=world.staff, case=case, to_committee=province, sent_on=TODAY(), upload=_pdf())
    with pytest.raises(RuleViolation):
        propose(actor=world.staff, case=case, to_committee=province, sent_on=TODAY(), upload=_pdf(), subject_kind="x")
    assert DisciplineCase.objects.get(case=case).subject_kind == "committee_member"
    proposal = propose(
        actor=world.staff,
        case=case,
        to_committee=province,
        sent_on=TODAY(),
        upload=_pdf(),
        subject_kind="lower_committee_member",
    )
    assert proposal.to_body_kind == "province.inspection"
    assert DisciplineCase.objects.get(case=case).subject_kind == "lower_committee_member"
