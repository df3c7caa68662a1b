"""Linked cases on the case page ("Hồ sơ liên quan"), through the real views: a C1 log
escalated to a C2 thematic supervision shows the link on both pages; someone who may see
only one of the two cases sees that a link exists but not the other case's number or
title; the page's query count does not grow with the number of links."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections import access
from inspections.models import Case, CaseKind, CaseLink
from tests.workflow.conftest import pdf
from tests.workflow.helpers import complete, declare
from tests.workflow.supervision_helpers import open_log
from tests.world import WORKFLOW_PASSWORD, WorldBuilder

pytestmark = pytest.mark.django_db

HIDDEN = "một hồ sơ anh/chị không có quyền xem"


def _escalate(client, user, log, title):
    client.force_login(user)
    response = client.post(
        reverse("cases:supervision_escalate", args=[log.pk]),
        {"title": title, "grounds": "Kết quả theo dõi thường xuyên", "reason": f"Lý do: {title}"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Case.objects.filter(kind=CaseKind.THEMATIC_SUPERVISION).latest("pk")


def _links_card(client, user, case) -> str:
    client.force_login(user)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    start = page.index('id="links"')
    return page[start : page.index("</div>", start)]


def _new_seat(world, username):
    build = WorldBuilder(
        term_start=datetime.date(2025, 7, 1),
        password=WORKFLOW_PASSWORD,
        born=datetime.date(1985, 3, 3),
        joined=datetime.date(2010, 1, 1),
        sex="F",
    )
    return build.person(
        username, f"Người {username}", world["province"], card=f"L-{username}", seat="member", on=world["committee"]
    )


def test_escalated_log_and_thematic_case_show_the_link_both_ways(client, world):
    u = world["users"]
    log = open_log(client, world)
    thematic = _escalate(client, u["member"], log, "Giám sát chuyên đề việc khắc phục")
    assert CaseLink.objects.filter(source=log, target=thematic, relation=CaseLink.Relation.ESCALATED).exists()

    # The escalating keeper drafted the C2 case: they see both, each pointing at the other.
    out = _links_card(client, u["member"], log)
    assert "Phát sinh –" in out and thematic.number in out and thematic.title in out
    assert reverse("cases:detail", args=[thematic.pk]) in out
    back = _links_card(client, u["member"], thematic)
    assert "Phát sinh từ" in back and log.number in back and log.title in back
    assert reverse("cases:detail", args=[log.pk]) in back
    # The chair approves both.
    assert thematic.number in _links_card(client, u["chair"], log)
    assert log.number in _links_card(client, u["chair"], thematic)


def test_a_person_who_sees_one_case_sees_the_link_but_not_the_other_case(client, world):
    u = world["users"]
    log = open_log(client, world)
    thematic = _escalate(client, u["member"], log, "Giám sát chuyên đề bí mật nội dung")
    # The C2 group is led by someone the log does not name.
    group_leader = _new_seat(world, "toTruong")
    complete(client, u["member"], thematic, "set_up", {"leader": group_leader.pk, "members": [], "plan_file": pdf()})
    declare(client, group_leader, thematic)

    # The log's keeper (leader of the log) sees the log only.
    assert access.can(u["leader"], "view", log) and not access.can(u["leader"], "view", thematic)
    card = _links_card(client, u["leader"], log)
    assert HIDDEN in card
    assert thematic.number not in card and thematic.title not in card
    assert reverse("cases:detail", args=[thematic.pk]) not in card
    # ...and the C2 page itself is not found for them.
    client.force_login(u["leader"])
    assert client.get(reverse("cases:detail", args=[thematic.pk])).status_code == 404

    # The C2 group leader sees the C2 case only.
    assert access.can(group_leader, "view", thematic) and not access.can(group_leader, "view", log)
    card = _links_card(client, group_leader, thematic)
    assert HIDDEN in card and "Phát sinh từ" in card
    assert log.number not in card and log.title not in card
    # Nor the reason the keeper wrote (the link's note): it is the log's content.
    assert "Lý do:" not in card


def test_case_page_queries_do_not_grow_with_the_number_of_links(client, world):
    u = world["users"]
    log = open_log(client, world)
    _escalate(client, u["member"], log, "Chuyên đề 1")

    def count(user):
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("cases:detail", args=[log.pk])).status_code == 200
        return len(ctx.captured_queries)

    one = {name: count(u[name]) for name in ("member", "leader")}
    for n in range(2, 6):
        _escalate(client, u["member"], log, f"Chuyên đề {n}")
    assert CaseLink.objects.filter(source=log).count() == 5
    many = {name: count(u[name]) for name in ("member", "leader")}
    assert many == one, (one, many)
    # The member sees all five; the leader sees five hidden links.
    assert _links_card(client, u["member"], log).count("UBKTĐU – Chuyên đề") == 5
    assert _links_card(client, u["leader"], log).count(HIDDEN) == 5
