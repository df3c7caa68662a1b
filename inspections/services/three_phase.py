"""Preparation, execution and conclusion of a three-phase inspection (B, G, H) where it
differs from the planned inspection's steps, which it otherwise reuses
(inspections.services.inspection_steps, .conclusions).

domain.md §5(B) B.1 steps 3–10 (preparation, meeting the subject, the explanatory report,
verification, the managing organisation's review meeting, the team's report discussed with
the subject, the committee's conclusion on the violation, conveying it, archiving);
§5(G) "Procedure" steps 3–7 ("execution as in (B) steps 4–7"); §5(H) "Steps".
"""

import datetime
from dataclasses import asdict, dataclass, replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.deadlines import due_on
from inspections.exceptions import RuleViolation
from inspections.models import (
    Case,
    CaseKind,
    CaseStatus,
    ChecklistFinding,
    Conclusion,
    DocumentKind,
    Finding,
    InspectionRecord,
    SanctionForm,
    TeamReport,
    ViolationAssessment,
)
from inspections.selectors.three_phase import uncovered_items
from inspections.services.conclusions import conclusion_draft, conclusion_notice_record
from inspections.services.documents import document_attach
from inspections.services.inspection_steps import team_report_submit, verification_record
from inspections.services.status import current_status, set_status
from people.models import PartyMember


def _record(case: Case) -> InspectionRecord:
    record = InspectionRecord.objects.select_for_update().filter(case=case).first()
    if record is None:
        raise RuleViolation(_("Hồ sơ chưa có đề xuất, kế hoạch kiểm tra."))
    return record


def _check_day(day: datetime.date, *, label: str, not_before: datetime.date | None, not_before_label: str) -> None:
    if day > timezone.localdate():
        raise RuleViolation(_("%(label)s không được sau ngày hôm nay.") % {"label": label})
    if not_before and day < not_before:
        raise RuleViolation(
            _("%(label)s không được trước %(other)s (%(day)s).")
            % {"label": label, "other": not_before_label, "day": not_before.strftime("%d/%m/%Y")}
        )


def _stripped(**texts: str) -> dict[str, str]:
    return {name: (text or "").strip() for name, text in texts.items()}


@transaction.atomic
def preparation_record(
    *,
    actor,
    case: Case,
    outline: str,
    schedule: str,
    assignments: str,
    team_met_on: datetime.date,
    outline_file=None,
    schedule_file=None,
) -> InspectionRecord:
    """The team drafts the outline of the report it will ask of the subject (explanatory
    report upon signs, self-inspection report otherwise) and its schedule; the team meeting
    announces the plan and assigns the members (B.1 step 3; G step 3)."""
    access.require(actor, "lead", case)
    record = _record(case)
    texts = _stripped(outline=outline, schedule=schedule, assignments=assignments)
    if not all(texts.values()):
        raise RuleViolation(_("Cần ghi đề cương gợi ý báo cáo, lịch làm việc và phân công thành viên đoàn."))
    _check_day(
        team_met_on, label=_("Ngày họp đoàn"), not_before=case.decided_on, not_before_label=_("ngày ký quyết định")
    )
    set_status(case=case, actor=actor, target=CaseStatus.PREPARED)
    record.outline, record.schedule, record.assignments = texts["outline"], texts["schedule"], texts["assignments"]
    record.team_met_on = team_met_on
    record.save(update_fields=["outline", "schedule", "assignments", "team_met_on"])
    explanatory = case.kind == CaseKind.SIGNS_INSPECTION
    outline_kind = DocumentKind.EXPLANATION_OUTLINE if explanatory else DocumentKind.SELF_REPORT_OUTLINE
    document_attach(actor=actor, case=case, kind=outline_kind, upload=outline_file)
    document_attach(actor=actor, case=case, kind=DocumentKind.SCHEDULE, upload=schedule_file)
    journal.append(case=case, actor=actor, action="preparation.recorded", payload={**texts, "team_met_on": team_met_on})
    return record


@transaction.atomic
def subject_meeting_record(
    *, actor, case: Case, met_on: datetime.date, report_due_on: datetime.date, note: str, upload=None
) -> InspectionRecord:
    """The team meets the subject and its managing organisation, conveys the decision and
    plan, agrees the schedule and asks for the report and documents by a date (B.1 step 4)."""
    access.require(actor, "work", case)
    record = _record(case)
    _check_day(met_on, label=_("Ngày làm việc"), not_before=record.team_met_on, not_before_label=_("ngày họp đoàn"))
    if report_due_on < met_on:
        raise RuleViolation(_("Hạn nộp báo cáo phải từ ngày làm việc với đối tượng trở đi."))
    set_status(case=case, actor=actor, target=CaseStatus.NOTIFIED)
    record.subject_met_on, record.report_due_on = met_on, report_due_on
    record.save(update_fields=["subject_met_on", "report_due_on"])
    document_attach(actor=actor, case=case, kind=DocumentKind.DEPLOYMENT_MINUTES, upload=upload)
    journal.append(
        case=case,
        actor=actor,
        action="subject.met",
        payload={"met_on": met_on, "report_due_on": report_due_on, "note": note.strip()},
    )
    return record


