"""Out-of-office delegation and the hand-over of a departing member (issue 4 point 7):
roles and tasks move to the receiver and back, conflicts of interest are rerun, both
sides are journaled, and a hand-over needs a chair who did not ask for it."""

import datetime

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspections import access
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.journal import decoded, verify_chain
from inspections.models import CaseRole, JournalEntry, RoleTransfer
from inspections.services import handover as services
from people.models import CommitteeSeat, Delegation, HandoverRequest
from tests.factories.people import KinshipFactory
from tests.workflow.conftest import pdf
from tests.workflow.helpers import claim, complete, declare, open_case, open_task, task_url
from tests.world import WORKFLOW_PASSWORD, WorldBuilder
from workflow import delegation as tasks_follow

pytestmark = pytest.mark.django_db

SEAT_START = datetime.date(2025, 7, 1)


def day(offset=0):
    return timezone.localdate() + datetime.timedelta(days=offset)


def dmy(d):
    return d.strftime("%d/%m/%Y")


def _seated(world, username, name, seat, card):
    build = WorldBuilder(
        term_start=SEAT_START,
        password=WORKFLOW_PASSWORD,
        born=datetime.date(1982, 3, 3),
        joined=datetime.date(2008, 1, 1),
        sex="F",
    )
    return build.person(username, name, world["province"], card=card, seat=seat, on=world["committee"])


@pytest.fixture
def people(world):
    u = dict(world["users"])
    u["deputy"] = _seated(world, "deputy", "Ngô Thị Thu", CommitteeSeat.Role.DEPUTY, "D0001")
    u["colleague"] = _seated(world, "colleague", "Bùi Văn An", CommitteeSeat.Role.MEMBER, "D0002")
    return u


@pytest.fixture
def relative(world):
    """A committee member who is the subject's sister: conflicted on the demo cases."""
    user = _seated(world, "relative", "Vũ Thị Hà", CommitteeSeat.Role.MEMBER, "R0001")
    KinshipFactory(member=world["subject_member"], relative=user.member, relation="sibling")
    return user


def post_delegation(client, actor, user, delegate, *, start=0, end=5, reason="Nghỉ phép năm"):
    client.force_login(actor)
    return client.post(
        reverse("cases:delegations"),
        {
            "user": user.pk,
            "delegate": delegate.pk,
            "starts_on": dmy(day(start)),
            "ends_on": dmy(day(end)),
            "reason": reason,
        },
    )


def roles(case, user):
    return set(CaseRole.objects.filter(case=case, user=user, revoked_at__isnull=True).values_list("role", flat=True))


def signed_case(client, world):
    case = open_case(client, world)
    complete(client, world["users"]["chair"], case, "sign_decision", {"signed_on": dmy(day())})
    return case


def test_delegate_receives_the_absent_leaders_task_and_executes_it_after_declaring(client, world, people):
    u = people
    case = signed_case(client, world)
    client.force_login(u["leader"])
    task = open_task(case, "notify_subject")
    claim(client, task)

    response = post_delegation(client, u["leader"], u["leader"], u["colleague"])
    assert response.status_code == 302

    task.refresh_from_db()
    assert task.owner_id == u["colleague"].pk
    assert roles(case, u["colleague"]) == {"leader"} and roles(case, u["leader"]) == set()
    client.force_login(u["leader"])
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    # The delegate is on the team now: the file opens only after their declaration.
    other = Client()
    other.force_login(u["colleague"])
    response = other.get(task_url(task))
    assert response.status_code == 302 and response["Location"].endswith(f"/cases/{case.pk}/declare/")
    declare(other, u["colleague"], case)
    response = other.post(task_url(task), {"sent_on": dmy(day()), "file": pdf("thong-bao.pdf")})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "DONE" and task.owner_id == u["colleague"].pk


