"""Conclusion phase and follow-up (domain.md §5(A) A.3 steps 5–6; §7.11 follow-up of
conclusions as child items with due dates)."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import RuleViolation
from inspections.models import Case, CaseStatus, Conclusion, Recommendation, ReviewStatus
from inspections.services import follow_up
from inspections.services.documents import document_add
from inspections.services.reviews import review_latest
from inspections.services.status import set_status
from inspections.services.steps.closing import case_close


@transaction.atomic
def conclusion_draft(
    *,
    actor,
    case: Case,
    text: str,
    violation_found: bool,
    recommendations: list[tuple[str, datetime.date]],
    upload=None,
) -> Conclusion:
    """The team leader drafts the committee's conclusion with its recommendations."""
    access.require(actor, "lead", case)
    if not case.team_reports.filter(status=ReviewStatus.ACCEPTED).exists():
        raise RuleViolation(_("Báo cáo của đoàn chưa được chấp nhận, chưa thể dự thảo kết luận."))
    if not text.strip():
        raise RuleViolation(_("Nội dung kết luận không được để trống."))
    today = timezone.localdate()
    for rec_text, due in recommendations:
        if not rec_text.strip():
            raise RuleViolation(_("Nội dung yêu cầu, kiến nghị không được để trống."))
        if due < today:
            raise RuleViolation(_("Thời hạn thực hiện kiến nghị “%(text)s” đã qua.") % {"text": rec_text.strip()[:60]})
    set_status(case=case, actor=actor, target=CaseStatus.CONCLUDING)
    version = (case.conclusions.aggregate(m=Max("version"))["m"] or 0) + 1
    conclusion = Conclusion.objects.create(
        case=case, version=version, text=text.strip(), violation_found=violation_found, drafted_by=actor
    )
    Recommendation.objects.bulk_create(
        [Recommendation(case=case, conclusion=conclusion, text=t.strip(), due_on=d) for t, d in recommendations]
    )
    if upload is not None:
        document_add(
            actor=actor, case=case, kind="other", title=_("Dự thảo kết luận lần %(n)s") % {"n": version}, upload=upload
        )
    journal.append(
        case=case,
        actor=actor,
        action="conclusion.drafted",
        payload={
            "version": version,
            "text": conclusion.text,
            "violation_found": violation_found,
            "recommendations": [{"text": t.strip(), "due_on": d} for t, d in recommendations],
        },
    )
    return conclusion


@transaction.atomic
def conclusion_review(*, actor, case: Case, approve: bool, note: str = "") -> Conclusion:
    """The chair approves the conclusion or sends it back for redrafting.

    Four-eyes (design.md decision 7): the drafter may not approve their own draft.
    """
    access.require(actor, "approve", case)
    draft = review_latest(
        actor=actor,
        case=case,
        drafts=case.conclusions.all(),
        author_field="drafted_by",
        accept=approve,
        note=note,
        none_pending=_("Không có dự thảo kết luận nào đang chờ duyệt."),
        own_draft=_("Người dự thảo kết luận không được tự phê duyệt kết luận."),
        reason_required=_("Khi trả lại dự thảo, cần ghi rõ nội dung cần sửa."),
    )
    if approve:
        set_status(case=case, actor=actor, target=CaseStatus.CONCLUDED)
        case.concluded_on = timezone.localdate()
        case.save(update_fields=["concluded_on"])
    else:
        set_status(case=case, actor=actor, target=CaseStatus.REPORTED, reason=draft.review_note)
    journal.append(
        case=case,
        actor=actor,
        action="conclusion.approved" if approve else "conclusion.returned",
        # review_latest only takes a submitted draft: the edit is submitted -> accepted/returned.
        payload={
            "version": draft.version,
            "note": draft.review_note,
            "status": {"before": ReviewStatus.SUBMITTED, "after": draft.status},
        },
    )
    return draft


@transaction.atomic
def conclusion_notice_record(*, actor, case: Case, sent_on: datetime.date, upload=None) -> Case:
    """The conclusion notice is conveyed to the subject; follow-up starts if anything is open."""
    access.require(actor, "work", case)
    if sent_on > timezone.localdate():
        raise RuleViolation(_("Ngày gửi thông báo không được sau ngày hôm nay."))
    if case.concluded_on and sent_on < case.concluded_on:
        raise RuleViolation(_("Ngày gửi thông báo không được trước ngày kết luận."))
    if upload is not None:
        document_add(
            actor=actor, case=case, kind="conclusion_notice", title=_("Thông báo kết luận kiểm tra"), upload=upload
        )
    journal.append(case=case, actor=actor, action="conclusion.notified", payload={"sent_on": sent_on})
    if _binding(case).filter(status=Recommendation.Status.OPEN).exists():
        set_status(case=case, actor=actor, target=CaseStatus.FOLLOW_UP)
    else:
        case_close(actor=actor, case=case)
    return case


def follow_up_record(*, actor, case: Case, done: dict[int, tuple[datetime.date, str]], upload=None) -> Case:
    """Record recommendations reported done. Closes the case when none is left open.
    Kept for callers of the planned inspection's first follow-up step; the follow-up of
    every kind lives in inspections.services.follow_up."""
    return follow_up.follow_up_record(actor=actor, case=case, done=done, upload=upload).case


def _binding(case: Case):
    """Recommendations of the approved conclusion (those of returned drafts stay as history)."""
    return Recommendation.objects.filter(case=case, conclusion__status=ReviewStatus.ACCEPTED)
