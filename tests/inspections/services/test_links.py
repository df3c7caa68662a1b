"""Case links: one row read both ways, journaled on both cases, hidden from people who may
not view the other case (issue 3: "cases link to each other both ways")."""

import pytest

from inspections.exceptions import RuleViolation
from inspections.models import CaseKind, CaseLink, CaseRole
from inspections.selectors.links import links_of
from inspections.services.cases import case_spawn
from inspections.services.links import case_link


def test_spawned_case_is_linked_both_ways_and_journaled(world, open_case):
    origin = open_case()
    spawned = case_spawn(
        actor=world.staff,
        origin=origin,
        kind=CaseKind.SIGNS_INSPECTION,
        relation=CaseLink.Relation.ESCALATED,
        title="Kiểm tra khi có dấu hiệu vi phạm",
        grounds="Kết quả giám sát",
    )
    assert spawned.subject_member == origin.subject_member
    assert set(spawned.key_areas.all()) == set(origin.key_areas.all())
    assert spawned.number != origin.number
    # The spawned case has its drafter and approver but no team yet.
    roles = set(CaseRole.objects.filter(case=spawned).values_list("role", flat=True))
    assert roles == {CaseRole.Role.DRAFTER, CaseRole.Role.APPROVER}

    out = links_of(world.staff, origin)
    assert [(v.direction, v.other) for v in out] == [("out", spawned)]
    back = links_of(world.staff, spawned)
    assert [(v.direction, v.other) for v in back] == [("in", origin)]
    assert origin.journal.filter(action="link.added").count() == 1
    assert spawned.journal.filter(action="link.added").count() == 1


def test_other_case_is_hidden_from_someone_who_cannot_view_it(world, open_case):
    origin = open_case()
    spawned = case_spawn(
        actor=world.staff,
        origin=origin,
        kind=CaseKind.DISCIPLINE,
        relation=CaseLink.Relation.DISCIPLINE,
        title="Xem xét kỷ luật",
        grounds="Kết luận kiểm tra",
        note="Ghi chú nội bộ",
    )
    # member2 is on the origin's team but has no role on the spawned case.
    [view] = links_of(world.member2, origin)
    assert view.other is None and view.note == ""
    assert view.relation == CaseLink.Relation.DISCIPLINE
    # The staff member who spawned it sees both.
    [view] = links_of(world.staff, origin)
    assert view.other == spawned and view.note == "Ghi chú nội bộ"


def test_link_refuses_self_and_unknown_relation_and_is_idempotent(world, open_case):
    a, b = open_case(), open_case()
    with pytest.raises(RuleViolation):
        case_link(actor=world.staff, source=a, target=a, relation=CaseLink.Relation.RELATED)
    with pytest.raises(RuleViolation):
        case_link(actor=world.staff, source=a, target=b, relation="nonsense")
    case_link(actor=world.staff, source=a, target=b, relation=CaseLink.Relation.RELATED)
    case_link(actor=world.staff, source=a, target=b, relation=CaseLink.Relation.RELATED)
    assert CaseLink.objects.filter(source=a, target=b).count() == 1
    assert a.journal.filter(action="link.added").count() == 1


def test_links_of_runs_constant_queries(world, open_case, django_assert_max_num_queries):
    origin = open_case()
    for i in range(5):
        case_spawn(
            actor=world.staff,
            origin=origin,
            kind=CaseKind.SIGNS_INSPECTION,
            relation=CaseLink.Relation.ESCALATED,
            title=f"Vụ {i}",
            grounds="Kết quả giám sát",
        )
    with django_assert_max_num_queries(3):
        views = links_of(world.staff, origin)
    assert len(views) == 5
