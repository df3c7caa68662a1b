"""Demo cases of every kind besides A, each waiting at a meaningful step in a demo inbox.

Every case is built the way people build it in the browser: a test client signs in as the
demo user whose step it is and posts the step's form to the real view (the start view, the
task views, the log and ballot pages), so the services, the access checks, the journal and
the viewflow tasks are exactly those of real use. Nothing is written behind their back.

`build_demo_cases(demo)` is idempotent: a kind whose demo case (recognised by its title, or
for D by its register number) already exists is skipped. Dates are relative to today, so
the demo's clocks are always fresh.
"""

import datetime

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow import STATUS
from viewflow.workflow.models import Task

from inspections.models import Ballot, Case, CaseKind, ChecklistItem, DisciplineRecord, KeyArea
from people.models import Committee, Kinship, PartyMember

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

TITLES = {
    CaseKind.SIGNS_INSPECTION: "Kiểm tra khi có dấu hiệu vi phạm trong quản lý đất đai (dữ liệu mẫu)",
    CaseKind.REGULAR_SUPERVISION: "Theo dõi việc thực hiện chức trách, nhiệm vụ (dữ liệu mẫu)",
    CaseKind.THEMATIC_SUPERVISION: "Giám sát việc thực hiện quy chế làm việc của chi bộ (dữ liệu mẫu)",
    CaseKind.DISCIPLINE: "Xem xét kỷ luật đảng viên vi phạm những điều đảng viên không được làm (dữ liệu mẫu)",
    CaseKind.FINANCE_INSPECTION: "Kiểm tra thu, nộp, quản lý đảng phí năm 2025 (dữ liệu mẫu)",
    CaseKind.LOWER_BODY_INSPECTION: "Kiểm tra chi bộ thực hiện nhiệm vụ kiểm tra, giám sát (dữ liệu mẫu)",
}
DENUNCIATION_REGISTER = "TC-MAU-01"
# A discipline case carried to its announced decision, whose record the demo complaint (F)
# is about.
RECORD_TITLE = "Thi hành kỷ luật đảng viên vi phạm quy định về giao đất (dữ liệu mẫu, đã công bố)"


class DemoStepFailed(RuntimeError):
    """A demo step was refused by its view: the demo no longer matches the flows."""


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _day(offset: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).strftime("%d/%m/%Y")


class _Browser:
    """A signed-in person posting forms to the real views."""

    def __init__(self):
        self.client = Client()

    def post(self, user, url, data, *, expect=302):
        self.client.force_login(user)
        # secure: a production setting that redirects plain HTTP must not swallow the post.
        response = self.client.post(url, data, secure=True)
        if response.status_code != expect:
            raise DemoStepFailed(
                f"{url} as {user.username}: {response.status_code}\n{response.content.decode()[:3000]}"
            )
        return response

    def declare(self, case):
        for role in case.roles.filter(role__in=["leader", "member", "director"], revoked_at__isnull=True):
            if not role.user.conflictdeclaration_set.filter(case=case).exists():
                self.post(role.user, reverse("cases:declare", args=[case.pk]), {"has_conflict": "0", "statement": ""})

    def complete(self, user, case, step, data):
        task = open_task(case, step)
        url = task.flow_task.reverse("execute", args=[task.process_id, task.pk])
        if task.owner_id is None:
            self.post(user, task.flow_task.reverse("assign", args=[task.process_id, task.pk]), {})
        return self.post(user, url, data)


def open_task(case, step):
    tasks = Task.objects.filter(process__caseprocess__case=case).exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
    for task in tasks.order_by("pk"):
        if task.flow_task.name == step:
            return task
    raise DemoStepFailed(f"no open task {step} on case {case.number}")


def _latest(kind) -> Case:
    return Case.objects.filter(kind=kind).latest("pk")