def test_chairs_sign_task_goes_to_the_deputy_who_signs_without_declaring(client, world, people):
    u = people
    case = open_case(client, world)
    task = open_task(case, "sign_decision")
    assert task.owner_id == u["chair"].pk
    assert post_delegation(client, u["chair"], u["chair"], u["deputy"], reason="Đi công tác").status_code == 302
    task.refresh_from_db()
    assert task.owner_id == u["deputy"].pk
    complete(client, u["deputy"], case, "sign_decision", {"signed_on": dmy(day())})
    case.refresh_from_db()
    assert case.status == "decided"


def test_start_and_end_are_journaled_on_the_case_naming_both_people(client, world, people):
    u = people
    case = signed_case(client, world)
    post_delegation(client, u["member"], u["member"], u["colleague"])
    started = JournalEntry.objects.get(case=case, action="delegation.started")
    data = decoded(started)
    assert data["user"]["id"] == u["member"].pk and data["delegate"]["id"] == u["colleague"].pk
    assert data["roles"] == ["member"] and started.actor_id == u["member"].pk
    delegation = Delegation.objects.get()
    client.force_login(u["member"])
    assert client.post(reverse("cases:delegation_end", args=[delegation.pk])).status_code == 302
    ended = decoded(JournalEntry.objects.get(case=case, action="delegation.ended"))
    assert ended["user"]["id"] == u["member"].pk and ended["delegate"]["id"] == u["colleague"].pk
    assert ended["returned"] == ["member"] and ended["not_returned"] == []
    assert verify_chain(case.pk) is None


def test_only_the_absent_person_or_their_chair_may_record_an_absence(client, world, people):
    u = people
    for outsider in (u["outsider"], u["member"], u["subject"]):
        with pytest.raises(AccessDenied):
            services.delegation_start(
                actor=outsider,
                user=u["leader"],
                delegate=u["colleague"],
                starts_on=day(),
                ends_on=day(3),
                reason="Ốm",
            )
    # Through the page the absent person is not even a choice for them.
    for outsider in (u["outsider"], u["member"]):
        response = post_delegation(client, outsider, u["leader"], u["colleague"])
        assert response.status_code == 200
    assert not Delegation.objects.exists()
    # The chair of the leader's committee may record it for them.
    assert post_delegation(client, u["chair"], u["leader"], u["colleague"]).status_code == 302
    assert Delegation.objects.get().created_by == u["chair"]


def test_delegation_rules_dates_overlap_self_and_colleagues_only(world, people):
    u = people

    def start(user, delegate, s, e):
        return services.delegation_start(
            actor=user, user=user, delegate=delegate, starts_on=day(s), ends_on=day(e), reason="Nghỉ phép"
        )

    with pytest.raises(RuleViolation, match="không được trước"):
        start(u["leader"], u["colleague"], 3, 1)
    with pytest.raises(RuleViolation, match="đã qua"):
        start(u["leader"], u["colleague"], -1, 2)
    with pytest.raises(RuleViolation, match="chính mình"):
        start(u["leader"], u["leader"], 0, 2)
    with pytest.raises(RuleViolation, match="cùng ủy ban"):
        start(u["leader"], u["outsider"], 0, 2)
    u["deputy"].is_active = False
    u["deputy"].save()
    with pytest.raises(RuleViolation, match="bị khóa"):
        start(u["member"], u["deputy"], 0, 2)
    start(u["leader"], u["colleague"], 0, 5)
    with pytest.raises(RuleViolation, match="trùng thời gian"):
        start(u["leader"], u["member"], 4, 8)
    with pytest.raises(RuleViolation, match="cũng vắng mặt"):
        start(u["member"], u["leader"], 2, 3)
    with pytest.raises(RuleViolation, match="đang nhận ủy quyền"):
        start(u["colleague"], u["member"], 1, 2)
    # The database refuses what the service would: a delegation to oneself.
    with pytest.raises(IntegrityError), transaction.atomic():
        Delegation.objects.create(
            user=u["member"], delegate=u["member"], starts_on=day(), ends_on=day(), reason="x", created_by=u["member"]
        )


