"""The rule book: every statutory number the case kinds use, looked up by code and date.

Issue 3 point 1 (domain.md "What this means", point 1): time limits, vote thresholds, the
sanction authority matrix, statute-of-limitations categories and the "not handled"
criteria for letters are data with an effective date and an optional province override.
A case is judged by the rule in force on the day its clock started, so every lookup takes
the date (`on`) and, where a province may override, the case's province.

This module is the one interface the services call. Its answers come from the rule tables
(inspections.models, "rule tables" section) when they exist; until a rule is found there
the shipped defaults below answer (they are also what the tables are seeded with).

Codes:
- time limits: "<kind>.<what>", e.g. "D.resolve", "F.file", "E.announce";
- thresholds: "decide" (> 1/2), "expel_propose" (>= 2/3);
- statute categories: "member.<form>", "organisation.<form>", "no_limit.<category>";
- not-handled criteria: grouped by letter kind "denunciation" / "complaint".
"""

import datetime
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from inspections.rules.deadlines import Unit


@dataclass(frozen=True)
class TimeLimit:
    code: str
    amount: int
    unit: Unit
    clock_starts: str
    source: str
    extension_amount: int = 0  # 0: no extension allowed
    extension_unit: Unit | None = None
    extension_times: int = 0
    provisional: bool = False


@dataclass(frozen=True)
class Threshold:
    code: str
    fraction: Fraction  # share of the count base
    strict: bool  # True: more than the share; False: at least the share
    source: str

    def met(self, votes: int, base: int) -> bool:
        if base <= 0:
            return False
        share = Fraction(votes, base)
        return share > self.fraction if self.strict else share >= self.fraction


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str  # user-facing, translated lazily
    source: str


WD = Unit.WORKING_DAYS
CD = Unit.CALENDAR_DAYS

# --- shipped defaults (domain.md §5, §6, §7.7) -------------------------------------------
DEFAULT_TIME_LIMITS: dict[str, TimeLimit] = {
    t.code: t
    for t in (
        TimeLimit("A.resolve", 60, WD, "decision_signed", "Mặc định tạm thời (domain.md §11.1)", provisional=True),
        TimeLimit("B.resolve", 60, WD, "decision_signed", "Mặc định tạm thời (domain.md §11.1)", provisional=True),
        TimeLimit("G.resolve", 60, WD, "decision_signed", "Mặc định tạm thời (domain.md §11.1)", provisional=True),
        TimeLimit("H.resolve", 60, WD, "decision_signed", "Mặc định tạm thời (domain.md §11.1)", provisional=True),
        # Thematic supervision, grassroots: <= 20 working days from receipt of the subject's
        # report; extension <= 1/3 of the limit (HD 02-HD/UBKTTW 2017, domain.md §5(C)).
        TimeLimit(
            "C2.resolve",
            20,
            WD,
            "report_received",
            "HD 02-HD/UBKTTW (2017)",
            extension_amount=6,
            extension_unit=WD,
            extension_times=1,
        ),
        # Denunciation, grassroots: 90 working days from receipt by the competent body,
        # extension once by <= 30 working days with notice to the denouncer (domain.md §5(D)).
        TimeLimit(
            "D.resolve",
            90,
            WD,
            "received_by_competent_body",
            "QĐ 30-QĐ/TW, mục 5 (hướng dẫn cũ)",
            extension_amount=30,
            extension_unit=WD,
            extension_times=1,
        ),
        # Discipline: announce within 15 days of signing (unit unspecified: calendar days,
        # provisional); a cell hands its decision over within 10 days; the 5-day proposal to
        # state bodies; expiry one year after announcement (domain.md §6.4, §5(E)).
        TimeLimit("E.announce", 15, CD, "decision_signed", "QĐ 30-QĐ/TW", provisional=True),
        TimeLimit("E.cell_handover", 10, CD, "vote_announced", "QĐ 30-QĐ/TW", provisional=True),
        TimeLimit("E.state_proposal", 5, CD, "discipline_decided", "QĐ 296-QĐ/TW", provisional=True),
        TimeLimit("E.expiry", 1, Unit.YEARS, "announced", "QĐ 30-QĐ/TW Điều 40, 3.2", provisional=True),
        # Complaints: one month from receipt of the decision to file; 90 working days to
        # resolve at province level and below (domain.md §5(F)).
        TimeLimit("F.file", 1, Unit.MONTHS, "decision_received", "Điều lệ Đảng Điều 39.7"),
        TimeLimit("F.resolve", 90, WD, "complaint_received", "QĐ 30-QĐ/TW (hướng dẫn cũ)", provisional=True),
        # Archive the file within 15 working days after the conclusion notice (domain.md §5(B) step 10).
        TimeLimit("archive", 15, WD, "conclusion_notified", "Quy định 01-QĐi/UBKTTW"),
    )
}

DEFAULT_THRESHOLDS: dict[str, Threshold] = {
    # Reg. 69 Art. 15 (domain.md §6.2).
    "decide": Threshold("decide", Fraction(1, 2), True, "QĐ 69-QĐ/TW Điều 15"),
    "expel_propose": Threshold("expel_propose", Fraction(2, 3), False, "QĐ 69-QĐ/TW Điều 15"),
}

# Statute of limitations in years; None = no limit (domain.md §6.5).
DEFAULT_STATUTE_YEARS: dict[str, int | None] = {
    "member.reprimand": 5,
    "member.warning": 10,
    "member.dismissal": 10,
    "member.expulsion": None,
    "member.strike_off": None,
    "organisation.reprimand": 5,
    "organisation.warning": 10,
    "organisation.dissolution": None,
    "no_limit.internal_politics": None,
    "no_limit.defence_security_foreign": None,
    "no_limit.illegal_diplomas": None,
}

