"""The rule book: every statutory number the case kinds use, looked up by code and date.

Issue 3 point 1 (domain.md "What this means", point 1): time limits, vote thresholds, the
sanction authority matrix, statute-of-limitations categories and the "not handled"
criteria for letters are data with an effective date and an optional province override.
A case is judged by the rule in force on the day its clock started, so every lookup takes
the date (`on`) and, where a province may override, the province whose rules govern the
case, fixed when its clock started (`inspections.deadlines.governing_province(case)`).

This module is the one interface the services call. Its answers come from the versioned
rule tables (inspections.models, "rule tables" slot), one query per lookup:
- the version in force on `on` is the one with the latest `effective_from <= on` whose
  `effective_to` (if any) is not before `on`;
- a version of the case's province, while in force, is preferred over the national one
  (it replaces the national rule for that province, whatever the national dates; to
  return to the national rule the province version is ended with `effective_to`);
- rows exist for the rule but none is in force on `on` (e.g. a day before the first
  version, or the rule was ended): RuleNotFound, a RuleViolation whose message tells the
  clerk to ask the administrator — never a guess;
- no row at all for the rule (neither national nor the province's): the shipped default
  below answers. The tables are seeded with these defaults (migration 0013), and rows that
  exist cannot be deleted once in force (inspections.services.rules), so this only serves
  a default added to the code after the tables were seeded (`manage.py rules_seed` copies
  it into the tables); a rule that is in neither raises RuleNotFound.
The sanction authority matrix is deny by default: a combination without a version in force
is not within authority (`may_impose` returns False, never raises); the caller proposes to
the competent body (domain.md §5(E) step 4).

Codes:
- time limits: "<kind>.<what>", e.g. "D.resolve", "F.file", "E.announce";
- thresholds: "decide" (> 1/2), "expel_propose" (>= 2/3);
- statute categories: "member.<form>", "organisation.<form>", "no_limit.<category>";
- not-handled criteria: grouped by letter kind "denunciation" / "complaint".
"""

import datetime
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inspections.exceptions import RuleViolation
from inspections.models import (
    DecidingBodyKind,
    NotHandledCriterion,
    SanctionAuthorityRule,
    StatuteRule,
    TimeLimitRule,
    VoteThresholdRule,
)
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
    # The acting body's level the version is for (models.ActingLevel; "": every level).
    level: str = ""
    # Which version answered (None for a shipped default): for the case journal. Not part of
    # equality, so a version from the tables equals the default it was seeded from.
    effective_from: datetime.date | None = field(default=None, compare=False)
    version: int | None = field(default=None, compare=False)
    province_id: int | None = field(default=None, compare=False)


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
        # Thematic supervision, every level without a row of its own: the grassroots limit,
        # <= 20 working days from receipt of the subject's report; extension <= 1/3 of the
        # limit (HD 02-HD/UBKTTW 2017, domain.md §5(C)); provisional: not confirmed under
        # Reg. 296 / HD 08 (domain.md §11.1). The rows per level: DEFAULT_LEVEL_TIME_LIMITS.
        TimeLimit(
            "C2.resolve",
            20,
            WD,
            "report_received",
            "HD 02-HD/UBKTTW (2017)",
            extension_amount=6,
            extension_unit=WD,
            extension_times=1,
            provisional=True,
        ),
        # Denunciation, grassroots: 90 working days from receipt by the competent body,
        # extension once by <= 30 working days with notice to the denouncer (domain.md §5(D));
        # provisional: the current limits under Reg. 296 / HD 08 were not found (§11.1).
        TimeLimit(
            "D.resolve",
            90,
            WD,
            "received_by_competent_body",
            "QĐ 30-QĐ/TW, mục 5 (hướng dẫn cũ)",
            extension_amount=30,
            extension_unit=WD,
            extension_times=1,
            provisional=True,
        ),
        # Discipline: announce within 15 days of signing (unit unspecified: calendar days,
        # provisional); a cell hands its decision over within 10 days; the 5-day proposal to
        # state bodies; expiry one year after announcement (domain.md §6.4, §5(E)).
        TimeLimit("E.announce", 15, CD, "decision_signed", "QĐ 30-QĐ/TW", provisional=True),
        TimeLimit("E.cell_handover", 10, CD, "vote_announced", "QĐ 30-QĐ/TW", provisional=True),
        TimeLimit("E.state_proposal", 5, CD, "discipline_decided", "QĐ 296-QĐ/TW", provisional=True),
        TimeLimit("E.expiry", 1, Unit.YEARS, "announced", "QĐ 30-QĐ/TW Điều 40, 3.2", provisional=True),
        # Complaints: 30 working days from the announcement of the decision (per its minutes)
        # to the day the complaint is sent, in person or by postmark (domain.md §11b.1;
        # provisional: whether Reg. 296 / HD 08 changed it is unknown); 90 working days to
        # resolve at province level and below (domain.md §5(F)).
        TimeLimit(
            "F.file",
            30,
            WD,
            "announced",
            "QĐ 30-QĐ/TW (2016) điểm 5.2.1; QĐ 46-QĐ/TW (2011) điểm 5.2.1",
            provisional=True,
        ),
        TimeLimit("F.resolve", 90, WD, "complaint_received", "QĐ 30-QĐ/TW (hướng dẫn cũ)", provisional=True),
        # Archive the file within 15 working days after the conclusion notice (domain.md §5(B)
        # step 10); provisional: a central rule, not confirmed for lower levels (§7.12).
        TimeLimit("archive", 15, WD, "conclusion_notified", "Quy định 01-QĐi/UBKTTW", provisional=True),
    )
}