def build_demo_cases(demo: dict) -> list[Case]:
    """Build the missing demo cases; return the cases created now."""
    browser = _Browser()
    builders = [
        (CaseKind.SIGNS_INSPECTION, _signs_inspection),
        (CaseKind.REGULAR_SUPERVISION, _supervision_log),
        (CaseKind.THEMATIC_SUPERVISION, _thematic_supervision),
        (CaseKind.DENUNCIATION, _denunciation),
        (CaseKind.DISCIPLINE, _discipline),
        (CaseKind.DISCIPLINE_COMPLAINT, _discipline_complaint),
        (CaseKind.FINANCE_INSPECTION, _finance_inspection),
        (CaseKind.LOWER_BODY_INSPECTION, _lower_body_inspection),
    ]
    created = []
    # The builder signs in with force_login on the users' behalf, not with their password
    # and token; the two-factor gate guards real sign-ins and stays on for them.
    # The test client's host name is allowed for these in-process requests only.
    with override_settings(KIEMTRA_OTP_REQUIRED=False, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        for kind, build in builders:
            if demo_case(kind) is None:
                created.append(build(browser, demo))
    return created


def demo_case(kind) -> Case | None:
    """The demo case of `kind`, if it was built already."""
    cases = Case.objects.filter(kind=kind)
    if kind == CaseKind.DENUNCIATION:
        cases = cases.filter(denunciation__register_number=DENUNCIATION_REGISTER)
    elif kind == CaseKind.DISCIPLINE_COMPLAINT:
        cases = cases.filter(complaint__record__case__title=RECORD_TITLE)
    else:
        cases = cases.filter(title=TITLES[kind])
    return cases.order_by("pk").first()


def _team(demo) -> dict:
    u = demo["users"]
    return {"leader": u["truongdoan"].pk, "members": [u["uyvien"].pk]}


# ---- B, G, H: three-phase inspections -------------------------------------------------


def _propose(browser, demo, kind, flow_name, data) -> Case:
    u = demo["users"]
    base = {
        "committee": demo["inspection_committee"].pk,
        "title": TITLES[kind],
        "period_start": "01/01/2025",
        "period_end": "31/12/2025",
        "confidentiality": "normal",
        "working_days": "20",
        **_team(demo),
    }
    browser.post(u["canbo"], reverse(f"workflow:flows:{flow_name}:open_case:execute"), {**base, **data})
    case = _latest(kind)
    browser.declare(case)
    return case


def _signs_inspection(browser, demo) -> Case:
    """B, at the team's verification (uyvien's inbox: "verify")."""
    u = demo["users"]
    case = _propose(
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
    browser.complete(u["chunhiem"], case, "sign_decision", {"signed_on": _day()})
    browser.complete(
        u["truongdoan"],
        case,
        "prepare",
        {
            "outline": "1. Giải trình việc ký hồ sơ cấp đất\n2. Tài liệu kèm theo",
            "schedule": "Tuần 1: làm việc với đối tượng; tuần 2-3: xác minh",
            "assignments": "Trưởng đoàn: phụ trách chung; thành viên: xác minh hồ sơ",
            "team_met_on": _day(),
            "outline_file": _pdf("de-cuong.pdf"),
        },
    )
    browser.complete(
        u["uyvien"],
        case,
        "meet_subject",
        {
            "met_on": _day(),
            "report_due_on": _day(10),
            "note": "Đối tượng, bí thư chi bộ thôn Đồng Tâm",
            "file": _pdf("bien-ban.pdf"),
        },
    )
    browser.complete(u["uyvien"], case, "receive_report", {"received_on": _day(), "file": _pdf("giai-trinh.pdf")})
    return case


def _checklist(kind, area) -> dict:
    return {
        "subject_card_number": "",
        "key_areas": [KeyArea.objects.get(code=area).pk],
        "content_items": list(ChecklistItem.objects.filter(kind=kind).order_by("pk").values_list("pk", flat=True)[:3]),
    }


def _finance_inspection(browser, demo) -> Case:
    """G, at the decision (chunhiem's inbox: "sign_decision")."""
    return _propose(
        browser,
        demo,
        CaseKind.FINANCE_INSPECTION,
        "financeinspection",
        {
            **_checklist(CaseKind.FINANCE_INSPECTION, "tai-chinh-dang"),
            "subject_organisation": demo["subject_org"].pk,
            "grounds": "Chương trình kiểm tra, giám sát năm 2026 của Ủy ban Kiểm tra Đảng ủy",
            "content": "Thu, nộp, quản lý và sử dụng đảng phí năm 2025",
        },
    )


def _lower_body_inspection(browser, demo) -> Case:
    """H, at the decision (chunhiem's inbox: "sign_decision")."""
    return _propose(
        browser,
        demo,
        CaseKind.LOWER_BODY_INSPECTION,
        "lowerbodyinspection",
        {
            **_checklist(CaseKind.LOWER_BODY_INSPECTION, "nguyen-tac-to-chuc"),
            "subject_organisation": demo["subject_org"].pk,
            "grounds": "Chương trình kiểm tra, giám sát năm 2026 của Ủy ban Kiểm tra Đảng ủy",
            "content": "Việc chi bộ thực hiện nhiệm vụ kiểm tra, giám sát năm 2025",
        },
    )


# ---- C1, C2: supervision --------------------------------------------------------------


def _supervision_log(browser, demo) -> Case:
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
            **_team(demo),
        },
    )
    case = _latest(CaseKind.REGULAR_SUPERVISION)
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
            {"kind": "observation", "occurred_on": _day(offset), "source": source, "text": text},
        )
    return case


