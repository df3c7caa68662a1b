"""Case kinds, case statuses and the allowed status moves of each kind (style.md,
django-oscar pipeline: allowed moves are data beside the enum).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    # Codes follow domain.md §4.
    PLANNED_INSPECTION = "A", _("Kiểm tra theo chương trình")
    SIGNS_INSPECTION = "B", _("Kiểm tra khi có dấu hiệu vi phạm")
    REGULAR_SUPERVISION = "C1", _("Giám sát thường xuyên")
    THEMATIC_SUPERVISION = "C2", _("Giám sát chuyên đề")
    DENUNCIATION = "D", _("Giải quyết tố cáo")
    DISCIPLINE = "E", _("Thi hành kỷ luật")
    DISCIPLINE_COMPLAINT = "F", _("Giải quyết khiếu nại kỷ luật")
    FINANCE_INSPECTION = "G", _("Kiểm tra tài chính đảng")
    LOWER_BODY_INSPECTION = "H", _("Kiểm tra cấp dưới thực hiện nhiệm vụ kiểm tra, giám sát, kỷ luật")


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo quyết định")
    DECIDED = "decided", _("Đã ký quyết định")
    NOTIFIED = "notified", _("Đã thông báo đối tượng")
    SELF_REPORTED = "self_reported", _("Đã nhận báo cáo tự kiểm tra")
    VERIFYING = "verifying", _("Đang thẩm tra, xác minh")
    REPORTED = "reported", _("Đã có báo cáo của đoàn")
    CONCLUDING = "concluding", _("Đang dự thảo kết luận")
    CONCLUDED = "concluded", _("Đã kết luận")
    FOLLOW_UP = "follow_up", _("Theo dõi thực hiện kết luận")
    CLOSED = "closed", _("Đã kết thúc")
    # Issue 3: statuses of the other case kinds (a superset shared by the kinds; each kind
    # allows only the moves in its own pipeline, STATUS_PIPELINES below).
    RECEIVED = "received", _("Đã tiếp nhận, vào sổ")
    NOT_HANDLED = "not_handled", _("Không giải quyết (lưu đơn)")
    TRANSFERRED = "transferred", _("Đã chuyển cơ quan có thẩm quyền")
    WITHDRAWN = "withdrawn", _("Đã rút đơn, đình chỉ giải quyết")
    SUSPENDED = "suspended", _("Tạm hoãn (dừng tính thời hạn)")
    SELF_CRITICISM = "self_criticism", _("Đang kiểm điểm")
    VOTED = "voted", _("Đã biểu quyết")
    PROPOSED = "proposed", _("Đã đề nghị cấp có thẩm quyền")
    ANNOUNCED = "announced", _("Đã công bố quyết định")
    MONITORING = "monitoring", _("Đang theo dõi, giám sát")
    DENUNCIATION_ACCEPTED = "d_accepted", _("Đã thụ lý giải quyết tố cáo")
    DENUNCIATION_EXPLAINED = "d_explained", _("Đã nhận báo cáo giải trình của người bị tố cáo")
    COMPLAINT_SPLIT = "d_split", _("Đơn vừa khiếu nại vừa tố cáo: chỉ giải quyết phần khiếu nại")
    VOTING = "voting", _("Đang bỏ phiếu kín")
    # Thematic supervision (domain.md §5(C) C2): the subject's report is not a
    # self-inspection report, and the group's draft is discussed at the subject's meeting.
    SUBJECT_REPORTED = "subject_reported", _("Đã nhận báo cáo của đối tượng giám sát")
    ADDITIONS_REQUESTED = "additions_requested", _("Đã yêu cầu bổ sung, giải trình")
    RESULT_DRAFTED = "result_drafted", _("Đã dự thảo báo cáo kết quả giám sát")
    MEETING_HELD = "meeting_held", _("Đã họp với đối tượng giám sát")
    PREPARED = "prepared", _("Đã chuẩn bị đề cương, lịch làm việc của đoàn")


# Allowed status moves are data (style.md, django-oscar pipeline). Return loops:
# report sent back -> VERIFYING; conclusion sent back -> REPORTED (redraft).
STATUS_PIPELINE: dict[str, tuple[str, ...]] = {
    CaseStatus.DRAFT: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.NOTIFIED,),
    CaseStatus.NOTIFIED: (CaseStatus.SELF_REPORTED,),
    CaseStatus.SELF_REPORTED: (CaseStatus.VERIFYING,),
    CaseStatus.VERIFYING: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.VERIFYING, CaseStatus.CONCLUDING),
    CaseStatus.CONCLUDING: (CaseStatus.REPORTED, CaseStatus.CONCLUDED),
    CaseStatus.CONCLUDED: (CaseStatus.FOLLOW_UP, CaseStatus.CLOSED),
    CaseStatus.FOLLOW_UP: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (),
}

# Each case kind moves along its own pipeline (issue 3). A kind without an entry uses the
# planned inspection's. The entries below are filled in per kind.
STATUS_PIPELINES: dict[str, dict[str, tuple[str, ...]]] = {CaseKind.PLANNED_INSPECTION: STATUS_PIPELINE}

# Kind B, G, H.
# The three-phase inspections (domain.md §4: B, G, H share preparation, execution and
# conclusion with A). After the decision the team prepares (outline, schedule, team
# meeting), meets the subject, receives its report and verifies. B asks for an explanatory
# report and verifies on receipt; G and H receive a self-inspection report first.
_THREE_PHASE: dict[str, tuple[str, ...]] = {
    CaseStatus.DRAFT: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.PREPARED,),
    CaseStatus.PREPARED: (CaseStatus.NOTIFIED,),
    CaseStatus.NOTIFIED: (CaseStatus.SELF_REPORTED,),
    CaseStatus.SELF_REPORTED: (CaseStatus.VERIFYING,),
    CaseStatus.VERIFYING: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.VERIFYING, CaseStatus.CONCLUDING),
    CaseStatus.CONCLUDING: (CaseStatus.REPORTED, CaseStatus.CONCLUDED),
    CaseStatus.CONCLUDED: (CaseStatus.FOLLOW_UP, CaseStatus.CLOSED),
    CaseStatus.FOLLOW_UP: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (),
}
STATUS_PIPELINES[CaseKind.FINANCE_INSPECTION] = _THREE_PHASE
STATUS_PIPELINES[CaseKind.LOWER_BODY_INSPECTION] = _THREE_PHASE
STATUS_PIPELINES[CaseKind.SIGNS_INSPECTION] = {
    **{status: moves for status, moves in _THREE_PHASE.items() if status != CaseStatus.SELF_REPORTED},
    CaseStatus.NOTIFIED: (CaseStatus.VERIFYING,),
}


# Kind C2.
# C1 regular supervision is a continuous log (domain.md §5(C) [I]): open from the start,
# never decided or concluded; it may be closed (e.g. the subject organisation dissolved).
STATUS_PIPELINES[CaseKind.REGULAR_SUPERVISION] = {
    CaseStatus.MONITORING: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (),
}
# C2 thematic supervision (domain.md §5(C) C2 table). Return loops: additions requested ->
# received; result report returned -> redrafted after the meeting; notice returned ->
# redrafted.
STATUS_PIPELINES[CaseKind.THEMATIC_SUPERVISION] = {
    CaseStatus.DRAFT: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.NOTIFIED,),
    CaseStatus.NOTIFIED: (CaseStatus.SUBJECT_REPORTED,),
    CaseStatus.SUBJECT_REPORTED: (CaseStatus.VERIFYING,),
    CaseStatus.VERIFYING: (CaseStatus.ADDITIONS_REQUESTED, CaseStatus.RESULT_DRAFTED),
    CaseStatus.ADDITIONS_REQUESTED: (CaseStatus.VERIFYING,),
    CaseStatus.RESULT_DRAFTED: (CaseStatus.MEETING_HELD,),
    CaseStatus.MEETING_HELD: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.MEETING_HELD, CaseStatus.CONCLUDING),
    CaseStatus.CONCLUDING: (CaseStatus.REPORTED, CaseStatus.CONCLUDED),
    CaseStatus.CONCLUDED: (CaseStatus.FOLLOW_UP, CaseStatus.CLOSED),
    CaseStatus.FOLLOW_UP: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (),
}


# Kind D.
# Denunciation resolution, domain.md §5(D). Triage ends the letter (not handled, transferred,
# complaint part split off) or accepts it; the denouncer may withdraw at any point before
# the conclusion (the case stops unless the withdrawal was coerced: then nothing moves).
# Return loops as for A: report sent back -> VERIFYING; conclusion sent back -> REPORTED.
_D_BEFORE_CONCLUSION: dict[str, tuple[str, ...]] = {
    CaseStatus.RECEIVED: (
        CaseStatus.DENUNCIATION_ACCEPTED,
        CaseStatus.NOT_HANDLED,
        CaseStatus.TRANSFERRED,
        CaseStatus.COMPLAINT_SPLIT,
    ),
    CaseStatus.DENUNCIATION_ACCEPTED: (CaseStatus.DRAFT,),
    CaseStatus.DRAFT: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.NOTIFIED,),
    CaseStatus.NOTIFIED: (CaseStatus.DENUNCIATION_EXPLAINED,),
    CaseStatus.DENUNCIATION_EXPLAINED: (CaseStatus.VERIFYING,),
    CaseStatus.VERIFYING: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.VERIFYING, CaseStatus.CONCLUDING),
    CaseStatus.CONCLUDING: (CaseStatus.REPORTED, CaseStatus.CONCLUDED),
}
# The clock may stop at any point before the conclusion (domain.md §7.9); the case resumes
# where it stood (the service records that status) or is withdrawn meanwhile.
STATUS_PIPELINES[CaseKind.DENUNCIATION] = {
    **{status: (*moves, CaseStatus.WITHDRAWN, CaseStatus.SUSPENDED) for status, moves in _D_BEFORE_CONCLUSION.items()},
    CaseStatus.SUSPENDED: (*_D_BEFORE_CONCLUSION, CaseStatus.WITHDRAWN),
    CaseStatus.CONCLUDED: (CaseStatus.FOLLOW_UP, CaseStatus.CLOSED),
    CaseStatus.FOLLOW_UP: (CaseStatus.CLOSED,),
    CaseStatus.NOT_HANDLED: (),
    CaseStatus.TRANSFERRED: (),
    CaseStatus.COMPLAINT_SPLIT: (),
    CaseStatus.WITHDRAWN: (),
    CaseStatus.CLOSED: (),
}


# Kind E.
# Discipline (domain.md §5(E)): self-criticism (or proceeding without it) -> verification
# and the report proposing discipline -> the meeting and its secret ballot -> decided
# within authority, or proposed to the competent body which votes again -> decision ->
# announcement -> the 5-day proposal to state bodies -> closed. A deferral (pregnancy,
# child under 12 months, serious illness) suspends the case before the self-criticism or
# before a meeting and returns to where it stopped. No result of the vote, or a statute
# of limitations run out (§6.5), closes the case without discipline.
STATUS_PIPELINES[CaseKind.DISCIPLINE] = {
    CaseStatus.DRAFT: (CaseStatus.SELF_CRITICISM, CaseStatus.VERIFYING),
    CaseStatus.SELF_CRITICISM: (CaseStatus.VERIFYING, CaseStatus.SUSPENDED),
    CaseStatus.SUSPENDED: (CaseStatus.SELF_CRITICISM, CaseStatus.REPORTED, CaseStatus.PROPOSED),
    CaseStatus.VERIFYING: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.VOTING, CaseStatus.SUSPENDED),
    CaseStatus.VOTING: (CaseStatus.VOTED, CaseStatus.PROPOSED, CaseStatus.CLOSED),
    CaseStatus.PROPOSED: (CaseStatus.VOTING, CaseStatus.SUSPENDED),
    CaseStatus.VOTED: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.ANNOUNCED,),
    CaseStatus.ANNOUNCED: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (),
}


# Kind F.
# Complaint against discipline (domain.md §5(F)): registered -> admissible (under review)
# or not handled; report returned -> VERIFYING; the competent body's secret ballot
# (VOTING) -> outcome applied (VOTED), or no option reaching its threshold / a result the
# body may not apply -> back to REPORTED for a new round; the complaint decision ->
# DECIDED; notified to everyone -> CLOSED.
STATUS_PIPELINES[CaseKind.DISCIPLINE_COMPLAINT] = {
    CaseStatus.DRAFT: (CaseStatus.RECEIVED,),
    CaseStatus.RECEIVED: (CaseStatus.VERIFYING, CaseStatus.NOT_HANDLED),
    CaseStatus.VERIFYING: (CaseStatus.REPORTED,),
    CaseStatus.REPORTED: (CaseStatus.VERIFYING, CaseStatus.VOTING),
    CaseStatus.VOTING: (CaseStatus.VOTED, CaseStatus.REPORTED),
    CaseStatus.VOTED: (CaseStatus.DECIDED,),
    CaseStatus.DECIDED: (CaseStatus.CLOSED,),
    CaseStatus.NOT_HANDLED: (),
    CaseStatus.CLOSED: (),
}


def pipeline_of(kind: str) -> dict[str, tuple[str, ...]]:
    return STATUS_PIPELINES.get(kind, STATUS_PIPELINE)


def is_final(kind: str, status: str) -> bool:
    """A status the case cannot leave: closed, or ended early (not handled, transferred,
    withdrawn...). Final cases can be archived; they cannot be transferred or re-staffed."""
    return not pipeline_of(kind).get(status, ())