def _thematic(level: str, amount: int, source: str) -> TimeLimit:
    """Thematic supervision at one level: `amount` working days from receipt of the
    subject's report, one extension of up to a third, rounded down so it never exceeds a
    third (20 -> 6, 25 -> 8, 30 -> 10, 45 -> 15), provisional (domain.md §11.1, §11b.7)."""
    return TimeLimit(
        "C2.resolve",
        amount,
        WD,
        "report_received",
        source,
        extension_amount=amount // 3,
        extension_unit=WD,
        extension_times=1,
        provisional=True,
        level=level,
    )


# Time limits that differ by the acting body's level (issue 9 point 6), keyed by (code,
# level); preferred over the row for every level (DEFAULT_TIME_LIMITS) of the same code.
# HD 02-HD/UBKTTW (2017) point on QĐ 86 (domain.md §5(C), §11b.7): grassroots <= 20,
# district <= 25, province <= 30, central <= 45 working days. The new commune level (since
# 1/7/2025) is not named by any source: the grassroots 20 as a provisional choice.
_HD02 = "HD 02-HD/UBKTTW (2017), giám sát chuyên đề"
DEFAULT_LEVEL_TIME_LIMITS: dict[tuple[str, str], TimeLimit] = {
    (t.code, t.level): t
    for t in (
        _thematic("grassroots", 20, _HD02),
        _thematic("commune", 20, f"{_HD02}; cấp xã tạm áp dụng như cấp cơ sở"),
        _thematic("district", 25, _HD02),
        _thematic("province", 30, _HD02),
        _thematic("central", 45, _HD02),
    )
}

DEFAULT_THRESHOLDS: dict[str, Threshold] = {
    # Reg. 69 Art. 15 (domain.md §6.2).
    "decide": Threshold("decide", Fraction(1, 2), True, "QĐ 69-QĐ/TW Điều 15"),
    "expel_propose": Threshold("expel_propose", Fraction(2, 3), False, "QĐ 69-QĐ/TW Điều 15"),
}

# Statute of limitations in years; None = no limit (domain.md §6.5: members Reg. 102 (2017)
# -> Reg. 69 (2022); organisations Reg. 07 (2018) -> Reg. 69; Reg. 264 (2025) not read, §11.3).
DEFAULT_STATUTE_SOURCE = "QĐ 69-QĐ/TW"
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


# Sanction authority (domain.md §6.3, §11b.8; issue 9 point 2): which forms a body of a
# kind may decide on a subject of a kind. Body kinds are the codes of the DecidingBodyKind
# rows (a committee's organisation level x its kind, inspections.selectors.authority);
# subject kinds those of models.SubjectKind. One default per (body kind, subject kind) and
# day; a form without a row in force is beyond the body's authority (deny by default: the
# body proposes to the competent body, §5(E) step 4).
@dataclass(frozen=True)
class AuthorityDefault:
    body_kind: str
    subject_kind: str
    forms: frozenset[str]
    source: str
    # None: in force since the seeding day of the legacy matrix (inspections.services.rules).
    effective_from: datetime.date | None = None
    provisional: bool = False
    # Điều lệ Đảng Điều 36: only a committee delegated the power to admit members expels.
    requires_admission_delegation: bool = False