def _thematic_supervision(browser, demo) -> Case:
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
            **_team(demo),
            "decision_file": _pdf("du-thao-quyet-dinh.pdf"),
            "plan_file": _pdf("ke-hoach.pdf"),
            "outline_file": _pdf("de-cuong.pdf"),
        },
    )
    case = _latest(CaseKind.THEMATIC_SUPERVISION)
    browser.declare(case)
    browser.complete(u["chunhiem"], case, "sign_decision", {"signed_on": _day()})
    browser.complete(
        u["truongdoan"],
        case,
        "group_meeting",
        {
            "met_on": _day(),
            "method": "Nghiên cứu báo cáo, làm việc trực tiếp với chi ủy",
            "assignments": "Trần Văn Hùng – tổng hợp\nLê Minh Tuấn – nghiên cứu hồ sơ",
            "sent_on": _day(),
        },
    )
    browser.complete(u["uyvien"], case, "receive_report", {"received_on": _day(), "file": _pdf("bao-cao-chi-bo.pdf")})
    return case


# ---- D: denunciation ------------------------------------------------------------------


def _denunciation(browser, demo) -> Case:
    """D, registered with the denouncer sealed, awaiting the chair's triage."""
    u = demo["users"]
    browser.post(
        u["canbo"],
        reverse("workflow:flows:denunciation:intake:execute"),
        {
            "committee": demo["inspection_committee"].pk,
            "register_number": DENUNCIATION_REGISTER,
            "received_on": _day(-3),
            "letter_dated": _day(-5),
            "forwarded_by": "",
            "first_received_on": "",
            "subject_card_number": demo["subject_member"].card_number,
            "subject_organisation": "",
            "title": "",
            "allegations": "Lợi dụng chức vụ để trục lợi khi giao đất\nKhông kê khai tài sản theo quy định",
            "denouncer_name": "Đinh Thị Tố Giác",
            "denouncer_card_number": "",
            "denouncer_address": "Số 9 ngõ Kín, thôn Tây Hòa",
            "denouncer_contact": "0987 654 321",
            "other_signatories": "",
            "signatory_count": "1",
            "letter_scan": _pdf("don-to-cao.pdf"),
            "proposal": "Đề nghị thụ lý giải quyết",
            "confidentiality": "confidential",
        },
    )
    return _latest(CaseKind.DENUNCIATION)


# ---- E, F: discipline and complaints --------------------------------------------------


