"""The test data builders keep their promise: every factory's row passes the model's own
validation (full_clean: field validators, clean(), constraints), and building rows writes
no journal entry, no workflow process and no status change."""

import pytest
from viewflow.workflow.models import Process

from inspections.models import Case, JournalEntry
from inspections.services.cases import case_open
from tests.factories import cases, people, rules, security
from tests.world import complaint_world, inspections_world, workflow_world

pytestmark = pytest.mark.django_db

STANDALONE = [
    people.OrgLevelFactory,
    people.OrganisationFactory,
    people.PartyMemberFactory,
    people.UserFactory,
    people.CommitteeFactory,
    people.CommitteeSeatFactory,
    people.PositionFactory,
    people.KinshipFactory,
    people.AuditMandateFactory,
    rules.KeyAreaFactory,
    rules.HolidayFactory,
    rules.TimeLimitRuleFactory,
    rules.VoteThresholdRuleFactory,
    rules.StatuteRuleFactory,
    rules.SanctionAuthorityRuleFactory,
    rules.NotHandledCriterionFactory,
    security.TOTPDeviceFactory,
]


@pytest.mark.parametrize("factory", STANDALONE, ids=lambda f: f.__name__)
def test_each_factory_builds_a_valid_row_twice(factory):
    first, second = factory(), factory()
    for row in (first, second):
        row.full_clean()


def test_case_bound_factories_build_valid_rows_on_a_case_opened_through_the_service():
    world = inspections_world()
    case = case_open(
        actor=world.staff,
        committee=world.committee,
        title="Kiểm tra",
        grounds="Chương trình năm",
        subject_member=world.subject_member,
        leader=world.leader,
        members=[world.member2],
    )
    journal_before = JournalEntry.objects.count()
    status_before = case.status

    conclusion = cases.ConclusionFactory(case=case, drafted_by=world.leader)
    recommendation = cases.RecommendationFactory(conclusion=conclusion)
    record = cases.DisciplineRecordFactory(case=case)

    for row in (conclusion, recommendation, record):
        row.full_clean()
    assert recommendation.case == case and record.member == world.subject_member
    assert JournalEntry.objects.count() == journal_before
    assert Case.objects.get(pk=case.pk).status == status_before


@pytest.mark.parametrize("recipe", [workflow_world, inspections_world, complaint_world], ids=lambda r: r.__name__)
def test_worlds_write_people_only(recipe):
    world = recipe()
    users = world["users"] if isinstance(world, dict) else {"staff": world.staff, "chair": world.chair}
    assert all(user.member_id for user in users.values())
    assert not Case.objects.exists() and not JournalEntry.objects.exists() and not Process.objects.exists()
