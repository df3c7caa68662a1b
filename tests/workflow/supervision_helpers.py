"""Drive supervision cases through the real views: open a C1 log and write in it, open a
C2 thematic supervision and carry it step by step."""

import datetime

from django.urls import reverse
from django.utils import timezone

from inspections.models import Case, CaseKind, KeyArea
from tests.workflow.conftest import pdf
from tests.workflow.helpers import complete, declare

THEMATIC_OPEN_URL = "workflow:flows:thematicsupervision:open_case:execute"


def day(offset: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).strftime("%d/%m/%Y")


def declare_team(client, case):
    for role in case.roles.filter(role__in=["leader", "member", "director"], revoked_at__isnull=True):
        declare(client, role.user, case)


def open_log(client, world, *, declare_keepers=True, expect=302, **overrides):
    """Committee staff open the log of the world's subject member; the leader keeps it, the
    member helps."""
    u = world["users"]
    client.force_login(u["staff"])
    data = {
        "committee": world["committee"].pk,
        "title": "Theo dõi việc thực hiện chức trách, nhiệm vụ",
        "subject_card_number": world["subject_member"].card_number,
        "subject_organisation": "",
        "key_areas": [KeyArea.objects.get(code="nguyen-tac-to-chuc").pk],
        "grounds": "Kế hoạch giám sát thường xuyên năm 2026",
        "confidentiality": "normal",
        "leader": u["leader"].pk,
        "members": [u["member"].pk],
    }
    data.update(overrides)
    response = client.post(reverse("cases:supervision_log_open"), data)
    assert response.status_code == expect, response.content.decode()[:3000]
    if expect != 302:
        return response
    case = Case.objects.filter(kind=CaseKind.REGULAR_SUPERVISION).latest("pk")
    if declare_keepers:
        declare_team(client, case)
    return case


def log_url(case):
    return reverse("cases:supervision_log", args=[case.pk])


def add_entry(client, user, case, *, expect=302, **data):
    client.force_login(user)
    body = {"kind": "observation", "occurred_on": day(), "source": "report", "text": "Nghiên cứu báo cáo quý"}
    body.update(data)
    response = client.post(log_url(case), body)
    assert response.status_code == expect, response.content.decode()[:3000]
    return response


def open_thematic(client, world, *, declare_group=True, **overrides):
    u = world["users"]
    client.force_login(u["staff"])
    data = {
        "committee": world["committee"].pk,
        "title": "Giám sát việc thực hiện quy chế làm việc",
        "subject_card_number": "",
        "subject_organisation": world["cell"].pk,
        "key_areas": [KeyArea.objects.get(code="nguyen-tac-to-chuc").pk],
        "grounds": "Chương trình giám sát chuyên đề năm 2026",
        "period_start": "01/01/2025",
        "period_end": "31/12/2025",
        "confidentiality": "normal",
        "leader": u["leader"].pk,
        "members": [u["member"].pk],
        "decision_file": pdf("du-thao-quyet-dinh.pdf"),
        "plan_file": pdf("ke-hoach.pdf"),
        "outline_file": pdf("de-cuong.pdf"),
    }
    data.update(overrides)
    response = client.post(reverse(THEMATIC_OPEN_URL), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.filter(kind=CaseKind.THEMATIC_SUPERVISION).latest("pk")
    if declare_group:
        declare_team(client, case)
    return case


def meeting_data(world, case, **overrides):
    u = world["users"]
    data = {
        "held_on": day(),
        "group_present": [u["leader"].pk, u["member"].pk],
        "subject_committee_present": "Bí thư chi bộ Đỗ Thị Hoa; Phó Bí thư",
        "summary": "Đối tượng trình bày báo cáo; tổ trình bày dự thảo; thảo luận thống nhất",
    }
    if case.subject_member_id:
        data["subject_member_present"] = "1"
    data.update(overrides)
    return data


# The steps of the flow in order, each with its actor and data that completes it.
STEPS = [
    ("sign_decision", "chair", lambda world, case: {"signed_on": day()}),
    (
        "group_meeting",
        "leader",
        lambda world, case: {
            "met_on": day(),
            "method": "Nghiên cứu báo cáo, làm việc trực tiếp",
            "assignments": "Trần Văn Hùng – tổng hợp\nLê Thị Mai – nghiên cứu hồ sơ",
            "sent_on": day(),
        },
    ),
    ("receive_report", "member", lambda world, case: {"received_on": day(), "file": pdf("bao-cao-doi-tuong.pdf")}),
    ("study_report", "member", lambda world, case: {"strengths": "Duy trì sinh hoạt định kỳ"}),
    ("draft_result", "leader", lambda world, case: {"text": "Dự thảo báo cáo kết quả giám sát"}),
    ("subject_meeting", "member", meeting_data),
    ("finalise_report", "leader", lambda world, case: {"text": "Báo cáo kết quả giám sát"}),
    ("review_report", "chair", lambda world, case: {"decision": "accept"}),
    ("draft_notice", "leader", lambda world, case: {"text": "Thông báo kết quả giám sát", "recommendations": ""}),
    ("sign_notice", "chair", lambda world, case: {"decision": "accept"}),
    ("send_notice", "staff", lambda world, case: {"sent_on": day()}),
]
STEP_NAMES = [name for name, _actor, _data in STEPS]


def carry(client, world, case, *, until: str | None = None, start: str = "sign_decision"):
    """Complete the steps from `start` up to (not including) `until`."""
    names = STEP_NAMES[STEP_NAMES.index(start) :]
    for name, actor, data in STEPS:
        if name not in names:
            continue
        if name == until:
            return
        complete(client, world["users"][actor], case, name, data(world, case))