def test_conflicted_delegate_is_skipped_with_the_reason(client, world, people, relative):
    u = people
    conflicted = signed_case(client, world)
    clean = open_case(client, world, subject_card_number=world["secretary"].card_number)
    response = post_delegation(client, u["leader"], u["leader"], relative)
    assert response.status_code == 302
    page = client.get(reverse("cases:delegations")).content.decode()
    assert conflicted.number in page and "quan hệ gia đình" in page
    # The conflicted case stays with the leader; the other one moves.
    assert roles(conflicted, u["leader"]) == {"leader"} and roles(conflicted, relative) == set()
    assert roles(clean, relative) == {"leader"}
    skip = RoleTransfer.objects.get(case=conflicted)
    assert skip.outcome == "skipped" and "quan hệ gia đình" in skip.reason
    entry = decoded(JournalEntry.objects.get(case=conflicted, action="delegation.skipped"))
    assert entry["delegate"]["id"] == relative.pk and entry["reasons"]
    # The chair sees the skipped case on the page of the leader's delegations.
    client.force_login(u["chair"])
    assert conflicted.number in client.get(reverse("cases:delegations")).content.decode()
    # A re-run (the daily schedule) does not journal the same skip again.
    call_command("apply_delegations")
    assert JournalEntry.objects.filter(case=conflicted, action="delegation.skipped").count() == 1


def test_end_revokes_access_and_gives_the_task_back(client, world, people):
    u = people
    case = signed_case(client, world)
    client.force_login(u["member"])
    task = open_task(case, "notify_subject")
    claim(client, task)
    post_delegation(client, u["member"], u["member"], u["colleague"])
    task.refresh_from_db()
    assert task.owner_id == u["colleague"].pk
    delegation = Delegation.objects.get()
    # The delegate may not end it; the absent person may.
    client.force_login(u["colleague"])
    assert client.post(reverse("cases:delegation_end", args=[delegation.pk])).status_code == 403
    client.force_login(u["member"])
    assert client.post(reverse("cases:delegation_end", args=[delegation.pk])).status_code == 302
    delegation.refresh_from_db()
    assert delegation.status == "ended" and delegation.ended_by == u["member"]
    task.refresh_from_db()
    assert task.owner_id == u["member"].pk
    assert roles(case, u["colleague"]) == set() and roles(case, u["member"]) == {"member"}
    assert not access.can(u["colleague"], "view", case)
    client.force_login(u["colleague"])
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    client.force_login(u["member"])
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_team_changed_meanwhile_role_not_given_back_and_task_to_queue(client, world, people):
    u = people
    case = signed_case(client, world)
    client.force_login(u["leader"])
    task = open_task(case, "notify_subject")
    claim(client, task)
    post_delegation(client, u["leader"], u["leader"], u["colleague"])
    # The chair names the member leader instead of the acting leader.
    client.force_login(u["chair"])
    assert client.post(reverse("cases:team", args=[case.pk]), {"leader": u["member"].pk}).status_code == 302
    task.refresh_from_db()
    assert task.owner_id is None  # the acting leader left the team: back to the queue
    result = tasks_follow.delegation_end(actor=u["leader"], delegation=Delegation.objects.get())
    assert [m.roles for m in result.report.kept] == [["leader"]]
    assert roles(case, u["leader"]) == set() and roles(case, u["member"]) >= {"leader"}
    entry = decoded(JournalEntry.objects.get(case=case, action="delegation.ended"))
    assert entry["not_returned"] == ["leader"]


