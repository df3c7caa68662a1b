"""The end of a denunciation's resolution (domain.md §5(D) steps 5–6): the conclusion of
the competent body, with the flags a discipline or an inspection-upon-signs case is opened
from, and the notices to the denounced, the managing organisation and the denouncer. The
conclusion's review and the follow-up are the planned inspection's
(inspections.services.conclusions, .follow_up)."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import RuleViolation
from inspections.models import Case, CaseStatus, Conclusion, DenunciationNotice, DenunciationOutcome, DocumentKind
from inspections.selectors.denunciation_notices import managing_organisation_name
from inspections.services import conclusions
from inspections.services.denunciation_confidentiality import masker, notice_issue
from inspections.services.denunciations import check_day, require_status
from inspections.services.documents import document_add

# --- 6. Conclusion ----------------------------------------------------------------------


@transaction.atomic
def denunciation_conclusion_draft(
    *,
    actor,
    case: Case,
    text: str,
    violation_found: bool,
    discipline_threshold: bool,
    other_signs: bool,
    other_signs_note: str = "",
    recommendations: list[tuple[str, datetime.date]] | tuple = (),
    upload=None,
) -> Conclusion:
    """The conclusion of the competent body (domain.md §5(D) step 5), drafted by the team
    leader: its text and requirements as for any conclusion, plus whether the violation
    reaches the discipline threshold and whether other signs of violation emerged. The
    chair approves or returns it (conclusions.conclusion_review)."""
    mask = masker(case)
    other_signs_note = mask(other_signs_note.strip())
    if discipline_threshold and not violation_found:
        raise RuleViolation(_("Chỉ đề nghị xem xét kỷ luật khi kết luận có vi phạm."))
    if other_signs and not other_signs_note:
        raise RuleViolation(_("Ghi rõ dấu hiệu vi phạm khác đã phát hiện."))
    if not other_signs and other_signs_note:
        raise RuleViolation(_("Đã ghi dấu hiệu vi phạm khác: đánh dấu “Phát hiện dấu hiệu vi phạm khác”."))
    conclusion = conclusions.conclusion_draft(
        actor=actor,
        case=case,
        text=mask(text),
        violation_found=violation_found,
        recommendations=[(mask(t), d) for t, d in recommendations],
        upload=upload,
    )
    DenunciationOutcome.objects.create(
        conclusion=conclusion,
        discipline_threshold=discipline_threshold,
        other_signs=other_signs,
        other_signs_note=other_signs_note,
    )
    journal.append(
        case=case,
        actor=actor,
        action="denunciation.outcome_drafted",
        payload={
            "version": conclusion.version,
            "discipline_threshold": discipline_threshold,
            "other_signs": other_signs,
            "other_signs_note": other_signs_note,
        },
    )
    return conclusion


# --- 7. Notices -------------------------------------------------------------------------


@transaction.atomic
def denunciation_notify(
    *,
    actor,
    case: Case,
    conclusion_sent_on: datetime.date,
    result_sent_on: datetime.date,
    conclusion_upload=None,
    result_upload=None,
) -> Case:
    """The notice concluding the denunciation goes to the denounced and the managing
    organisation; the result goes to the denouncer "in an appropriate form", without
    confidential detail (domain.md §5(D) step 6; §7.2). Then follow-up of the requirements,
    or the case closes (conclusions.conclusion_notice_record)."""
    access.require(actor, "work", case)
    require_status(case, CaseStatus.CONCLUDED, message=_("Hồ sơ chưa có kết luận được duyệt."))
    for day, label in (
        (conclusion_sent_on, _("Ngày gửi thông báo kết luận")),
        (result_sent_on, _("Ngày thông báo kết quả")),
    ):
        check_day(day, label, not_before=case.concluded_on, before_label=_("ngày kết luận"))
    document = None
    if conclusion_upload is not None:
        document = document_add(
            actor=actor,
            case=case,
            kind=DocumentKind.D_CONCLUSION,
            title=_("Thông báo kết luận giải quyết tố cáo"),
            upload=conclusion_upload,
        )
    notice_issue(
        actor=actor, case=case, kind=DenunciationNotice.Kind.CONCLUSION, issued_on=conclusion_sent_on, document=document
    )
    result_document = None
    if result_upload is not None:
        result_document = document_add(
            actor=actor,
            case=case,
            kind=DocumentKind.D_NOTICE,
            title=_("Thông báo kết quả giải quyết tố cáo"),
            upload=result_upload,
        )
    notice_issue(
        actor=actor, case=case, kind=DenunciationNotice.Kind.RESULT, issued_on=result_sent_on, document=result_document
    )
    journal.append(
        case=case,
        actor=actor,
        action="denunciation.notified",
        payload={
            "conclusion_sent_on": conclusion_sent_on,
            "result_sent_on": result_sent_on,
            "managing_organisation": managing_organisation_name(case),
        },
    )
    conclusions.conclusion_notice_record(actor=actor, case=case, sent_on=conclusion_sent_on)
    return case