# The day the two-tier local government and its party structure took effect (domain.md §2.1).
TWO_TIER_FROM = datetime.date(2025, 7, 1)
DEFAULT_AUTHORITY_SOURCE = "Điều lệ Đảng Điều 36; QĐ 22-QĐ/TW Điều 11 (domain.md §6.3)"
_CELL = "Điều lệ Đảng Điều 36; QĐ 22-QĐ/TW Điều 11.1, giữ trong QĐ 296-QĐ/TW (domain.md §6.3)"
_GRASSROOTS = "Điều lệ Đảng Điều 36.2 (domain.md §6.3, [R S60], phần còn lại [B])"
_DISTRICT = "Điều lệ Đảng Điều 36 (domain.md §6.3, cấp huyện mô hình cũ, [B])"
_COMMUNE = (
    "Tạm tính: đảng ủy xã, phường, đặc khu là đảng ủy cơ sở được giao một số thẩm quyền của cấp huyện "
    "trước đây (domain.md §11b.8, §11.2, chưa xác nhận)"
)
_PROVINCE = (
    "Tạm tính: Ban Thường vụ, Ủy ban kiểm tra tỉnh ủy thay vị trí cấp huyện trước đây là cấp trên trực tiếp "
    "(domain.md §11b.8, §11.2, chưa xác nhận)"
)
_DISSOLUTION = "Cấp ủy cấp trên cách một cấp quyết định giải tán (domain.md §6.3, [B], [S S14 Q80])"
RE_WA = frozenset({"reprimand", "warning"})
RE_WA_DI = frozenset({"reprimand", "warning", "dismissal"})
ALL_MEMBER_FORMS = frozenset({"reprimand", "warning", "dismissal", "expulsion"})
EXPULSION = frozenset({"expulsion"})
DISSOLUTION = frozenset({"dissolution"})


def _auth(body, subject, forms, source, **extra) -> AuthorityDefault:
    return AuthorityDefault(body, subject, forms, source, **extra)


def _two_tier(body, subject, forms, source, **extra) -> AuthorityDefault:
    """A provisional row of the post-2025 structure, in force from 1/7/2025 (§11b.8)."""
    return AuthorityDefault(body, subject, forms, source, effective_from=TWO_TIER_FROM, provisional=True, **extra)


