"""Drive a discipline case (kind E) through the real views, as people in the browser would."""

import datetime

from django.urls import reverse
from django.utils import timezone

from inspections.models import Ballot, Case, DisciplineCase
from people.models import CommitteeSeat, User
from tests.roster import absent_keys, pad_roster
from tests.workflow.conftest import pdf
from tests.workflow.helpers import _open_task, claim, declare, task_url
from tests.world import WORKFLOW_PASSWORD, WorldBuilder

OPEN_URL = "workflow:flows:discipline:open_case:execute"


def day(offset: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).strftime("%d/%m/%Y")


def complete(client, user, case, step, data, *, expect=302):
    """Claim the step if it sits in the queue, open its page (it must render), then submit it."""
    client.force_login(user)
    task = _open_task(case, step)
    if task.owner_id is None:
        claim(client, task)
        task.refresh_from_db()
    page = client.get(task_url(task))
    assert page.status_code == 200, page.content.decode()[:3000]
    response = client.post(task_url(task), data)
    assert response.status_code == expect, response.content.decode()[:4000]
    return response


def _builder() -> WorldBuilder:
    """Voters of the discipline tests: women born 1982, admitted 2008, seated from 1/7/2025."""
    return WorldBuilder(
        term_start=datetime.date(2025, 7, 1),
        password=WORKFLOW_PASSWORD,
        born=datetime.date(1982, 3, 3),
        joined=datetime.date(2008, 1, 1),
        sex="F",
    )


def add_cell_voters(world, n=4) -> list[User]:
    """Full members of the subject's cell with accounts (the subject is a member there too)."""
    build = _builder()
    users = [build.person(f"cell{i}", f"Đảng viên chi bộ {i}", world["cell"], card=f"CB-{i}") for i in range(n)]
    world["cell_voters"] = users
    return users


def add_committee_voters(world, n=2) -> list[User]:
    """Members of the inspection committee who are not on the team."""
    build = _builder()
    role = CommitteeSeat.Role.MEMBER
    users = [
        build.person(f"uv{i}", f"Ủy viên {i}", world["province"], card=f"UV-{i}", seat=role, on=world["committee"])
        for i in range(n)
    ]
    world["committee_voters"] = users
    return users


def add_province_voters(world, n=3) -> list[User]:
    """Members of the province inspection committee (province.inspection: dismissal and
    expulsion from 1/7/2025, issue 9 point 2)."""
    build = _builder()
    role = CommitteeSeat.Role.MEMBER
    users = [
        build.person(
            f"tinh{i}",
            f"Ủy viên tỉnh {i}",
            world["province"],
            card=f"UVT-{i}",
            seat=role,
            on=world["province_committee"],
        )
        for i in range(n)
    ]
    world["province_voters"] = users
    return users


def open_discipline(client, world, *, declare_team=True, expect=302, **overrides) -> Case | None:
    u = world["users"]
    client.force_login(u["staff"])
    data = {
        "committee": world["committee"].pk,
        "title": "Xem xét kỷ luật đảng viên vi phạm quy định về những điều đảng viên không được làm",
        "subject_card_number": world["subject_member"].card_number,
        "subject_organisation": "",
        "grounds": "Kết luận kiểm tra khi có dấu hiệu vi phạm",
        "violation": "Vi phạm quy định về những điều đảng viên không được làm",
        "violation_start": day(-400),
        "violation_end": "",
        "statute_category": "by_form",
        "subject_kind": "member",
        "body_organisation": world["cell"].pk,
        "body_committee": "",
        "confidentiality": "normal",
        "leader": u["leader"].pk,
        "members": [u["member"].pk],
    }
    data.update(overrides)
    before = Case.objects.count()
    assert client.get(reverse(OPEN_URL)).status_code == 200
    response = client.post(reverse(OPEN_URL), data)
    assert response.status_code == expect, response.content.decode()[:4000]
    if expect != 302:
        assert Case.objects.count() == before
        return response
    case = Case.objects.latest("pk")
    if declare_team:
        for role in case.roles.filter(role__in=["leader", "member", "director"], revoked_at__isnull=True):
            declare(client, role.user, case)
    return case


def self_criticism(client, world, case, form="reprimand"):
    complete(
        client,
        world["users"]["member"],
        case,
        "self_criticism",
        {"outcome": "received", "on": day(), "self_proposed_form": form, "file": pdf("kiem-diem.pdf")},
    )


def report(client, world, case, form="reprimand", **extra):
    data = {"text": "Báo cáo đề nghị thi hành kỷ luật", "proposed_form": form, **extra}
    complete(client, world["users"]["leader"], case, "write_report", data)


def meeting(client, world, case, present, *, total=None, away=0, exempted=0, expect=302):
    discipline = DisciplineCase.objects.get(case=case)
    body = {"committee": discipline.body_committee, "organisation": discipline.body_organisation}
    # The roster is the count base's source: absent members make it `total` long, or, where
    # the body has more members than `total`, the surplus is named as attending elsewhere;
    # `away` and `exempted` more are named out of the base.
    roster = pad_roster(**body, total=total or 0)
    surplus = len(roster) - total if total else 0
    out = absent_keys(roster, present, surplus + away + exempted)
    away_keys, exempted_keys = out[: surplus + away], out[surplus + away :]
    data = {
        "outcome": "hold",
        "meeting_on": day(),
        "mode": "online",
        "present": [u.pk for u in present],
        "away": away_keys,
        "exempted_absent": exempted_keys,
    }
    return complete(client, world["users"]["chair"], case, "meeting", data, expect=expect)


def cast(client, user, case, option, *, expect=302):
    ballot = Ballot.objects.get(case=case, closed_at__isnull=True)
    client.force_login(user)
    if expect == 302:
        assert client.get(reverse("cases:ballot_cast", args=[case.pk, ballot.pk])).status_code == 200
    response = client.post(reverse("cases:ballot_cast", args=[case.pk, ballot.pk]), {"option": option})
    assert response.status_code == expect, response.content.decode()[:3000]
    return response


def close_ballot(client, world, case, **extra):
    complete(client, world["users"]["chair"], case, "close_ballot", {"confirm": "on", **extra})


def sign(client, world, case, number="05-QĐ/CB"):
    complete(client, world["users"]["chair"], case, "sign_decision", {"number": number, "signed_on": day()})


def announce(client, world, case, **extra):
    data = {"announced_on": day(), "file": pdf("cong-bo.pdf"), **extra}
    complete(client, world["users"]["staff"], case, "announce", data)


def state_proposal(client, world, case, **data):
    data = data or {"outcome": "sent", "sent_on": day(), "recipient": "UBND xã Thử"}
    complete(client, world["users"]["staff"], case, "state_proposal", data)
