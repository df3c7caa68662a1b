"""The access policy: who may do what on a case, and which cases each person sees."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.utils import timezone

from inspections import access
from inspections.models import CaseGroupObjectPermission, CaseRole
from people.models import User
from people.services.organisations import organisation_create
from tests.world import WorldBuilder

# (action, users who may, users who may not), two or more on each side.
MATRIX = [
    ("view", ["staff", "leader", "member2", "chair", "auditor"], ["outsider", "subject", "relative"]),
    ("work", ["staff", "leader", "member2"], ["chair", "auditor", "outsider", "subject"]),
    ("lead", ["leader"], ["member2", "staff", "chair", "auditor", "outsider"]),
    ("approve", ["chair"], ["staff", "leader", "member2", "auditor", "outsider"]),
]


@pytest.mark.parametrize(("action", "allowed", "refused"), MATRIX)
def test_access_can_per_action(world, open_case, action, allowed, refused):
    case = open_case()

    for name in allowed:
        assert access.can(getattr(world, name), action, case), name
    for name in refused:
        assert not access.can(getattr(world, name), action, case), name


def test_access_actions_on_matches_can(world, open_case):
    case = open_case()

    for name in ("staff", "leader", "member2", "chair", "auditor", "outsider", "subject"):
        user = getattr(world, name)
        expected = {action for action in access.ACTIONS if access.can(user, action, case)}
        assert access.actions_on(user, case) == expected, name
    assert access.actions_on(world.leader, case) == {"view", "work", "lead", "view_sealed"}
    assert access.actions_on(world.auditor, case) == {"view"}


def test_access_inactive_user_may_do_nothing(world, open_case):
    case = open_case()
    User.objects.filter(pk=world.leader.pk).update(is_active=False)
    world.leader.refresh_from_db()

    assert not access.can(world.leader, "view", case)
    assert not access.cases_visible_to(world.leader).exists()
    assert access.actions_on(world.leader, case) == set()


def test_access_anonymous_user_sees_nothing(world, open_case):
    case = open_case()

    assert not access.cases_visible_to(AnonymousUser()).exists()
    assert not access.can(AnonymousUser(), "view", case)
    assert not access.can(None, "view", case)


def test_access_auditor_sees_cases_in_jurisdiction_only(world, open_case):
    case = open_case()
    other_province = organisation_create(name="Đảng bộ tỉnh Khác", level=world.province.level)
    elsewhere = WorldBuilder(term_start=world.committee.term_start).auditor(
        "auditor2", "Kiểm soát tỉnh khác", other_province, days=30
    )

    assert list(access.cases_visible_to(world.auditor)) == [case]
    assert access.can(world.auditor, "view", case)
    assert not access.can(world.auditor, "work", case)
    assert not access.cases_visible_to(elsewhere).exists()
    assert not access.can(elsewhere, "view", case)


def test_access_auditor_mandate_over_the_commune_only_covers_it(world, open_case):
    case = open_case()
    narrow = WorldBuilder(term_start=world.committee.term_start).auditor(
        "auditor3", "Kiểm soát chi bộ", world.cell, days=0
    )

    # The case's jurisdiction is the commune committee's organisation, above the cell.
    assert not access.can(narrow, "view", case)


@pytest.mark.parametrize(
    ("start_offset", "end_offset", "visible"),
    [
        (-10, 10, True),
        (0, 0, True),  # both ends included
        (-10, -1, False),  # mandate ended before the case was opened
        (1, 10, False),  # mandate starts after the case was opened
    ],
)
def test_access_auditor_sees_cases_opened_within_the_mandate_period(
    world, open_case, start_offset, end_offset, visible
):
    case = open_case()
    today = timezone.localdate()
    auditor = WorldBuilder(term_start=world.committee.term_start).auditor(
        "auditor-p",
        "Kiểm soát theo kỳ",
        world.province,
        valid_from=today + datetime.timedelta(days=start_offset),
        valid_to=today + datetime.timedelta(days=end_offset),
    )

    assert access.can(auditor, "view", case) is visible
    assert access.cases_visible_to(auditor).exists() is visible


def test_access_revoke_role_keeps_permissions_given_by_another_active_role(world, open_case):
    case = open_case()
    access.grant_role(case=case, user=world.member2, role=CaseRole.Role.DRAFTER)

    access.revoke_role(case=case, user=world.member2, role=CaseRole.Role.MEMBER)

    # DRAFTER still gives view and work.
    assert access.can(world.member2, "view", case)
    assert access.can(world.member2, "work", case)
    assert CaseRole.objects.get(case=case, user=world.member2, role="member").revoked_at is not None

    access.revoke_role(case=case, user=world.member2, role=CaseRole.Role.DRAFTER)

    assert not access.can(world.member2, "view", case)
    assert not access.cases_visible_to(world.member2).exists()
    # Others keep theirs.
    assert access.can(world.leader, "view", case)


def test_access_revoke_role_removes_only_what_the_role_alone_gave(world, open_case):
    case = open_case()
    access.grant_role(case=case, user=world.leader, role=CaseRole.Role.APPROVER)
    assert access.can(world.leader, "approve", case)

    access.revoke_role(case=case, user=world.leader, role=CaseRole.Role.APPROVER)

    assert not access.can(world.leader, "approve", case)
    assert access.actions_on(world.leader, case) == {"view", "work", "lead", "view_sealed"}


def test_access_grant_role_twice_keeps_one_active_row(world, open_case):
    case = open_case()

    first = access.grant_role(case=case, user=world.member2, role=CaseRole.Role.MEMBER)
    again = access.grant_role(case=case, user=world.member2, role=CaseRole.Role.MEMBER)

    assert first.pk == again.pk
    assert CaseRole.objects.filter(case=case, user=world.member2, revoked_at=None).count() == 1


def test_access_group_permission_is_honoured(world, open_case):
    case = open_case()
    group = Group.objects.create(name="Văn phòng UBKT")
    world.outsider.groups.add(group)
    view = access.permission_ids(["view_case"])[0]
    CaseGroupObjectPermission.objects.create(group=group, permission_id=view, content_object=case)

    assert access.can(world.outsider, "view", case)
    assert not access.can(world.outsider, "work", case)
    assert list(access.cases_visible_to(world.outsider)) == [case]


def test_access_can_open_case_needs_an_open_seat(world):
    assert access.can_open_case(world.staff)
    assert access.can_open_case(world.chair)
    assert not access.can_open_case(world.outsider)
    assert not access.can_open_case(world.auditor)
    assert list(access.committees_open_for(world.leader)) == [world.committee]
