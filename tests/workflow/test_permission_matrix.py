"""The permission matrix, generated from the role table (inspections.access.POLICY) and the
segregation table (StepSeparation): every role x every case, task, document and journal
endpoint x case state -> expected allow or deny, checked against the real URLs.

Issue 4 point 10. The number of cells checked is printed and asserted."""

import datetime

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from viewflow.workflow import STATUS
from viewflow.workflow.models import Task

from inspections import access
from inspections.models import CaseRole, Document
from inspections.services.teams import conflict_declare
from tests.factories.people import AuditMandateFactory, PositionFactory
from tests.workflow.conftest import pdf
from tests.workflow.helpers import complete, open_case
from tests.world import WORKFLOW_PASSWORD, WorldBuilder

pytestmark = pytest.mark.django_db

ALLOWED = {200, 302}
DENIED = {403, 404}


def today():
    return timezone.localdate().strftime("%d/%m/%Y")


def _user(username, org, world, seat=None):
    build = WorldBuilder(
        term_start=datetime.date(2025, 7, 1),
        password=WORKFLOW_PASSWORD,
        born=datetime.date(1980, 5, 5),
        joined=datetime.date(2004, 1, 1),
    )
    return build.person(
        username, f"Người {username}", org, card=f"M-{username}", seat=seat or "", on=world["committee"]
    )


def _cast(world, case):
    """One person per row of the policy table, holding exactly that role."""
    u = world["users"]
    cast = {
        CaseRole.Role.DRAFTER: u["staff"],
        CaseRole.Role.LEADER: u["leader"],
        CaseRole.Role.MEMBER: u["member"],
        CaseRole.Role.APPROVER: u["chair"],
        access.SUBJECT: u["subject"],
        access.OUTSIDER: u["outsider"],
    }
    for role, seat in (
        (CaseRole.Role.DIRECTOR, "member"),
        (CaseRole.Role.VOTER, "member"),
        (CaseRole.Role.STANDING, None),
    ):
        user = _user(role, world["province"], world, seat)
        access.grant_role(case=case, user=user, role=role)
        if role in access.TEAM_ROLES:
            conflict_declare(actor=user, case=case, has_conflict=False)
        cast[role] = user
    auditor = _user("auditor", world["province"], world)
    AuditMandateFactory(
        user=auditor,
        organisation=world["province"],
        valid_from=datetime.date(2025, 1, 1),
        valid_to=datetime.date(2030, 12, 31),
    )
    cast[access.AUDITOR] = auditor
    managing = _user("managing", world["cell"], world)
    PositionFactory(
        member=managing.member,
        organisation=world["cell"],
        kind="deputy_secretary",
        started_on=datetime.date(2025, 1, 1),
    )
    cast[access.MANAGING_ORG] = managing
    assert set(cast) == set(access.POLICY), "every row of the policy table has a person"
    return cast


def _drive(client, world, case, state):
    u = world["users"]
    if state == "draft":
        return
    complete(client, u["chair"], case, "sign_decision", {"signed_on": today()})
    if state == "decided":
        return
    complete(client, u["member"], case, "notify_subject", {"sent_on": today()})
    complete(client, u["member"], case, "receive_self_report", {"received_on": today(), "file": pdf()})
    complete(client, u["member"], case, "verify", {"shortcomings": "Hạn chế"})
    complete(client, u["leader"], case, "write_team_report", {"text": "Báo cáo"})
    if state == "reported":
        return
    complete(client, u["chair"], case, "review_team_report", {"decision": "accept"})
    complete(client, u["leader"], case, "draft_conclusion", {"text": "Kết luận", "recommendations": ""})
    complete(client, u["chair"], case, "approve_conclusion", {"decision": "accept"})
    complete(client, u["staff"], case, "notify_conclusion", {"sent_on": today()})
    assert state == "closed"


def _optional(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _expected_task(role, user, case, task) -> bool:
    """May this person execute (when owner) or claim (when queued) this task?"""
    step, action = task.flow_task.name, task.flow_task.action
    if access.refusal(user, action, case, step=step, as_roles=(role,)):
        return False
    if task.owner_id:
        return task.owner_id == user.pk
    return True


@pytest.mark.parametrize("state", ["draft", "decided", "reported", "closed"])
def test_permission_matrix(client, world, state, capsys):
    case = open_case(client, world, decision_file=pdf("quyet-dinh.pdf"))
    cast = _cast(world, case)
    _drive(client, world, case, state)
    doc = Document.objects.filter(case=case).order_by("pk").first()
    view_urls = [
        reverse("cases:detail", args=[case.pk]),
        reverse("cases:document", args=[case.pk, doc.pk]),
        _optional("cases:journal_export", case.pk),
        _optional("cases:parties", case.pk),
        _optional("cases:notice", case.pk, "subject"),
        reverse("workflow:flows:plannedinspection:process_detail", args=[case.process.pk]),
        reverse("workflow:flows:plannedinspection:process_chart", args=[case.process.pk]),
    ]
    view_urls = [u for u in view_urls if u]
    team_url = reverse("cases:team", args=[case.pk])
    tasks = [
        t
        for t in Task.objects.filter(process__caseprocess__case=case, flow_task_type="HUMAN").exclude(
            status__in=[STATUS.DONE, STATUS.CANCELED]
        )
    ]
    cells = 0
    failures = []
    for role, user in cast.items():
        c = Client()
        c.force_login(user)
        may_view = "view" in access.POLICY[role]
        for url in view_urls:
            status = c.get(url).status_code
            cells += 1
            if (status in ALLOWED) != may_view or status not in ALLOWED | DENIED:
                failures.append((role, url, status, may_view))
        for approver_url in (reverse("cases:archive", args=[case.pk]), reverse("cases:transfer", args=[case.pk])):
            status = c.get(approver_url).status_code
            cells += 1
            expected = "approve" in access.POLICY[role]
            if (status == 200) != expected or status not in {200} | DENIED:
                failures.append((role, approver_url, status, expected))
        may_change_team = bool({"approve", "direct"} & access.POLICY[role])
        status = c.get(team_url).status_code
        cells += 1
        if (status == 200) != may_change_team or status not in {200} | DENIED:
            failures.append((role, team_url, status, may_change_team))
        for task in tasks:
            detail = task.flow_task.reverse("detail", args=[task.process_id, task.pk])
            status = c.get(detail).status_code
            cells += 1
            if (status in ALLOWED) != may_view or status not in ALLOWED | DENIED:
                failures.append((role, detail, status, may_view))
            expected = _expected_task(role, user, case, task)
            if task.owner_id:
                url = task.flow_task.reverse("execute", args=[task.process_id, task.pk])
                status = c.get(url).status_code
            else:
                url = task.flow_task.reverse("assign", args=[task.process_id, task.pk])
                status = c.get(url).status_code  # the confirmation page: no state change
            cells += 1
            if (status == 200) != expected or status not in {200} | DENIED:
                failures.append((role, url, status, expected))
        # Lists: the case appears only for people who may view it.
        listed = case.number in c.get(reverse("cases:index")).content.decode()
        cells += 1
        if listed != may_view:
            failures.append((role, "cases:index", listed, may_view))
    with capsys.disabled():
        print(f"\npermission matrix [{state}]: {cells} cells checked, {len(failures)} leaks or refusals unexpected")
    assert not failures, failures
    assert cells >= len(access.POLICY) * 4
