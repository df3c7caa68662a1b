"""The outcome of a discipline complaint, its application to the member's (organisation's)
record, the complaint decision and its notification (domain.md §5(F) steps 3–4, §6.4).

The competent body votes on the outcome by secret ballot (§6.2; complaint_ballot.py);
the chair's close of the ballot applies its result with `complaint_outcome_apply`, which
holds every rule of the change itself (direction, forms of the subject, authority).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections import access, journal, rulebook
from inspections.exceptions import RuleViolation
from inspections.models import (
    Case,
    CaseStatus,
    Complaint,
    ComplaintOutcome,
    DisciplineRecord,
    DocumentKind,
    ReviewStatus,
    SanctionForm,
)
from inspections.selectors import discipline_complaint as selectors
from inspections.selectors.authority import authority_province, deciding_body
from inspections.services import membership
from inspections.services.complaint_checks import check_change
from inspections.services.documents import document_add
from inspections.services.status import current_status, set_status
from inspections.services.steps.closing import case_close

# Restoration of rights after a wrongful discipline is removed (Reg. 117-QĐ/TW 2023;
# domain.md §6.4).
RESTORATION = {
    SanctionForm.REPRIMAND: gettext_lazy("khôi phục kết quả đánh giá, quy hoạch, nâng lương, khen thưởng"),
    SanctionForm.WARNING: gettext_lazy("khôi phục kết quả đánh giá, quy hoạch, nâng lương, khen thưởng"),
    SanctionForm.DISMISSAL: gettext_lazy("xem xét bố trí lại chức vụ đã bị cách chức hoặc chức vụ tương đương"),
    SanctionForm.EXPULSION: gettext_lazy("khôi phục sinh hoạt đảng hoặc công nhận lại là đảng viên nếu có nguyện vọng"),
}


def restoration_note(form: str) -> str:
    what = RESTORATION.get(form, _("khôi phục các quyền lợi bị ảnh hưởng"))
    return _("Xin lỗi và khôi phục quyền lợi theo Quy định 117-QĐ/TW: %(what)s.") % {"what": what}


def body_kind(committee, on: datetime.date, case: Case) -> str:
    """The body kind of the authority matrix (inspections.rulebook, §6.3), derived from the
    resolving committee on `on` as a discipline round derives it (issue 9 point 2: the
    DecidingBodyKind table, level x committee kind, with the province's own rows first),
    never from a declaration; a committee without a row in force: RuleViolation naming the
    table."""
    return deciding_body(committee=committee, on=on, province=authority_province(case)).code


def authority_subject_kind(complaint: Complaint, on: datetime.date) -> str:
    """The subject kind of the authority matrix: an organisation, a member of the party
    committee of the resolving body's organisation, or another member (§6.3)."""
    record = complaint.record
    if record.organisation_id:
        return "organisation"
    if selectors.holds_committee_post(record.member, complaint.resolving_body.organisation, on):
        return "committee_member"
    return "member"


def _journal_both(*, actor, case: Case, record: DisciplineRecord, action: str, payload: dict) -> None:
    """The complaint case and the discipline case the record belongs to both keep it."""
    journal.append(case=case, actor=actor, action=action, payload=payload)
    if record.case_id != case.pk:
        journal.append(
            case=record.case,
            actor=actor,
            action=action,
            payload={**payload, "complaint_case": case.pk, "complaint_number": case.number},
        )


def _awaiting_outcome(case: Case) -> Complaint:
    """The complaint, locked, when its ballot is under way on an accepted team report and
    no outcome is recorded yet."""
    complaint = (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("resolving_body__organisation__level")
        .get(case=case)
    )
    if complaint.outcome:
        raise RuleViolation(_("Kết quả giải quyết khiếu nại đã được ghi nhận."))
    if current_status(case) != CaseStatus.VOTING:
        raise RuleViolation(_("Hồ sơ chưa ở bước hội nghị biểu quyết kết quả giải quyết."))
    last = case.team_reports.order_by("-version").first()
    if last is None or last.status != ReviewStatus.ACCEPTED:
        raise RuleViolation(_("Báo cáo của đoàn chưa được chấp nhận, chưa thể đưa ra hội nghị."))
    return complaint


def _record_in_force(complaint: Complaint) -> DisciplineRecord:
    """The record complained against, locked; set on the complaint. It must still be in force."""
    record = (
        DisciplineRecord.objects.select_for_update(of=("self",))
        .select_related("member", "organisation", "case")
        .get(pk=complaint.record_id)
    )
    complaint.record = record
    if record.state != DisciplineRecord.State.IN_FORCE:
        raise RuleViolation(
            _("Quyết định kỷ luật bị khiếu nại không còn hiệu lực (%(state)s), không áp dụng được kết quả.")
            % {"state": record.get_state_display()}
        )
    return record


def _check_authority(*, case: Case, complaint: Complaint, outcome: str, new_form: str, decided_on) -> None:
    """An increase within the resolving body's authority (§6.3); dismissal only for a
    member who holds a post."""
    if outcome == ComplaintOutcome.INCREASE:
        # The authority in force on the day the body decides (issue 9 point 2, as for a
        # discipline round): a step after the 1/7/2025 restructuring is the new bodies'.
        allowed = rulebook.may_impose(
            body_kind=body_kind(complaint.resolving_body, decided_on, case),
            subject_kind=authority_subject_kind(complaint, decided_on),
            form=new_form,
            on=decided_on,
            province=authority_province(case),
        )
        if not allowed:
            # domain.md §5(F): a heavier form beyond the body's authority is referred upward.
            raise RuleViolation(
                _(
                    "Hình thức “%(form)s” vượt thẩm quyền của %(body)s: cần đề nghị cấp ủy, ủy ban kiểm tra cấp trên "
                    "có thẩm quyền xem xét, quyết định."
                )
                % {"form": SanctionForm(new_form).label, "body": complaint.resolving_body.name}
            )
    if new_form == SanctionForm.DISMISSAL and not selectors.holds_post(complaint.record.member, decided_on):
        raise RuleViolation(_("Đảng viên không giữ chức vụ nào, không áp dụng hình thức cách chức."))


def _record_change(
    *, case: Case, complaint: Complaint, outcome: str, new_form: str, decided_on
) -> tuple[DisciplineRecord | None, str]:
    """Change the record as the outcome says: replaced by a new record (reduce, increase),
    removed with the restoration of rights (remove), or kept. Returns the new record and
    the restoration note."""
    record = complaint.record
    new_record = None
    note = ""
    if outcome in (ComplaintOutcome.INCREASE, ComplaintOutcome.REDUCE):
        record.state = DisciplineRecord.State.CHANGED
        record.changed_by_case = case
        record.save(update_fields=["state", "changed_by_case"])
        new_record = DisciplineRecord.objects.create(
            case=record.case,
            member=record.member,
            organisation=record.organisation,
            form=new_form,
            deciding_body=complaint.resolving_body.name,
            decided_on=decided_on,
            state=DisciplineRecord.State.IN_FORCE,
            replaces=record,
            changed_by_case=case,
            note=_("Thay thế kỷ luật “%(form)s” theo kết quả giải quyết khiếu nại (hồ sơ %(number)s).")
            % {"form": record.get_form_display(), "number": case.number},
        )
    elif outcome == ComplaintOutcome.REMOVE:
        note = restoration_note(record.form)
        record.state = DisciplineRecord.State.REMOVED
        record.changed_by_case = case
        record.note = f"{record.note}\n{note}".strip()
        record.save(update_fields=["state", "changed_by_case", "note"])
    return new_record, note


@transaction.atomic
def complaint_outcome_apply(
    *,
    actor,
    case: Case,
    outcome: str,
    new_form: str = "",
    reasons: str,
    decided_on: datetime.date,
    vote: dict,
) -> Complaint:
    """Apply the outcome the competent body decided to the record complained against
    (domain.md §5(F) "Outcomes", §6.4), journaled on the complaint case and on the
    discipline case:

    - keep: the record is unchanged;
    - reduce / increase: the record becomes CHANGED and a new record with the new form
      replaces it; an increase beyond the resolving body's authority is refused (it must
      be referred upward);
    - remove: the record becomes REMOVED, with the restoration of rights (Reg. 117-QĐ/TW).

    `vote` is the tally that decided it (the ballot, its round, count base, votes for the
    option, thresholds applied), journaled with the change; the ballot owns the figures."""
    access.require(actor, "approve", case)
    complaint = _awaiting_outcome(case)
    record = _record_in_force(complaint)
    new_form = new_form or ""
    check_change(record=record, outcome=outcome, new_form=new_form)
    reasons = reasons.strip()
    if not reasons:
        raise RuleViolation(_("Cần ghi lý do của kết quả giải quyết khiếu nại."))
    _check_authority(case=case, complaint=complaint, outcome=outcome, new_form=new_form, decided_on=decided_on)
    state_before = record.state
    new_record, note = _record_change(
        case=case, complaint=complaint, outcome=outcome, new_form=new_form, decided_on=decided_on
    )
    # An expulsion removed or reduced restores the membership (Reg. 117-QĐ/TW; issue 9 point 8).
    restored = membership.expulsion_undone(record=record, outcome=outcome)
    complaint.outcome = outcome
    complaint.new_form = new_form
    complaint.outcome_reasons = reasons
    complaint.meeting_on = decided_on
    complaint.new_record = new_record
    complaint.save(update_fields=["outcome", "new_form", "outcome_reasons", "meeting_on", "new_record"])
    set_status(case=case, actor=actor, target=CaseStatus.VOTED)
    _journal_both(
        actor=actor,
        case=case,
        record=record,
        action="complaint.outcome_applied",
        payload={
            "outcome": outcome,
            "record": record.pk,
            "form": {"before": record.form, "after": new_form or (None if outcome == "remove" else record.form)},
            "state": {"before": state_before, "after": record.state},
            "new_record": new_record.pk if new_record else None,
            "reasons": reasons,
            "restoration": note,
            "membership": restored,
            "decided_on": decided_on,
            "vote": vote,
        },
    )
    return complaint


@transaction.atomic
def complaint_decision_issue(
    *, actor, case: Case, number: str, signed_on: datetime.date, decision_file, minutes=None
) -> Complaint:
    """The complaint decision (number, date) signed on the competent body's behalf is filed
    (§5(F) step 4); a replacing record takes the decision's number and date."""
    access.require(actor, "work", case)
    complaint = (
        Complaint.objects.select_for_update(of=("self",)).select_related("new_record", "record__case").get(case=case)
    )
    if current_status(case) != CaseStatus.VOTED:
        raise RuleViolation(_("Chưa có kết quả hội nghị để ban hành quyết định."))
    number = number.strip()
    if not number:
        raise RuleViolation(_("Cần ghi số quyết định giải quyết khiếu nại."))
    if signed_on > timezone.localdate():
        raise RuleViolation(_("Ngày ký quyết định không được sau ngày hôm nay."))
    if signed_on < complaint.meeting_on:
        raise RuleViolation(_("Ngày ký quyết định không được trước ngày hội nghị."))
    if decision_file is None:
        raise RuleViolation(_("Cần tải lên quyết định giải quyết khiếu nại."))
    document_add(
        actor=actor,
        case=case,
        kind=DocumentKind.COMPLAINT_DECISION,
        title=_("Quyết định giải quyết khiếu nại số %(number)s") % {"number": number},
        upload=decision_file,
    )
    if minutes is not None:
        document_add(
            actor=actor, case=case, kind=DocumentKind.COMPLAINT_MINUTES, title=_("Biên bản hội nghị"), upload=minutes
        )
    complaint.decision_number, complaint.decision_on = number, signed_on
    complaint.save(update_fields=["decision_number", "decision_on"])
    if complaint.new_record is not None:
        complaint.new_record.decision_number = number
        complaint.new_record.decided_on = signed_on
        complaint.new_record.save(update_fields=["decision_number", "decided_on"])
    set_status(case=case, actor=actor, target=CaseStatus.DECIDED)
    case.decided_on = case.concluded_on = signed_on
    case.save(update_fields=["decided_on", "concluded_on"])
    _journal_both(
        actor=actor,
        case=case,
        record=complaint.record,
        action="complaint.decision_issued",
        payload={
            "number": number,
            "signed_on": signed_on,
            "outcome": complaint.outcome,
            "new_record": complaint.new_record_id,
        },
    )
    return complaint


def _notices_file(*, actor, case: Case, complaint: Complaint, notice, restoration_notice) -> None:
    """File the notice of the decision and, when the form was removed or reduced, the
    notice restoring the member's rights."""
    if notice is not None:
        document_add(
            actor=actor,
            case=case,
            kind=DocumentKind.COMPLAINT_NOTICE,
            title=_("Thông báo quyết định giải quyết khiếu nại"),
            upload=notice,
        )
    if restoration_notice is not None:
        if complaint.outcome not in (ComplaintOutcome.REMOVE, ComplaintOutcome.REDUCE):
            raise RuleViolation(_("Thông báo khôi phục quyền lợi chỉ gửi khi xóa hoặc giảm hình thức kỷ luật."))
        document_add(
            actor=actor,
            case=case,
            kind=DocumentKind.COMPLAINT_RESTORE,
            title=_("Thông báo khôi phục quyền lợi"),
            upload=restoration_notice,
        )


@transaction.atomic
def complaint_decision_notify(
    *,
    actor,
    case: Case,
    complainant_on: datetime.date,
    imposing_body_on: datetime.date,
    managing_org_on: datetime.date,
    notice=None,
    restoration_notice=None,
) -> Complaint:
    """The decision is notified to the complainant, the body that imposed the discipline
    and the organisation that manages the member (§5(F) step 4); the case closes. A
    replacing form takes effect when announced (Charter Art. 39.6; §6.4)."""
    access.require(actor, "work", case)
    complaint = (
        Complaint.objects.select_for_update(of=("self",)).select_related("new_record", "record__case").get(case=case)
    )
    if current_status(case) != CaseStatus.DECIDED:
        raise RuleViolation(_("Chưa ban hành quyết định giải quyết khiếu nại."))
    for day, label in (
        (complainant_on, _("Ngày thông báo người khiếu nại")),
        (imposing_body_on, _("Ngày thông báo cơ quan đã thi hành kỷ luật")),
        (managing_org_on, _("Ngày thông báo tổ chức đảng quản lý")),
    ):
        if day > timezone.localdate():
            raise RuleViolation(_("%(label)s không được sau ngày hôm nay.") % {"label": label})
        if day < complaint.decision_on:
            raise RuleViolation(_("%(label)s không được trước ngày ký quyết định.") % {"label": label})
    _notices_file(actor=actor, case=case, complaint=complaint, notice=notice, restoration_notice=restoration_notice)
    complaint.notified_complainant_on = complainant_on
    complaint.notified_imposing_body_on = imposing_body_on
    complaint.notified_managing_org_on = managing_org_on
    complaint.save(update_fields=["notified_complainant_on", "notified_imposing_body_on", "notified_managing_org_on"])
    payload = {
        "complainant_on": complainant_on,
        "imposing_body_on": imposing_body_on,
        "managing_org_on": managing_org_on,
    }
    if complaint.new_record is not None:
        complaint.new_record.announced_on = complaint.new_record.effective_on = complainant_on
        complaint.new_record.save(update_fields=["announced_on", "effective_on"])
        # An increase to expulsion ends the membership from that day (issue 9 point 8).
        ended = membership.expulsion_on_complaint(record=complaint.new_record)
        _journal_both(
            actor=actor,
            case=case,
            record=complaint.record,
            action="complaint.decision_notified",
            payload={
                **payload,
                "new_record": complaint.new_record.pk,
                "effective_on": complainant_on,
                "membership": ended,
            },
        )
    else:
        journal.append(case=case, actor=actor, action="complaint.decision_notified", payload=payload)
    case_close(actor=actor, case=case)
    return complaint
