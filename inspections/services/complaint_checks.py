"""The checks the discipline-complaint services share (domain.md §5(F)): the scale of
forms of the subject and the direction of a change of form (`check_change`), a day a step
records (`check_day`), and everything a complaint's intake must satisfy before it is
registered (`intake_check`): the record complained against, the dates, what it is about,
the letter and the authority of the resolving body; and the time to file (`filing_time`,
domain.md §11b.1: working days from the announcement to the sending, a rule-table row)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import rulebook
from inspections.deadlines import due_by
from inspections.exceptions import RuleViolation
from inspections.models import Case, Complaint, DisciplineRecord, ImposingBody
from inspections.rules import complaints as rules
from inspections.selectors import discipline_complaint as selectors
from people import selectors as people_selectors
from people.models import Committee, Organisation

ABOUT = ("content", "form", "procedure")


def subject_kind(record: DisciplineRecord) -> str:
    """The scale of forms that applies to the disciplined subject (domain.md §6.1)."""
    if record.organisation_id:
        return rules.ORGANISATION
    if record.member.status == record.member.Status.PROBATIONARY:
        return rules.PROBATIONARY
    return rules.MEMBER


def change_message(code: str, *, old_form: str, new_form: str) -> str:
    from inspections.models import SanctionForm

    labels = dict(SanctionForm.choices)
    old_label, new_label = labels.get(old_form, old_form), labels.get(new_form, new_form)
    return {
        "unknown_outcome": _("Kết quả giải quyết không hợp lệ."),
        "new_form_unexpected": _("Chỉ chọn hình thức kỷ luật mới khi tăng hoặc giảm hình thức kỷ luật."),
        "new_form_missing": _("Khi tăng hoặc giảm hình thức kỷ luật, cần chọn hình thức kỷ luật mới."),
        "new_form_not_allowed": _("Hình thức “%(new)s” không áp dụng cho đối tượng này.") % {"new": new_label},
        "old_form_unranked": _("Hình thức kỷ luật đang bị khiếu nại (“%(old)s”) không thể tăng hoặc giảm.")
        % {"old": old_label},
        "not_heavier": _("Tăng hình thức kỷ luật: “%(new)s” không nặng hơn hình thức hiện tại “%(old)s”.")
        % {"new": new_label, "old": old_label},
        "not_lighter": _("Giảm hình thức kỷ luật: “%(new)s” không nhẹ hơn hình thức hiện tại “%(old)s”.")
        % {"new": new_label, "old": old_label},
    }[code]


def check_change(*, record: DisciplineRecord, outcome: str, new_form: str) -> None:
    code = rules.change_refusal(
        outcome=outcome, old_form=record.form, new_form=new_form, subject_kind=subject_kind(record)
    )
    if code:
        raise RuleViolation(change_message(code, old_form=record.form, new_form=new_form))


def _authority_check(
    *,
    complaint_record: DisciplineRecord,
    imposed_by_kind: str,
    imposed_by: Organisation,
    resolving: Committee,
    case: Case,
) -> None:
    """domain.md §5(F) "Authority"; refuses with the name of the body that has it."""
    first = selectors.is_first_complaint(complaint_record, exclude_case=case)
    # A body of an organisation since merged into the resolving body's organisation counts
    # as that organisation's own (domain.md §2: cases follow the successor).
    imposing_path = imposed_by.path
    if people_selectors.is_merged_into(imposed_by, resolving.organisation):
        imposing_path = resolving.organisation.path
    code = rules.authority_refusal(
        imposing_kind=imposed_by_kind,
        imposing_path=imposing_path,
        resolving_kind=resolving.kind,
        resolving_path=resolving.organisation.path,
        resolving_level_may_resolve=resolving.organisation.level.may_have_inspection_committee,
        first_complaint=first,
    )
    if code is None:
        return
    names = {"body": resolving.name, "org": imposed_by.name}
    raise RuleViolation(
        {
            "below_grassroots": _(
                "%(body)s không có thẩm quyền giải quyết khiếu nại kỷ luật: khiếu nại do ủy ban kiểm tra, ban "
                "thường vụ hoặc cấp ủy từ cấp cơ sở trở lên giải quyết."
            ),
            "own_committee_first": _(
                "%(body)s không có thẩm quyền giải quyết khiếu nại này: khiếu nại lần đầu đối với quyết định của "
                "Ủy ban kiểm tra %(org)s do Ban Thường vụ hoặc Ban Chấp hành %(org)s giải quyết; chưa được khiếu "
                "nại lên cấp trên khi cấp dưới chưa giải quyết xong."
            ),
            "not_higher": _(
                "%(body)s không có thẩm quyền giải quyết khiếu nại này: khiếu nại đối với quyết định kỷ luật của "
                "%(org)s do cấp ủy hoặc ủy ban kiểm tra cấp trên giải quyết, không gửi đến cơ quan không có thẩm "
                "quyền."
            ),
        }[code]
        % names
    )


def _intake_dates_check(
    *,
    record: DisciplineRecord,
    decision_received_on: datetime.date,
    announced_on: datetime.date,
    sent_on: datetime.date,
    received_on: datetime.date,
) -> None:
    """The dates of a complaint are possible ones (domain.md §11b.1): the decision is
    announced, then the complaint sent (in person or postmarked), then it arrives."""
    today = timezone.localdate()
    for day, label in (
        (announced_on, _("Ngày công bố quyết định kỷ luật")),
        (sent_on, _("Ngày gửi đơn khiếu nại")),
        (received_on, _("Ngày nhận đơn khiếu nại")),
    ):
        if day > today:
            raise RuleViolation(_("%(label)s không được sau ngày hôm nay.") % {"label": label})
    if announced_on < record.decided_on:
        raise RuleViolation(
            _("Ngày công bố quyết định kỷ luật không được trước ngày ra quyết định kỷ luật (%(day)s).")
            % {"day": record.decided_on.strftime("%d/%m/%Y")}
        )
    if sent_on < announced_on:
        raise RuleViolation(
            _(
                "Ngày gửi đơn khiếu nại (%(sent)s) không được trước ngày công bố quyết định kỷ luật (%(announced)s): "
                "kiểm tra lại ngày nộp đơn hoặc ngày dấu bưu điện và biên bản công bố quyết định."
            )
            % {"sent": sent_on.strftime("%d/%m/%Y"), "announced": announced_on.strftime("%d/%m/%Y")}
        )
    if received_on < sent_on:
        raise RuleViolation(_("Ngày nhận đơn khiếu nại không được trước ngày gửi đơn."))
    if decision_received_on > received_on:
        raise RuleViolation(_("Ngày nhận quyết định kỷ luật không được sau ngày nhận đơn khiếu nại."))
    if decision_received_on < record.decided_on:
        raise RuleViolation(
            _("Ngày nhận quyết định kỷ luật không được trước ngày ra quyết định kỷ luật (%(day)s).")
            % {"day": record.decided_on.strftime("%d/%m/%Y")}
        )


@dataclass(frozen=True)
class FilingTime:
    """The time to file a complaint as the rule table counts it (domain.md §11b.1): the
    rule applied, the day it runs out, and whether the complaint was sent by then."""

    limit: rulebook.TimeLimit
    announced_on: datetime.date
    sent_on: datetime.date
    due_on: datetime.date

    @property
    def in_time(self) -> bool:
        return self.sent_on <= self.due_on

    def summary(self) -> str:
        """The computed dates and the rule, as the deciding member reads them."""
        return _(
            "Thời hạn khiếu nại: %(amount)s %(unit)s kể từ ngày công bố quyết định kỷ luật (%(announced)s), "
            "hạn cuối %(due)s; đơn gửi ngày %(sent)s (nộp trực tiếp hoặc dấu bưu điện) – %(verdict)s "
            "(%(source)s%(provisional)s)."
        ) % {
            "amount": self.limit.amount,
            "unit": unit_label(self.limit.unit),
            "announced": self.announced_on.strftime("%d/%m/%Y"),
            "due": self.due_on.strftime("%d/%m/%Y"),
            "sent": self.sent_on.strftime("%d/%m/%Y"),
            "verdict": _("trong hạn") if self.in_time else _("QUÁ HẠN"),
            "source": self.limit.source,
            "provisional": _("; quy định tạm thời, chưa xác nhận") if self.limit.provisional else "",
        }


def unit_label(unit: str) -> str:
    return {
        "working_days": _("ngày làm việc"),
        "calendar_days": _("ngày"),
        "months": _("tháng"),
        "years": _("năm"),
    }.get(str(unit), str(unit))


def filing_time(*, announced_on: datetime.date, sent_on: datetime.date) -> FilingTime:
    """The rule "F.file" in force on the announcement day, counted with the holiday calendar."""
    limit = rulebook.time_limit("F.file", on=announced_on)
    return FilingTime(limit=limit, announced_on=announced_on, sent_on=sent_on, due_on=due_by(limit, announced_on))


def complaint_filing_time(complaint: Complaint) -> FilingTime:
    """The filing time of a registered complaint, with the due day stored at intake."""
    limit = rulebook.time_limit("F.file", on=complaint.announced_on)
    return FilingTime(
        limit=limit, announced_on=complaint.announced_on, sent_on=complaint.sent_on, due_on=complaint.filing_due_on
    )


def check_day(day: datetime.date, label: str, *, not_before: datetime.date | None, before_label: str = "") -> None:
    if day > timezone.localdate():
        raise RuleViolation(_("%(label)s không được sau ngày hôm nay.") % {"label": label})
    if not_before is not None and day < not_before:
        raise RuleViolation(
            _("%(label)s không được trước %(what)s (%(day)s).")
            % {"label": label, "what": before_label, "day": not_before.strftime("%d/%m/%Y")}
        )


@dataclass(frozen=True)
class Intake:
    """What a checked intake keeps: the record (locked), what the complaint is about, the
    request and the representative (stripped)."""

    record: DisciplineRecord
    about: set[str]
    request: str
    representative: str
    announced_on: datetime.date


def _record_check(*, case: Case, record: DisciplineRecord | None) -> DisciplineRecord:
    """The record complained against, locked: in force, the complainant's, not already
    under a pending complaint."""
    if record is None:
        raise RuleViolation(_("Chọn quyết định kỷ luật bị khiếu nại."))
    record = (
        DisciplineRecord.objects.select_for_update(of=("self",))
        .select_related("member", "organisation")
        .get(pk=record.pk)
    )
    if record.state != DisciplineRecord.State.IN_FORCE:
        raise RuleViolation(_("Chỉ khiếu nại được quyết định kỷ luật đang có hiệu lực."))
    if (record.member_id, record.organisation_id) != (case.subject_member_id, case.subject_organisation_id):
        raise RuleViolation(_("Quyết định kỷ luật đã chọn không phải của người (tổ chức) khiếu nại."))
    if Complaint.objects.filter(case=case).exists():
        raise RuleViolation(_("Hồ sơ đã có đơn khiếu nại."))
    if selectors.pending_complaint_exists(record, exclude_case=case):
        raise RuleViolation(_("Quyết định kỷ luật này đang có một đơn khiếu nại khác chưa giải quyết xong."))
    return record


def intake_check(
    *,
    case: Case,
    record: DisciplineRecord | None,
    representative: str,
    decision_received_on: datetime.date,
    announced_on: datetime.date | None,
    sent_on: datetime.date,
    received_on: datetime.date,
    about,
    request: str,
    letter,
    imposed_by_kind: str,
    imposed_by_organisation: Organisation,
    resolving_body: Committee,
) -> Intake:
    """Everything a complaint registered on `case` must satisfy; the record is locked."""
    record = _record_check(case=case, record=record)
    # The announcement day defaults to the one the discipline case recorded (§11b.1).
    announced_on = announced_on or record.announced_on
    if announced_on is None:
        raise RuleViolation(
            _("Cần ghi ngày công bố quyết định kỷ luật (theo biên bản công bố): thời hạn khiếu nại tính từ ngày này.")
        )
    _intake_dates_check(
        record=record,
        decision_received_on=decision_received_on,
        announced_on=announced_on,
        sent_on=sent_on,
        received_on=received_on,
    )
    about = set(about)
    if not about or not about <= set(ABOUT):
        raise RuleViolation(
            _(
                "Chọn ít nhất một nội dung khiếu nại: nội dung vi phạm, hình thức kỷ luật, hoặc "
                "nguyên tắc, thủ tục, quy trình, thẩm quyền."
            )
        )
    request, representative = request.strip(), representative.strip()
    if not request:
        raise RuleViolation(_("Cần ghi nội dung, yêu cầu của người khiếu nại."))
    if record.organisation_id and not representative:
        raise RuleViolation(_("Tổ chức đảng khiếu nại: cần ghi người đại diện tổ chức."))
    if letter is None:
        raise RuleViolation(_("Cần tải lên đơn khiếu nại."))
    if imposed_by_kind not in ImposingBody.values:
        raise RuleViolation(_("Loại cơ quan đã thi hành kỷ luật không hợp lệ."))
    if resolving_body.organisation_id != case.committee.organisation_id:
        raise RuleViolation(
            _("Cơ quan giải quyết khiếu nại phải là cơ quan của %(org)s, nơi Ủy ban kiểm tra thụ lý hồ sơ.")
            % {"org": case.committee.organisation.name}
        )
    _authority_check(
        complaint_record=record,
        imposed_by_kind=imposed_by_kind,
        imposed_by=imposed_by_organisation,
        resolving=resolving_body,
        case=case,
    )
    return Intake(record=record, about=about, request=request, representative=representative, announced_on=announced_on)