@transaction.atomic
def explanation_receive(*, actor, case: Case, received_on: datetime.date, upload) -> Case:
    """The subject's explanatory report is received (B.1 step 4); verification begins."""
    access.require(actor, "work", case)
    if case.kind != CaseKind.SIGNS_INSPECTION:
        raise RuleViolation(_("Chỉ kiểm tra khi có dấu hiệu vi phạm mới yêu cầu báo cáo giải trình."))
    record = _record(case)
    _check_day(
        received_on,
        label=_("Ngày nhận báo cáo"),
        not_before=record.subject_met_on,
        not_before_label=_("ngày làm việc với đối tượng"),
    )
    if upload is None:
        raise RuleViolation(_("Cần tải lên báo cáo giải trình của đối tượng."))
    set_status(case=case, actor=actor, target=CaseStatus.VERIFYING)
    document_attach(actor=actor, case=case, kind=DocumentKind.EXPLANATORY_REPORT, upload=upload)
    journal.append(
        case=case,
        actor=actor,
        action="explanation.received",
        payload={"received_on": received_on, "late": bool(record.report_due_on and received_on > record.report_due_on)},
    )
    return case


@transaction.atomic
def review_meeting_record(*, actor, case: Case, held_on: datetime.date, summary: str, upload=None) -> InspectionRecord:
    """The managing party organisation holds the meeting that reviews the subject (hội nghị
    kiểm điểm, xem xét; B.1 step 6), once, during verification."""
    access.require(actor, "work", case)
    record = _record(case)
    if current_status(case) != CaseStatus.VERIFYING:
        raise RuleViolation(_("Hồ sơ không ở bước thẩm tra, xác minh."))
    if record.review_met_on is not None:
        raise RuleViolation(_("Hội nghị kiểm điểm, xem xét đã được ghi nhận."))
    if not summary.strip():
        raise RuleViolation(_("Cần ghi kết quả hội nghị kiểm điểm, xem xét."))
    _check_day(
        held_on,
        label=_("Ngày hội nghị"),
        not_before=record.subject_met_on,
        not_before_label=_("ngày làm việc với đối tượng"),
    )
    record.review_met_on, record.review_summary = held_on, summary.strip()
    record.save(update_fields=["review_met_on", "review_summary"])
    document_attach(actor=actor, case=case, kind=DocumentKind.REVIEW_MINUTES, upload=upload)
    journal.append(
        case=case, actor=actor, action="review_meeting.held", payload={"held_on": held_on, "summary": summary.strip()}
    )
    return record


@transaction.atomic
def checklist_verification_record(
    *, actor, case: Case, findings: list[tuple[int, str, str]], upload=None
) -> list[Finding]:
    """Verification against the content checklist (G, H): each finding (item id, assessment,
    text) is recorded as a finding of the case and tied to its content item."""
    access.require(actor, "work", case)
    scope = {item.pk: item for item in _record(case).content_items.all()}
    cleaned = [(item_id, assessment, (text or "").strip()) for item_id, assessment, text in findings]
    cleaned = [row for row in cleaned if row[2]]
    for item_id, assessment, _text in cleaned:
        if item_id not in scope:
            raise RuleViolation(_("Nội dung đã chọn không thuộc phạm vi kiểm tra của hồ sơ."))
        if assessment not in Finding.Assessment.values:
            raise RuleViolation(_("Đánh giá không hợp lệ."))
    created = verification_record(
        actor=actor, case=case, findings=[(assessment, text) for _id, assessment, text in cleaned], upload=upload
    )
    ChecklistFinding.objects.bulk_create(
        [ChecklistFinding(finding=finding, item=scope[row[0]]) for finding, row in zip(created, cleaned, strict=True)]
    )
    journal.append(
        case=case,
        actor=actor,
        action="checklist.recorded",
        payload={"items": [{"item": scope[i].code, "assessment": a} for i, a, _t in cleaned]},
    )
    return created


@transaction.atomic
def team_report_finalise(*, actor, case: Case, text: str, discussed_on: datetime.date, upload=None) -> TeamReport:
    """The team leader submits the result report after discussing the draft with the subject
    and the representatives of its organisation (B.1 step 7). Under a content checklist
    every item in scope needs a finding first."""
    access.require(actor, "lead", case)
    record = _record(case)
    _check_day(
        discussed_on,
        label=_("Ngày trao đổi dự thảo báo cáo"),
        not_before=record.subject_met_on,
        not_before_label=_("ngày làm việc với đối tượng"),
    )
    missing = uncovered_items(case)
    if missing:
        raise RuleViolation(
            _("Chưa có kết quả thẩm tra cho nội dung: %(items)s.") % {"items": "; ".join(i.label for i in missing)}
        )
    report = team_report_submit(actor=actor, case=case, text=text, upload=upload)
    journal.append(
        case=case,
        actor=actor,
        action="team_report.discussed",
        payload={"version": report.version, "discussed_on": discussed_on},
    )
    return report