DEFAULT_AUTHORITY: tuple[AuthorityDefault, ...] = (
    # The cell: reprimand, warning of its members, including committee members at all levels
    # and cadres managed by higher committees (QĐ 22 Điều 11.1), except for a task assigned
    # by a higher level (DisciplineCase.higher_task, selectors.authority).
    _auth("cell", "member", RE_WA, DEFAULT_AUTHORITY_SOURCE),
    _auth("cell", "committee_member", RE_WA, _CELL),
    _auth("cell", "lower_committee_member", RE_WA, _CELL),
    _auth("cell", "higher_managed", RE_WA, _CELL),
    # The grassroots party committee (legacy): reprimand, warning of members; dismissal of
    # lower-level committee members; expulsion if delegated the power to admit members (not
    # of its own committee members nor higher-managed cadres).
    _auth("grassroots.executive", "member", RE_WA, DEFAULT_AUTHORITY_SOURCE),
    _auth("grassroots.executive", "committee_member", RE_WA, DEFAULT_AUTHORITY_SOURCE),
    _auth("grassroots.executive", "lower_committee_member", RE_WA_DI, _GRASSROOTS),
    _auth("grassroots.executive", "member", EXPULSION, _GRASSROOTS, requires_admission_delegation=True),
    _auth("grassroots.executive", "lower_committee_member", EXPULSION, _GRASSROOTS, requires_admission_delegation=True),
    # The legacy district bodies ([B]); the inspection committee not on committee members of
    # its own level.
    _auth("district.executive", "member", ALL_MEMBER_FORMS, DEFAULT_AUTHORITY_SOURCE),
    _auth("district.executive", "committee_member", ALL_MEMBER_FORMS, DEFAULT_AUTHORITY_SOURCE),
    _auth("district.executive", "lower_committee_member", ALL_MEMBER_FORMS, _DISTRICT),
    _auth("district.executive", "organisation", RE_WA, DEFAULT_AUTHORITY_SOURCE),
    _auth("district.executive", "organisation", DISSOLUTION, _DISSOLUTION),
    _auth("district.standing", "member", ALL_MEMBER_FORMS, DEFAULT_AUTHORITY_SOURCE),
    _auth("district.standing", "lower_committee_member", ALL_MEMBER_FORMS, _DISTRICT),
    _auth("district.standing", "organisation", RE_WA, DEFAULT_AUTHORITY_SOURCE),
    _auth("district.inspection", "member", ALL_MEMBER_FORMS, DEFAULT_AUTHORITY_SOURCE),
    _auth("district.inspection", "lower_committee_member", ALL_MEMBER_FORMS, _DISTRICT),
    _auth("district.inspection", "organisation", RE_WA, DEFAULT_AUTHORITY_SOURCE),
    # From 1/7/2025, provisional (§11b.8): the commune, ward and special-zone committee and its
    # standing committee as a grassroots committee (dismissal of lower-level committee
    # members, expulsion when delegated the admission power) with the former district's
    # reprimand and warning of lower organisations; its inspection committee reprimands and
    # warns members and lower organisations, so that work within the commune goes on.
    # Dismissal and expulsion otherwise go to the province (the former district's place).
    _two_tier("commune.executive", "member", RE_WA, _COMMUNE),
    _two_tier("commune.executive", "committee_member", RE_WA, _COMMUNE),
    _two_tier("commune.executive", "lower_committee_member", RE_WA_DI, _COMMUNE),
    _two_tier("commune.executive", "member", EXPULSION, _COMMUNE, requires_admission_delegation=True),
    _two_tier("commune.executive", "lower_committee_member", EXPULSION, _COMMUNE, requires_admission_delegation=True),
    _two_tier("commune.executive", "organisation", RE_WA, _COMMUNE),
    _two_tier("commune.standing", "member", RE_WA, _COMMUNE),
    _two_tier("commune.standing", "lower_committee_member", RE_WA_DI, _COMMUNE),
    _two_tier("commune.standing", "organisation", RE_WA, _COMMUNE),
    _two_tier("commune.inspection", "member", RE_WA, _COMMUNE),
    _two_tier("commune.inspection", "lower_committee_member", RE_WA, _COMMUNE),
    _two_tier("commune.inspection", "organisation", RE_WA, _COMMUNE),
    # The province bodies in the former district's place; the province committee dissolves
    # a cell (two levels above it).
    _two_tier("province.executive", "member", ALL_MEMBER_FORMS, _PROVINCE),
    _two_tier("province.executive", "committee_member", ALL_MEMBER_FORMS, _PROVINCE),
    _two_tier("province.executive", "lower_committee_member", ALL_MEMBER_FORMS, _PROVINCE),
    _two_tier("province.executive", "organisation", RE_WA, _PROVINCE),
    _two_tier("province.executive", "organisation", DISSOLUTION, _DISSOLUTION),
    _two_tier("province.standing", "member", ALL_MEMBER_FORMS, _PROVINCE),
    _two_tier("province.standing", "lower_committee_member", ALL_MEMBER_FORMS, _PROVINCE),
    _two_tier("province.standing", "organisation", RE_WA, _PROVINCE),
    _two_tier("province.inspection", "member", ALL_MEMBER_FORMS, _PROVINCE),
    _two_tier("province.inspection", "lower_committee_member", ALL_MEMBER_FORMS, _PROVINCE),
    _two_tier("province.inspection", "organisation", RE_WA, _PROVINCE),
)


# Deciding-body kinds (issue 9 point 2; domain.md §2.1, §11b.8): (organisation level code,
# committee kind) -> the body-kind code of the authority matrix, its label and source. The
# legacy structure since the seeding day; the two-tier one from 1/7/2025, provisional. A
# province committee of the legacy structure is a province body too. A cell is a cell at
# every level (models.CELL_BODY, not a row).
@dataclass(frozen=True)
class DecidingBodyDefault:
    level_code: str
    committee_kind: str
    code: str
    label: str  # the msgid, translated when shown
    source: str
    effective_from: datetime.date | None = None
    provisional: bool = False


