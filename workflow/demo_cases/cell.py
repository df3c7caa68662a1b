"""The demo cell acting as a body (issue 9 point 9): the secretary of chi bộ thôn Đồng Tâm
proposes an inspection upon signs of violation of a member of the cell (domain.md §5(B)
B.2); the deputy secretary signs it "T/M chi bộ" (the secretary drafted it: four eyes), and
the case waits for the secretary, its team leader, to prepare the outline."""

from django.urls import reverse

from inspections.models import Case, CaseKind, KeyArea
from workflow.demo_cases.base import CELL_SIGNS_TITLE, day

CELL_SIGNS_URL = "workflow:flows:signsinspection:open_case:execute"


def build_cell_signs_inspection(browser, demo) -> Case:
    """B opened by a cell on its own member, at "prepare" (bithu's inbox)."""
    u = demo["users"]
    data = {
        "committee": demo["cell_body"].pk,
        "title": CELL_SIGNS_TITLE,
        "subject_card_number": demo["cell_subject"].card_number,
        "subject_organisation": "",
        "key_areas": [KeyArea.objects.get(code="nguyen-tac-to-chuc").pk],
        "grounds": "Ý kiến phản ánh tại hội nghị chi bộ thường kỳ; giám sát thường xuyên của chi ủy",
        "period_start": "01/01/2025",
        "period_end": "31/12/2025",
        "confidentiality": "normal",
        "leader": u["bithu"].pk,
        "members": [u["phobithu"].pk],
        "content": "Việc đảng viên không sinh hoạt chi bộ ba kỳ liên tiếp và không đóng đảng phí",
        "working_days": "15",
        "signs_source": "supervision",
        "signs_detail": "Chi ủy ghi nhận đảng viên vắng ba kỳ sinh hoạt liên tiếp không có lý do",
    }
    browser.post(u["bithu"], reverse(CELL_SIGNS_URL), data)
    case = Case.objects.filter(kind=CaseKind.SIGNS_INSPECTION, title=CELL_SIGNS_TITLE).latest("pk")
    browser.declare(case)
    browser.complete(u["phobithu"], case, "sign_decision", {"signed_on": day()})
    return case