@dataclass(frozen=True)
class ViolationFacts:
    """What the committee's meeting found about a violation (B.1 step 8)."""

    content: str = ""
    nature: str = ""
    extent: str = ""
    harm: str = ""
    causes: str = ""
    responsibility: str = ""
    discipline_required: bool = False
    subject_admits: bool = False
    self_proposed_form: str = ""


# Discipline forms by target, light to heavy (domain.md §6.1; Charter Art. 35): what a
# subject may propose for itself.
FORMS_FOR_ORGANISATION = (SanctionForm.REPRIMAND, SanctionForm.WARNING, SanctionForm.DISSOLUTION)
FORMS_FOR_FULL_MEMBER = (SanctionForm.REPRIMAND, SanctionForm.WARNING, SanctionForm.DISMISSAL, SanctionForm.EXPULSION)
# Strike-off is not a discipline form (domain.md §11b.6): a probationary member proposes
# reprimand or warning only.
FORMS_FOR_PROBATIONARY = (SanctionForm.REPRIMAND, SanctionForm.WARNING)


def forms_for_subject(case: Case) -> tuple[str, ...]:
    if case.subject_organisation_id:
        return FORMS_FOR_ORGANISATION
    if case.subject_member.status == PartyMember.Status.PROBATIONARY:
        return FORMS_FOR_PROBATIONARY
    return FORMS_FOR_FULL_MEMBER


TEXT_FACTS = ("content", "nature", "extent", "harm", "causes", "responsibility")
# What a conclusion finding a violation must state; the harm is stated where there is one.
REQUIRED_FACTS = ("content", "nature", "extent", "causes", "responsibility")


def _check_facts(case: Case, violation_found: bool, facts: ViolationFacts) -> ViolationFacts:
    texts = {name: getattr(facts, name).strip() for name in TEXT_FACTS}
    if violation_found:
        if not all(texts[name] for name in REQUIRED_FACTS):
            raise RuleViolation(
                _("Khi kết luận có vi phạm, cần ghi rõ nội dung, tính chất, mức độ, nguyên nhân và trách nhiệm.")
            )
    elif facts.discipline_required or facts.self_proposed_form:
        raise RuleViolation(_("Không có vi phạm thì không xem xét kỷ luật."))
    if facts.self_proposed_form:
        if not (facts.discipline_required and facts.subject_admits):
            raise RuleViolation(
                _("Hình thức kỷ luật tự nhận chỉ ghi khi vi phạm đến mức phải kỷ luật và đối tượng thừa nhận.")
            )
        if facts.self_proposed_form not in forms_for_subject(case):
            raise RuleViolation(_("Hình thức kỷ luật tự nhận không áp dụng cho đối tượng này."))
    return replace(facts, **texts, subject_admits=violation_found and facts.subject_admits)


@transaction.atomic
def conclusion_assess(
    *,
    actor,
    case: Case,
    text: str,
    violation_found: bool,
    recommendations: list[tuple[str, datetime.date]],
    committee_met_on: datetime.date,
    facts: ViolationFacts,
    upload=None,
    minutes_file=None,
) -> Conclusion:
    """The inspection committee's meeting concludes (B.1 step 8): whether there is a
    violation, its content, nature, extent, harm, causes and responsibility, whether
    discipline is required and whether the subject admits it and proposes a form for
    itself (the "dual process"). The team leader records the draft; the chair approves it
    or sends it back (inspections.services.conclusions)."""
    access.require(actor, "lead", case)
    _check_day(
        committee_met_on,
        label=_("Ngày họp Ủy ban kiểm tra"),
        not_before=case.decided_on,
        not_before_label=_("ngày ký quyết định"),
    )
    facts = _check_facts(case, violation_found, facts)
    conclusion = conclusion_draft(
        actor=actor,
        case=case,
        text=text,
        violation_found=violation_found,
        recommendations=recommendations,
        upload=upload,
    )
    ViolationAssessment.objects.create(conclusion=conclusion, committee_met_on=committee_met_on, **asdict(facts))
    document_attach(actor=actor, case=case, kind=DocumentKind.COMMITTEE_MINUTES, upload=minutes_file)
    journal.append(
        case=case,
        actor=actor,
        action="violation.assessed",
        payload={"version": conclusion.version, "committee_met_on": committee_met_on, **asdict(facts)},
    )
    return conclusion


@transaction.atomic
def conclusion_convey(*, actor, case: Case, sent_on: datetime.date, upload=None, minutes_file=None) -> Case:
    """The conclusion notice is conveyed to the subject and its managing organisation (B.1
    step 9); the team's file is due in the archive within the "archive" time limit counted
    from that day (step 10). Follow-up starts when requirements are open."""
    access.require(actor, "work", case)
    record = _record(case)
    conclusion_notice_record(actor=actor, case=case, sent_on=sent_on, upload=upload)
    document_attach(actor=actor, case=case, kind=DocumentKind.CONVEY_MINUTES, upload=minutes_file)
    record.archive_due_on = due_on("archive", sent_on)
    record.save(update_fields=["archive_due_on"])
    journal.append(
        case=case, actor=actor, action="archive.due", payload={"sent_on": sent_on, "due_on": record.archive_due_on}
    )
    return case
