"""Drive the three-phase inspections (B, G, H) and the follow-up through the real views."""

import datetime

from django.urls import reverse
from django.utils import timezone

from inspections.models import Case, CaseKind, ChecklistItem, JournalEntry, KeyArea
from tests.workflow.conftest import pdf
from tests.workflow.helpers import complete, declare, open_task, task_url

FLOW_NAMES = {
    CaseKind.SIGNS_INSPECTION: "signsinspection",
    CaseKind.FINANCE_INSPECTION: "financeinspection",
    CaseKind.LOWER_BODY_INSPECTION: "lowerbodyinspection",
}


def day(offset: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).strftime("%d/%m/%Y")


def start_url(kind: str) -> str:
    return reverse(f"workflow:flows:{FLOW_NAMES[kind]}:open_case:execute")


def proposal_data(world, kind: str, **overrides) -> dict:
    u = world["users"]
    data = {
        "committee": world["committee"].pk,
        "title": "Kiểm tra khi có dấu hiệu vi phạm trong quản lý đất đai",
        "subject_card_number": world["subject_member"].card_number,
        "subject_organisation": "",
        "key_areas": [KeyArea.objects.get(code="dat-dai-tai-nguyen").pk],
        "grounds": "Báo cáo giám sát của chi bộ; đơn phản ánh có tên",
        "period_start": "01/01/2024",
        "period_end": "30/06/2025",
        "confidentiality": "normal",
        "leader": u["leader"].pk,
        "members": [u["member"].pk],
        "content": "Việc cấp giấy chứng nhận quyền sử dụng đất tại thôn 1",
        "working_days": "20",
        "signs_source": "supervision",
        "signs_detail": "Giám sát thường xuyên phát hiện hồ sơ cấp đất thiếu chữ ký",
    }
    if kind != CaseKind.SIGNS_INSPECTION:
        del data["subject_card_number"], data["signs_source"], data["signs_detail"]
        data.update(
            title="Kiểm tra tài chính đảng" if kind == CaseKind.FINANCE_INSPECTION else "Kiểm tra công tác kiểm tra",
            subject_organisation=world["cell"].pk,
            key_areas=[KeyArea.objects.get(code="tai-chinh-dang").pk],
            content_items=list(ChecklistItem.objects.filter(kind=kind).values_list("pk", flat=True)[:3]),
            content="Thu, nộp, sử dụng đảng phí năm 2025",
        )
    data.update(overrides)
    return data


def propose(client, world, kind: str, *, declare_team=True, **overrides) -> Case:
    client.force_login(world["users"]["staff"])
    response = client.post(start_url(kind), proposal_data(world, kind, **overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.latest("pk")
    assert case.kind == kind
    if declare_team:
        declare_all(client, case)
    return case


def declare_all(client, case):
    for role in case.roles.filter(role__in=["leader", "member", "director"], revoked_at__isnull=True):
        if not role.user.conflictdeclaration_set.filter(case=case).exists():
            declare(client, role.user, case)


def finding_data(case) -> dict:
    """Verification data: the planned inspection's form for B, a finding per item for G and H."""
    if case.kind == CaseKind.SIGNS_INSPECTION:
        return {"violations": "Ký hồ sơ cấp đất sai thẩm quyền", "shortcomings": "Chậm báo cáo"}
    data = {}
    for item in ChecklistItem.objects.filter(inspectionrecord__case=case):
        data[f"item_{item.pk}_assessment"] = "shortcoming"
        data[f"item_{item.pk}_text"] = f"Hạn chế ở nội dung {item.code}"
    return data


def carry_to_verification(client, world, case):
    u = world["users"]
    complete(client, u["chair"], case, "sign_decision", {"signed_on": day()})
    complete(
        client,
        u["leader"],
        case,
        "prepare",
        {
            "outline": "1. Giải trình việc ký hồ sơ\n2. Tài liệu kèm theo",
            "schedule": "Tuần 1: làm việc với đối tượng; tuần 2-3: xác minh",
            "assignments": "Trưởng đoàn: chung; thành viên: xác minh hồ sơ",
            "team_met_on": day(),
            "outline_file": pdf("de-cuong.pdf"),
        },
    )
    complete(
        client,
        u["member"],
        case,
        "meet_subject",
        {"met_on": day(), "report_due_on": day(10), "note": "Đối tượng, bí thư chi bộ", "file": pdf("bien-ban.pdf")},
    )
    if case.kind == CaseKind.SIGNS_INSPECTION:
        complete(client, u["member"], case, "receive_report", {"received_on": day(), "file": pdf("giai-trinh.pdf")})
    else:
        complete(client, u["member"], case, "receive_report", {"received_on": day(), "file": pdf("tu-kiem-tra.pdf")})


def carry_to_report(client, world, case):
    u = world["users"]
    carry_to_verification(client, world, case)
    complete(client, u["member"], case, "verify", finding_data(case))
    if case.kind != CaseKind.LOWER_BODY_INSPECTION:
        complete(
            client, u["member"], case, "review_meeting", {"held_on": day(), "summary": "Chi bộ đã kiểm điểm đối tượng"}
        )
    complete(
        client, u["leader"], case, "write_team_report", {"text": "Báo cáo kết quả kiểm tra", "discussed_on": day()}
    )


VIOLATION = {
    "violation_found": "on",
    "content": "Ký hồ sơ cấp đất sai thẩm quyền",
    "nature": "Nghiêm trọng",
    "extent": "Gây thất thoát",
    "harm": "Ảnh hưởng uy tín tổ chức",
    "causes": "Thiếu tu dưỡng, rèn luyện",
    "responsibility": "Cá nhân đối tượng",
    "discipline_required": "on",
    "subject_admits": "on",
    "self_proposed_form": "warning",
}


def conclusion_data(recommendations: str = "", **overrides) -> dict:
    data = {"text": "Kết luận của Ủy ban kiểm tra", "committee_met_on": day(), **VIOLATION}
    data["recommendations"] = recommendations
    data.update(overrides)
    return data


def carry_to_follow_up(client, world, case, recommendations: str):
    u = world["users"]
    carry_to_report(client, world, case)
    complete(client, u["chair"], case, "review_team_report", {"decision": "accept"})
    complete(client, u["leader"], case, "draft_conclusion", conclusion_data(recommendations))
    complete(client, u["chair"], case, "approve_conclusion", {"decision": "accept"})
    complete(client, u["staff"], case, "notify_conclusion", {"sent_on": day(), "managing_informed": "on"})


def assert_refused(client, user, case, step, data):
    """`user` can neither claim nor execute `step`, and nothing is written."""
    task = open_task(case, step)
    before = _state(case, task)
    client.force_login(user)
    if task.owner_id is None:
        client.post(task_url(task, "assign"), {})
    response = client.post(task_url(task), {k: v for k, v in data.items() if v is not None})
    assert response.status_code in (403, 404), (step, user, response.status_code)
    task.refresh_from_db()
    assert _state(case, task) == before


def _state(case, task):
    return Case.objects.get(pk=case.pk).status, JournalEntry.objects.filter(case=case).count(), task.owner_id
