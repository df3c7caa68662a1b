"""Demo cases of the three-phase inspections: B at the team's verification, G and H at
the chair's signature."""

from django.urls import reverse

from inspections.models import Case, CaseKind, ChecklistItem, KeyArea
from workflow.demo_cases.base import TITLES, day, latest, pdf, team


def propose(browser, demo, kind, flow_name, data) -> Case:
    u = demo["users"]
    base = {
        "committee": demo["inspection_committee"].pk,
        "title": TITLES[kind],
        "period_start": "01/01/2025",
        "period_end": "31/12/2025",
        "confidentiality": "normal",
        "working_days": "20",
        **team(demo),
    }
    browser.post(u["canbo"], reverse(f"workflow:flows:{flow_name}:open_case:execute"), {**base, **data})
    case = latest(kind)
    browser.declare(case)
    return case


def build_signs_inspection(browser, demo) -> Case:
    """B, at the team's verification (uyvien's inbox: "verify")."""
    u = demo["users"]
    case = propose(
        browser,
        demo,
        CaseKind.SIGNS_INSPECTION,
        "signsinspection",
        {
            "subject_card_number": demo["subject_member"].card_number,
            "subject_organisation": "",
            "key_areas": [KeyArea.objects.get(code="dat-dai-tai-nguyen").pk],
            "grounds": "Báo cáo giám sát thường xuyên; đơn phản ánh có tên",
            "content": "Việc ký hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất tại thôn Đồng Tâm",
            "signs_source": "supervision",
            "signs_detail": "Giám sát thường xuyên phát hiện hồ sơ cấp đất thiếu chữ ký của người có thẩm quyền",
        },
    )
    browser.complete(u["chunhiem"], case, "sign_decision", {"signed_on": day()})
    browser.complete(
        u["truongdoan"],
        case,
        "prepare",
        {
            "outline": "1. Giải trình việc ký hồ sơ cấp đất\n2. Tài liệu kèm theo",
            "schedule": "Tuần 1: làm việc với đối tượng; tuần 2-3: xác minh",
            "assignments": "Trưởng đoàn: phụ trách chung; thành viên: xác minh hồ sơ",
            "team_met_on": day(),
            "outline_file": pdf("de-cuong.pdf"),
        },
    )
    browser.complete(
        u["uyvien"],
        case,
        "meet_subject",
        {
            "met_on": day(),
            "report_due_on": day(10),
            "note": "Đối tượng, bí thư chi bộ thôn Đồng Tâm",
            "file": pdf("bien-ban.pdf"),
        },
    )
    browser.complete(u["uyvien"], case, "receive_report", {"received_on": day(), "file": pdf("giai-trinh.pdf")})
    return case


def checklist(kind, area) -> dict:
    return {
        "subject_card_number": "",
        "key_areas": [KeyArea.objects.get(code=area).pk],
        "content_items": list(ChecklistItem.objects.filter(kind=kind).order_by("pk").values_list("pk", flat=True)[:3]),
    }


def build_finance_inspection(browser, demo) -> Case:
    """G, at the decision (chunhiem's inbox: "sign_decision")."""
    return propose(
        browser,
        demo,
        CaseKind.FINANCE_INSPECTION,
        "financeinspection",
        {
            **checklist(CaseKind.FINANCE_INSPECTION, "tai-chinh-dang"),
            "subject_organisation": demo["subject_org"].pk,
            "grounds": "Chương trình kiểm tra, giám sát năm 2026 của Ủy ban Kiểm tra Đảng ủy",
            "content": "Thu, nộp, quản lý và sử dụng đảng phí năm 2025",
        },
    )


def build_lower_body_inspection(browser, demo) -> Case:
    """H, at the decision (chunhiem's inbox: "sign_decision")."""
    return propose(
        browser,
        demo,
        CaseKind.LOWER_BODY_INSPECTION,
        "lowerbodyinspection",
        {
            **checklist(CaseKind.LOWER_BODY_INSPECTION, "nguyen-tac-to-chuc"),
            "subject_organisation": demo["subject_org"].pk,
            "grounds": "Chương trình kiểm tra, giám sát năm 2026 của Ủy ban Kiểm tra Đảng ủy",
            "content": "Việc chi bộ thực hiện nhiệm vụ kiểm tra, giám sát năm 2025",
        },
    )