def test_scheduled_delegation_starts_and_ends_with_the_daily_command(client, world, people):
    u = people
    case = signed_case(client, world)
    post_delegation(client, u["member"], u["member"], u["deputy"], start=2, end=4)
    delegation = Delegation.objects.get()
    assert delegation.status == "scheduled" and roles(case, u["member"]) == {"member"}
    # Two days later (moved in the data: the services refuse past dates).
    Delegation.objects.filter(pk=delegation.pk).update(starts_on=day(), ends_on=day(2))
    call_command("apply_delegations")
    delegation.refresh_from_db()
    assert delegation.status == "active" and roles(case, u["deputy"]) == {"member"}
    assert JournalEntry.objects.get(case=case, action="delegation.started").actor_id is None
    # A case the absent member is put on meanwhile moves at the next run.
    later = open_case(client, world, members=[u["member"].pk, u["colleague"].pk], declare_team=False)
    call_command("apply_delegations")
    assert roles(later, u["deputy"]) == {"member"} and roles(later, u["member"]) == set()
    Delegation.objects.filter(pk=delegation.pk).update(starts_on=day(-3), ends_on=day(-1))
    call_command("apply_delegations")
    delegation.refresh_from_db()
    assert delegation.status == "ended" and delegation.ended_by is None
    assert roles(case, u["member"]) == {"member"} and roles(later, u["member"]) == {"member"}
    assert roles(case, u["deputy"]) == set()


def test_scheduled_delegation_can_be_cancelled_before_it_starts(client, world, people):
    u = people
    post_delegation(client, u["leader"], u["leader"], u["deputy"], start=3, end=6)
    delegation = Delegation.objects.get()
    client.force_login(u["outsider"])
    assert client.post(reverse("cases:delegation_end", args=[delegation.pk])).status_code == 404
    client.force_login(u["chair"])
    assert client.post(reverse("cases:delegation_end", args=[delegation.pk])).status_code == 302
    delegation.refresh_from_db()
    assert delegation.status == "cancelled" and not delegation.transfers.exists()


def request_handover(client, actor, departing, successor):
    client.force_login(actor)
    return client.post(
        reverse("cases:handovers"),
        {"departing": departing.pk, "successor": successor.pk, "reason": "Chuyển công tác sang huyện khác"},
    )


def decide(client, actor, handover, decision="approve", note=""):
    client.force_login(actor)
    return client.post(reverse("cases:handover", args=[handover.pk]), {"decision": decision, "note": note})


def test_handover_needs_a_chair_and_never_the_requester(client, world, people):
    u = people
    open_case(client, world)
    assert request_handover(client, u["staff"], u["leader"], u["colleague"]).status_code == 302
    handover = HandoverRequest.objects.get()
    # Staff, members, the departing member and the successor may not approve.
    for who in ("staff", "member", "deputy"):
        assert decide(client, u[who], handover).status_code in (403, 404)
    for who in ("leader", "colleague"):
        assert decide(client, u[who], handover).status_code == 403
    assert decide(client, u["outsider"], handover).status_code == 404
    handover.refresh_from_db()
    assert handover.status == "requested"
    # The chair who asked for a hand-over may not approve it; another chair may.
    other = request_handover(client, u["chair"], u["member"], u["deputy"])
    assert other.status_code == 302
    own = HandoverRequest.objects.get(departing=u["member"])
    response = decide(client, u["chair"], own)
    assert response.status_code == 200 and "không được tự duyệt" in response.content.decode()
    chair2 = _seated(world, "chair2", "Đinh Văn Bình", CommitteeSeat.Role.CHAIR, "D0003")
    assert decide(client, chair2, own).status_code == 302
    own.refresh_from_db()
    assert own.status == "approved" and own.decided_by == chair2
    with pytest.raises(IntegrityError), transaction.atomic():
        HandoverRequest.objects.filter(pk=handover.pk).update(
            status="approved", decided_by=u["staff"], decided_at=timezone.now()
        )
    # Outsiders and other committees' staff may not even request one.
    with pytest.raises(AccessDenied):
        services.handover_request(actor=u["outsider"], departing=u["leader"], successor=u["colleague"], reason="x")
    with pytest.raises(AccessDenied):
        services.handover_request(actor=u["member"], departing=u["leader"], successor=u["colleague"], reason="x")