def _discipline(browser, demo, *, title=None, subject=None) -> Case:
    """E, an open secret ballot of the inspection committee: the leader alone prepared the
    file, so the chair and uyvien (members of the committee, not of the team) vote."""
    u = demo["users"]
    subject = subject or demo["subject_member"]
    committee = demo["inspection_committee"]
    browser.post(
        u["canbo"],
        reverse("workflow:flows:discipline:open_case:execute"),
        {
            "committee": committee.pk,
            "title": title or TITLES[CaseKind.DISCIPLINE],
            "subject_card_number": subject.card_number,
            "subject_organisation": "",
            "grounds": "Kết luận kiểm tra khi có dấu hiệu vi phạm",
            "violation": "Vi phạm quy định về những điều đảng viên không được làm",
            "violation_start": _day(-400),
            "violation_end": "",
            "statute_category": "by_form",
            "subject_kind": "member",
            # The rule book gives a commune-level inspection committee no sanction of its
            # own yet (domain.md §6.3, §11.2); the demo committee decides as the legacy
            # district one, as the discipline tests do.
            "body_kind": "district.inspection",
            "body_organisation": "",
            "body_committee": committee.pk,
            "confidentiality": "normal",
            "leader": u["truongdoan"].pk,
            "members": [],
        },
    )
    case = _latest(CaseKind.DISCIPLINE)
    browser.declare(case)
    browser.complete(
        u["truongdoan"],
        case,
        "self_criticism",
        {"outcome": "received", "on": _day(), "self_proposed_form": "reprimand", "file": _pdf("kiem-diem.pdf")},
    )
    browser.complete(
        u["truongdoan"],
        case,
        "write_report",
        {"text": "Báo cáo đề nghị thi hành kỷ luật", "proposed_form": "reprimand"},
    )
    present = [u["chunhiem"], u["truongdoan"], u["uyvien"]]
    browser.complete(
        u["chunhiem"],
        case,
        "meeting",
        {
            "outcome": "hold",
            "meeting_on": _day(),
            "members_total": len(present),
            "away_count": 0,
            "exempted_absent_count": 0,
            "present": [user.pk for user in present],
        },
    )
    return case


def _disciplined_member(demo) -> PartyMember:
    """A plain full member of the subject's cell (no post, not the subject nor kin of his)."""
    cell_mates = PartyMember.objects.filter(
        organisation=demo["subject_org"], status=PartyMember.Status.FULL, positions__isnull=True
    ).exclude(pk=demo["subject_member"].pk)
    kin = Kinship.objects.filter(member=demo["subject_member"]).values("relative_id")
    return cell_mates.exclude(pk__in=kin).order_by("card_number").first()


def _decided_discipline(browser, demo) -> DisciplineRecord:
    """A reprimand voted by the committee, signed and announced: an in-force record."""
    u = demo["users"]
    case = _discipline(browser, demo, title=RECORD_TITLE, subject=_disciplined_member(demo))
    ballot = Ballot.objects.get(case=case, closed_at__isnull=True)
    for voter in (u["chunhiem"], u["uyvien"]):
        browser.post(voter, reverse("cases:ballot_cast", args=[case.pk, ballot.pk]), {"option": "reprimand"})
    browser.complete(u["chunhiem"], case, "close_ballot", {"confirm": "on"})
    browser.complete(u["chunhiem"], case, "sign_decision", {"number": "01-QĐ/UBKTĐU", "signed_on": _day()})
    browser.complete(u["canbo"], case, "announce", {"announced_on": _day(), "file": _pdf("cong-bo.pdf")})
    return DisciplineRecord.objects.get(case=case)


def _discipline_complaint(browser, demo) -> Case:
    """F, a complaint against a disciplined member's record, awaiting the director
    (chunhiem) to check its admissibility."""
    u = demo["users"]
    record = _decided_discipline(browser, demo)
    committee = demo["inspection_committee"]
    standing = Committee.objects.get(
        organisation=committee.organisation, kind=Committee.Kind.STANDING, term_start=committee.term_start
    )
    browser.post(
        u["canbo"],
        reverse("workflow:flows:disciplinecomplaint:open_complaint:execute"),
        {
            "committee": committee.pk,
            "record": record.pk,
            "representative": "",
            "decision_received_on": _day(),
            "received_on": _day(),
            "about": ["form"],
            "request": "Đề nghị xem xét giảm hình thức kỷ luật vì vi phạm lần đầu, đã khắc phục",
            "letter": _pdf("don-khieu-nai.pdf"),
            "imposed_by_kind": "inspection",
            "imposed_by_organisation": committee.organisation.pk,
            "resolving_body": standing.pk,
            **_team(demo),
            "director": u["chunhiem"].pk,
        },
    )
    case = _latest(CaseKind.DISCIPLINE_COMPLAINT)
    browser.declare(case)
    return case
