"""Demo cases of supervision: a C1 log with a few entries, and a thematic supervision (C2)
at the study of the subject's report."""

from django.urls import reverse

from inspections.models import Case, CaseKind, KeyArea
from workflow.demo_cases.base import TITLES, day, latest, pdf, team


def build_supervision_log(browser, demo) -> Case:
    """C1, an open log with a few entries (kept by truongdoan, helped by uyvien)."""
    u = demo["users"]
    browser.post(
        u["canbo"],
        reverse("cases:supervision_log_open"),
        {
            "committee": demo["inspection_committee"].pk,
            "title": TITLES[CaseKind.REGULAR_SUPERVISION],
            "subject_card_number": demo["subject_member"].card_number,
            "subject_organisation": "",
            "key_areas": [KeyArea.objects.get(code="nguyen-tac-to-chuc").pk],
            "grounds": "Kế hoạch giám sát thường xuyên năm 2026",
            "confidentiality": "normal",
            **team(demo),
        },
    )
    case = latest(CaseKind.REGULAR_SUPERVISION)
    browser.declare(case)
    entries = [
        (u["truongdoan"], -40, "report", "Nghiên cứu báo cáo quý I của đồng chí về việc thực hiện nhiệm vụ được giao"),
        (u["uyvien"], -25, "meeting", "Dự sinh hoạt chi bộ thôn Đồng Tâm; đồng chí phát biểu, nhận nhiệm vụ"),
        (u["truongdoan"], -10, "report", "Nắm tình hình qua báo cáo của bí thư chi bộ về việc giao đất"),
    ]
    for user, offset, source, text in entries:
        browser.post(
            user,
            reverse("cases:supervision_log", args=[case.pk]),
            {"kind": "observation", "occurred_on": day(offset), "source": source, "text": text},
        )
    return case


def build_thematic_supervision(browser, demo) -> Case:
    """C2, after the subject's report (uyvien's queue: "study_report")."""
    u = demo["users"]
    browser.post(
        u["canbo"],
        reverse("workflow:flows:thematicsupervision:open_case:execute"),
        {
            "committee": demo["inspection_committee"].pk,
            "title": TITLES[CaseKind.THEMATIC_SUPERVISION],
            "subject_card_number": "",
            "subject_organisation": demo["subject_org"].pk,
            "key_areas": [KeyArea.objects.get(code="nguyen-tac-to-chuc").pk],
            "grounds": "Chương trình giám sát chuyên đề năm 2026",
            "period_start": "01/01/2025",
            "period_end": "31/12/2025",
            "confidentiality": "normal",
            **team(demo),
            "decision_file": pdf("du-thao-quyet-dinh.pdf"),
            "plan_file": pdf("ke-hoach.pdf"),
            "outline_file": pdf("de-cuong.pdf"),
        },
    )
    case = latest(CaseKind.THEMATIC_SUPERVISION)
    browser.declare(case)
    browser.complete(u["chunhiem"], case, "sign_decision", {"signed_on": day()})
    browser.complete(
        u["truongdoan"],
        case,
        "group_meeting",
        {
            "met_on": day(),
            "method": "Nghiên cứu báo cáo, làm việc trực tiếp với chi ủy",
            "assignments": "Trần Văn Hùng – tổng hợp\nLê Minh Tuấn – nghiên cứu hồ sơ",
            "sent_on": day(),
        },
    )
    browser.complete(u["uyvien"], case, "receive_report", {"received_on": day(), "file": pdf("bao-cao-chi-bo.pdf")})
    return case