_LEVELS_SOURCE = "Điều lệ Đảng Điều 36; hệ thống tổ chức đảng trước 01/7/2025 (domain.md §2.1, §6.3)"
_TWO_TIER_SOURCE = (
    "Tạm tính: tổ chức đảng từ 01/7/2025, tỉnh - xã, phường, đặc khu (HD 31-HD/BTCTW; domain.md §2.1, §11b.8)"
)
DEFAULT_DECIDING_BODIES: tuple[DecidingBodyDefault, ...] = (
    DecidingBodyDefault("grassroots", "executive", "grassroots.executive", "Đảng ủy cơ sở", _LEVELS_SOURCE),
    DecidingBodyDefault("grassroots", "standing", "grassroots.standing", "Ban Thường vụ đảng ủy cơ sở", _LEVELS_SOURCE),
    DecidingBodyDefault(
        "grassroots", "inspection", "grassroots.inspection", "Ủy ban kiểm tra đảng ủy cơ sở", _LEVELS_SOURCE
    ),
    DecidingBodyDefault(
        "district", "executive", "district.executive", "Huyện ủy (cấp trên trực tiếp của cơ sở)", _LEVELS_SOURCE
    ),
    DecidingBodyDefault("district", "standing", "district.standing", "Ban Thường vụ huyện ủy", _LEVELS_SOURCE),
    DecidingBodyDefault("district", "inspection", "district.inspection", "Ủy ban kiểm tra huyện ủy", _LEVELS_SOURCE),
    DecidingBodyDefault("legacy-province", "executive", "province.executive", "Tỉnh ủy", _LEVELS_SOURCE),
    DecidingBodyDefault("legacy-province", "standing", "province.standing", "Ban Thường vụ tỉnh ủy", _LEVELS_SOURCE),
    DecidingBodyDefault(
        "legacy-province", "inspection", "province.inspection", "Ủy ban kiểm tra tỉnh ủy", _LEVELS_SOURCE
    ),
    *(
        DecidingBodyDefault(level, kind, code, label, _TWO_TIER_SOURCE, TWO_TIER_FROM, True)
        for level, kind, code, label in (
            ("commune", "executive", "commune.executive", "Đảng ủy xã, phường, đặc khu"),
            ("commune", "standing", "commune.standing", "Ban Thường vụ đảng ủy xã, phường, đặc khu"),
            ("commune", "inspection", "commune.inspection", "Ủy ban kiểm tra đảng ủy xã, phường, đặc khu"),
            ("province", "executive", "province.executive", "Tỉnh ủy"),
            ("province", "standing", "province.standing", "Ban Thường vụ tỉnh ủy"),
            ("province", "inspection", "province.inspection", "Ủy ban kiểm tra tỉnh ủy"),
        )
    ),
)


def default_authority(body_kind: str, subject_kind: str) -> tuple[AuthorityDefault, ...]:
    """The shipped defaults of one (body kind, subject kind)."""
    return tuple(d for d in DEFAULT_AUTHORITY if (d.body_kind, d.subject_kind) == (body_kind, subject_kind))


# --- lookups (the interface) -------------------------------------------------------------
class RuleNotFound(RuleViolation):
    """No version of a rule is in force on the day asked (a configuration gap, not a guess)."""


def _province_id(province) -> int | None:
    return getattr(province, "pk", province)


def _versions(model, province, **key) -> list:
    """Every version of one rule (or of a group of rules) that can apply in `province`: the
    national ones and the province's own. One query; rules have a handful of versions."""
    scope = Q(province__isnull=True)
    province_id = _province_id(province)
    if province_id is not None:
        scope |= Q(province_id=province_id)
    return list(model.objects.filter(scope, **key))


def _in_force(rows: list, on: datetime.date):
    """The version in force on `on`: the province's own first, then the latest start."""
    current = [r for r in rows if r.effective_from <= on and (r.effective_to is None or r.effective_to >= on)]
    if not current:
        return None
    return max(current, key=lambda r: (r.province_id is not None, r.effective_from))


def _not_found(what: str, code: str, on: datetime.date) -> RuleNotFound:
    return RuleNotFound(
        gettext(
            "Chưa có quy định “%(what)s” mã %(code)s có hiệu lực ngày %(day)s. "
            "Đề nghị quản trị viên bổ sung trong trang quản trị quy định."
        )
        % {"what": what, "code": code, "day": on.strftime("%d/%m/%Y")}
    )