def test_successor_inherits_roles_and_tasks(client, world, people):
    u = people
    case = signed_case(client, world)
    client.force_login(u["leader"])
    task = open_task(case, "notify_subject")
    claim(client, task)
    request_handover(client, u["staff"], u["leader"], u["colleague"])
    handover = HandoverRequest.objects.get()
    client.force_login(u["chair"])
    page = client.get(reverse("cases:handover", args=[handover.pk])).content.decode()
    assert case.number in page and "Trưởng đoàn" in page
    assert decide(client, u["chair"], handover, note="Đồng ý").status_code == 302
    assert roles(case, u["colleague"]) == {"leader"} and roles(case, u["leader"]) == set()
    task.refresh_from_db()
    assert task.owner_id == u["colleague"].pk
    entry = JournalEntry.objects.get(case=case, action="handover.completed")
    data = decoded(entry)
    assert entry.actor_id == u["chair"].pk
    assert data["departing"]["id"] == u["leader"].pk and data["successor"]["id"] == u["colleague"].pk
    # The successor declares, then works the task; the departing member sees nothing.
    declare(client, u["colleague"], case)
    complete(client, u["colleague"], case, "notify_subject", {"sent_on": dmy(day())})
    client.force_login(u["leader"])
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_handover_reruns_conflicts_at_approval(client, world, people):
    u = people
    case = signed_case(client, world)
    clean = open_case(client, world, subject_card_number=world["secretary"].card_number)
    successor = _seated(world, "successor", "Vũ Văn Lực", CommitteeSeat.Role.MEMBER, "R0002")
    request_handover(client, u["staff"], u["leader"], successor)
    handover = HandoverRequest.objects.get()
    client.force_login(u["chair"])
    assert "quan hệ gia đình" not in client.get(reverse("cases:handover", args=[handover.pk])).content.decode()
    # Kinship comes to light after the request: the approval page and the approval see it.
    KinshipFactory(member=world["subject_member"], relative=successor.member, relation="sibling")
    assert "quan hệ gia đình" in client.get(reverse("cases:handover", args=[handover.pk])).content.decode()
    assert decide(client, u["chair"], handover).status_code == 302
    assert roles(case, u["leader"]) == {"leader"} and roles(case, successor) == set()
    assert roles(clean, successor) == {"leader"}
    assert JournalEntry.objects.filter(case=case, action="handover.skipped").count() == 1
    assert RoleTransfer.objects.get(case=case).outcome == "skipped"
    page = client.get(reverse("cases:handover", args=[handover.pk])).content.decode()
    assert case.number in page and "quan hệ gia đình" in page


def test_handover_refused_while_a_delegation_is_open(client, world, people):
    u = people
    post_delegation(client, u["leader"], u["leader"], u["deputy"])
    request_handover(client, u["staff"], u["leader"], u["colleague"])
    response = decide(client, u["chair"], HandoverRequest.objects.get())
    assert response.status_code == 200 and "chưa kết thúc" in response.content.decode()
    assert HandoverRequest.objects.get().status == "requested"


def test_lists_are_scoped_and_run_a_constant_number_of_queries(client, world, people, django_assert_max_num_queries):
    u = people
    for who, delegate in (("leader", "deputy"), ("member", "deputy"), ("colleague", "staff")):
        assert post_delegation(client, u[who], u[who], u[delegate], start=2, end=4).status_code == 302
    for who in ("leader", "member"):
        request_handover(client, u["staff"], u[who], u["colleague"])
    client.force_login(u["chair"])
    with django_assert_max_num_queries(10):
        page = client.get(reverse("cases:delegations"))
    assert page.status_code == 200 and len(page.context["rows"]) == 3
    with django_assert_max_num_queries(8):
        page = client.get(reverse("cases:handovers"))
    assert page.status_code == 200 and len(page.context["handovers"]) == 2
    # Someone of another committee sees none of it.
    client.force_login(u["outsider"])
    assert client.get(reverse("cases:delegations")).context["rows"] == []
    assert list(client.get(reverse("cases:handovers")).context["handovers"]) == []
    handover = HandoverRequest.objects.first()
    assert client.get(reverse("cases:handover", args=[handover.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("cases:delegations")).status_code == 302