DEFAULT_NOT_HANDLED: dict[str, tuple[Criterion, ...]] = {
    # QĐ 30-QĐ/TW item 5.1.1 (domain.md §5(D) "Letters NOT handled").
    "denunciation": (
        Criterion("anonymous", _("Giấu tên, mạo tên, không rõ địa chỉ"), "QĐ 30-QĐ/TW 5.1.1"),
        Criterion(
            "repeated",
            _(
                "Đã được xem xét, kết luận nay tố cáo lại nhưng không có tài liệu, chứng cứ mới "
                "làm thay đổi bản chất vụ việc"
            ),
            "QĐ 30-QĐ/TW 5.1.1",
        ),
        Criterion(
            "unspecific", _("Có tên nhưng nội dung không cụ thể, không có cơ sở để thẩm tra"), "QĐ 30-QĐ/TW 5.1.1"
        ),
        Criterion("not_about_member", _("Không tố cáo đảng viên hoặc tổ chức đảng"), "QĐ 30-QĐ/TW 5.1.1"),
        Criterion(
            "copied_signature", _("Không phải bản gốc có chữ ký trực tiếp của người tố cáo"), "QĐ 30-QĐ/TW 5.1.1"
        ),
        Criterion("several_signatories", _("Có từ hai người trở lên cùng ký tên"), "QĐ 30-QĐ/TW 5.1.1"),
        Criterion("no_capacity", _("Người tố cáo không có đủ năng lực hành vi dân sự"), "QĐ 30-QĐ/TW 5.1.1"),
    ),
    # Reg. 296 Art. 23 (domain.md §5(F) "Not handled").
    "complaint": (
        Criterion("out_of_time", _("Quá thời hạn khiếu nại"), "QĐ 296-QĐ/TW Điều 23"),
        Criterion(
            "higher_level",
            _("Cấp trên có thẩm quyền đang giải quyết hoặc cấp cao nhất đã kết luận"),
            "QĐ 296-QĐ/TW Điều 23",
        ),
        Criterion("sentenced", _("Đã bị tòa án tuyên phạt từ cải tạo không giam giữ trở lên"), "QĐ 296-QĐ/TW Điều 23"),
        Criterion("on_behalf", _("Khiếu nại hộ người khác"), "QĐ 296-QĐ/TW Điều 23"),
        Criterion("before_decision", _("Khiếu nại khi chưa nhận được quyết định kỷ luật"), "QĐ 296-QĐ/TW Điều 23"),
        Criterion("refused_decision", _("Đã từ chối nhận quyết định kỷ luật"), "QĐ 296-QĐ/TW Điều 23"),
        Criterion(
            "transferred",
            _("Khiếu nại sau khi đã chuyển sinh hoạt đảng sang tổ chức không cùng cấp trên trực tiếp"),
            "QĐ 296-QĐ/TW Điều 23",
        ),
        Criterion("lower_level_pending", _("Cấp dưới chưa giải quyết xong"), "QĐ 22-QĐ/TW Điều 23"),
    ),
}

# Sanction authority (domain.md §6.3): (body kind, subject kind) -> forms it may decide.
# Body kinds: "cell", "grassroots.executive", "grassroots.standing", "grassroots.inspection",
# "district.executive", "district.standing", "district.inspection"; subject kinds: "member",
# "committee_member" (member of a committee at the same level), "organisation".
DEFAULT_AUTHORITY: dict[tuple[str, str], frozenset[str]] = {
    ("cell", "member"): frozenset({"reprimand", "warning"}),
    ("grassroots.executive", "member"): frozenset({"reprimand", "warning"}),
    ("grassroots.executive", "committee_member"): frozenset({"reprimand", "warning"}),
    ("district.executive", "member"): frozenset({"reprimand", "warning", "dismissal", "expulsion"}),
    ("district.executive", "committee_member"): frozenset({"reprimand", "warning", "dismissal", "expulsion"}),
    ("district.executive", "organisation"): frozenset({"reprimand", "warning"}),
    ("district.standing", "member"): frozenset({"reprimand", "warning", "dismissal", "expulsion"}),
    ("district.standing", "organisation"): frozenset({"reprimand", "warning"}),
    ("district.inspection", "member"): frozenset({"reprimand", "warning", "dismissal", "expulsion"}),
    ("district.inspection", "organisation"): frozenset({"reprimand", "warning"}),
}


# --- lookups (the interface) -------------------------------------------------------------
def time_limit(code: str, *, on: datetime.date, province=None) -> TimeLimit:
    """The time limit `code` in force on `on` (for `province` if it overrides it)."""
    return DEFAULT_TIME_LIMITS[code]


def threshold(code: str, *, on: datetime.date, province=None) -> Threshold:
    return DEFAULT_THRESHOLDS[code]


def statute_years(category: str, *, on: datetime.date, province=None) -> int | None:
    """Years of the statute of limitations for `category`; None when there is no limit."""
    return DEFAULT_STATUTE_YEARS[category]


def not_handled_criteria(letter_kind: str, *, on: datetime.date, province=None) -> tuple[Criterion, ...]:
    return DEFAULT_NOT_HANDLED[letter_kind]


def may_impose(*, body_kind: str, subject_kind: str, form: str, on: datetime.date, province=None) -> bool:
    """Whether a body of `body_kind` may decide `form` on a subject of `subject_kind`."""
    return form in DEFAULT_AUTHORITY.get((body_kind, subject_kind), frozenset())