def time_limit(code: str, *, on: datetime.date, province=None, level: str = "") -> TimeLimit:
    """The time limit `code` in force on `on` for a body of `level` (models.ActingLevel;
    "": the rule for every level), for `province` if it overrides it. Precedence among the
    versions in force (issue 9 point 6): the province's row for the level, the province's
    row for every level, the national row for the level, the national row for every level."""
    rows = _versions(TimeLimitRule, province, code=code, level__in={"", level})
    current = [r for r in rows if r.effective_from <= on and (r.effective_to is None or r.effective_to >= on)]
    row = max(current, key=lambda r: (r.province_id is not None, r.level != "", r.effective_from), default=None)
    if row is None:
        if not rows and (code, level) in DEFAULT_LEVEL_TIME_LIMITS:
            return DEFAULT_LEVEL_TIME_LIMITS[(code, level)]
        if not rows and code in DEFAULT_TIME_LIMITS:
            return DEFAULT_TIME_LIMITS[code]
        raise _not_found(gettext("thời hạn"), code, on)
    return TimeLimit(
        code=row.code,
        amount=row.amount,
        unit=Unit(row.unit),
        clock_starts=row.clock_starts,
        source=row.source,
        extension_amount=row.extension_amount,
        extension_unit=Unit(row.extension_unit) if row.extension_unit else None,
        extension_times=row.extension_times,
        provisional=row.provisional,
        level=row.level,
        effective_from=row.effective_from,
        version=row.pk,
        province_id=row.province_id,
    )


def threshold(code: str, *, on: datetime.date, province=None) -> Threshold:
    rows = _versions(VoteThresholdRule, province, code=code)
    row = _in_force(rows, on)
    if row is None:
        if not rows and code in DEFAULT_THRESHOLDS:
            return DEFAULT_THRESHOLDS[code]
        raise _not_found(gettext("ngưỡng biểu quyết"), code, on)
    return Threshold(row.code, Fraction(row.numerator, row.denominator), row.strict, row.source)


def statute_years(category: str, *, on: datetime.date, province=None) -> int | None:
    """Years of the statute of limitations for `category`; None when there is no limit."""
    rows = _versions(StatuteRule, province, category=category)
    row = _in_force(rows, on)
    if row is None:
        if not rows and category in DEFAULT_STATUTE_YEARS:
            return DEFAULT_STATUTE_YEARS[category]
        raise _not_found(gettext("thời hiệu"), category, on)
    return row.years


def not_handled_criteria(letter_kind: str, *, on: datetime.date, province=None) -> tuple[Criterion, ...]:
    """The criteria in force on `on`, in their order; each criterion is versioned on its own
    (a version with "đang áp dụng" off withdraws it from that day)."""
    rows = _versions(NotHandledCriterion, province, letter_kind=letter_kind)
    if not rows and letter_kind in DEFAULT_NOT_HANDLED:
        return DEFAULT_NOT_HANDLED[letter_kind]
    by_code: dict[str, list] = {}
    for row in rows:
        by_code.setdefault(row.code, []).append(row)
    current = [row for row in (_in_force(versions, on) for versions in by_code.values()) if row is not None]
    if not current:
        raise _not_found(gettext("tiêu chí không giải quyết đơn"), letter_kind, on)
    # The stored label of a seeded criterion is the msgid of its default: translate it.
    return tuple(
        Criterion(row.code, _(row.label), row.source)
        for row in sorted(current, key=lambda r: (r.order, r.code))
        if row.active
    )


def may_impose(
    *,
    body_kind: str,
    subject_kind: str,
    form: str,
    on: datetime.date,
    province=None,
    admission_delegated: bool = False,
) -> bool:
    """Whether a body of `body_kind` may decide `form` on a subject of `subject_kind` on
    `on`. A row that requires the admission power (Điều lệ Đảng Điều 36) answers only for
    a body whose organisation was delegated it (`admission_delegated`)."""
    rows = _versions(SanctionAuthorityRule, province, body_kind=body_kind, subject_kind=subject_kind, form=form)
    if not rows:
        return any(
            form in d.forms
            and (d.effective_from is None or d.effective_from <= on)
            and (admission_delegated or not d.requires_admission_delegation)
            for d in default_authority(body_kind, subject_kind)
        )
    row = _in_force(rows, on)
    return row is not None and row.allowed and (admission_delegated or not row.requires_admission_delegation)


def deciding_body_kind(*, level_id: int, committee_kind: str, on: datetime.date, province=None):
    """The DecidingBodyKind row in force on `on` for a committee of `committee_kind` of an
    organisation at level `level_id` (the province's own first), or None. One query."""
    rows = _versions(DecidingBodyKind, province, level_id=level_id, committee_kind=committee_kind)
    return _in_force(rows, on)


def authority_rule(*, body_kind: str, subject_kind: str, form: str, on: datetime.date, province=None):
    """The authority row in force (or None), for the message naming the rule."""
    rows = _versions(SanctionAuthorityRule, province, body_kind=body_kind, subject_kind=subject_kind, form=form)
    return _in_force(rows, on)
