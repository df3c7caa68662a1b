"""Follow-up of conclusions, for every case kind (domain.md §7.11; issue 3 "Follow-up of
conclusions for every kind").

The requirements of a conclusion are the Recommendation rows of its approved version,
each with a due date. The team records progress and remediation reports with their
documents and marks requirements met; the approver finds a requirement not carried out
("unmet") or gives it a new deadline; an unmet requirement can open an inspection upon
signs of violation (B) linked to this case both ways. Requirements past their due date are
escalated by `overdue_escalate` (the `escalate_overdue` command): flagged, journaled and
put in front of the approver. The case closes when every requirement is met or unmet.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import RuleViolation
from inspections.models import (
    Case,
    CaseKind,
    CaseLink,
    CaseRole,
    CaseStatus,
    DocumentKind,
    NotificationKind,
    Recommendation,
    RequirementReport,
    RequirementTracking,
    ReviewStatus,
)
from inspections.selectors.follow_up import binding, unsettled
from inspections.services import notifications
from inspections.services.cases import case_spawn
from inspections.services.documents import document_attach
from inspections.services.status import current_status
from inspections.services.steps.closing import case_close


@dataclass(frozen=True)
class FollowUpOutcome:
    case: Case
    closed: bool
    signs_case: Case | None


def _check_report_day(day: datetime.date, case: Case) -> None:
    if day > timezone.localdate():
        raise RuleViolation(_("Ngày hoàn thành không được sau ngày hôm nay."))
    if case.concluded_on and day < case.concluded_on:
        raise RuleViolation(_("Ngày báo cáo không được trước ngày kết luận."))


def _check_reports(case: Case, *, done: dict, progress: dict) -> None:
    for day, text in progress.values():
        _check_report_day(day, case)
        if not text.strip():
            raise RuleViolation(_("Cần ghi nội dung báo cáo tiến độ thực hiện."))
    for day, _text in done.values():
        _check_report_day(day, case)


@transaction.atomic
def follow_up_record(
    *,
    actor,
    case: Case,
    done: dict[int, tuple[datetime.date, str]] | None = None,
    progress: dict[int, tuple[datetime.date, str]] | None = None,
    upload=None,
    open_signs_case_for: Sequence[int] = (),
) -> FollowUpOutcome:
    """Record what the subject reported: requirements now met (`done`) and progress on
    others (`progress`), each with the day and the report's content, one document for the
    lot; optionally open one inspection upon signs for requirements found unmet. Closes the
    case when no requirement is left to follow. With nothing to record, only closes a case
    whose requirements are all settled."""
    access.require(actor, "work", case)
    done, progress = done or {}, progress or {}
    if current_status(case) != CaseStatus.FOLLOW_UP:
        raise RuleViolation(_("Hồ sơ không ở bước theo dõi thực hiện kết luận."))
    if set(done) & set(progress):
        raise RuleViolation(_("Một kiến nghị không thể vừa báo cáo tiến độ vừa báo cáo hoàn thành."))
    # OF self: "unsettled" joins the optional tracking row, which PostgreSQL cannot lock.
    open_items = {r.pk: r for r in unsettled(case).select_for_update(of=("self",))}
    if not (done or progress or open_signs_case_for) and open_items:
        raise RuleViolation(_("Chọn ít nhất một kiến nghị đã được thực hiện."))
    if any(rec_id not in open_items for rec_id in [*done, *progress]):
        raise RuleViolation(_("Kiến nghị đã chọn không thuộc hồ sơ hoặc đã hoàn thành."))
    _check_reports(case, done=done, progress=progress)
    if upload is not None and not (done or progress):
        raise RuleViolation(_("Chọn kiến nghị mà báo cáo đính kèm nói đến."))
    signs_case = _signs_case_open(actor=actor, case=case, item_ids=open_signs_case_for) if open_signs_case_for else None
    document = document_attach(actor=actor, case=case, kind=DocumentKind.FOLLOW_UP, upload=upload)
    RequirementReport.objects.bulk_create(
        [
            RequirementReport(
                recommendation_id=rec_id,
                reported_on=day,
                text=text.strip(),
                marks_met=rec_id in done,
                document=document,
                recorded_by=actor,
            )
            for rec_id, (day, text) in sorted({**progress, **done}.items())
        ]
    )
    if progress:
        journal.append(
            case=case,
            actor=actor,
            action="follow_up.progress",
            payload={
                "reports": [{"id": k, "reported_on": d, "text": t.strip()} for k, (d, t) in sorted(progress.items())]
            },
        )
    if done:
        _mark_met(actor=actor, case=case, items=open_items, done=done)
    closed = not unsettled(case).exists()
    if closed:
        case_close(actor=actor, case=case)
    return FollowUpOutcome(case=case, closed=closed, signs_case=signs_case)


def _mark_met(*, actor, case: Case, items: dict[int, Recommendation], done: dict) -> None:
    changes = []
    for rec_id, (done_on, note) in sorted(done.items()):
        rec = items[rec_id]
        changes.append(
            {
                "id": rec.pk,
                "status": {"before": rec.status, "after": Recommendation.Status.DONE},
                "done_on": {"before": rec.done_on, "after": done_on},
                "result_note": {"before": rec.result_note, "after": note.strip()},
            }
        )
        rec.status, rec.done_on, rec.result_note = Recommendation.Status.DONE, done_on, note.strip()
        rec.save(update_fields=["status", "done_on", "result_note"])
    journal.append(
        case=case,
        actor=actor,
        action="recommendations.done",
        payload={
            "done": [{"id": k, "done_on": v[0], "note": v[1].strip()} for k, v in sorted(done.items())],
            "changes": changes,  # each edited field of each recommendation, before and after
        },
    )


def _signs_case_open(*, actor, case: Case, item_ids: Sequence[int]) -> Case:
    """Open one inspection upon signs of violation for requirements found unmet (domain.md
    §7.11: the body "may escalate to inspection upon signs if they are not met"). The person
    following up proposes it as the area officer does (§5(B) B.1 step 1): they become its
    drafter, and the chair signs its decision in that case's flow."""
    if not access.committees_open_for(actor, CaseKind.SIGNS_INSPECTION).filter(pk=case.committee_id).exists():
        raise RuleViolation(_("Bạn không có quyền lập hồ sơ cho Ủy ban kiểm tra này."))
    trackings = list(
        RequirementTracking.objects.select_for_update()
        .filter(recommendation__in=binding(case), recommendation_id__in=list(item_ids), unmet_on__isnull=False)
        .filter(signs_case__isnull=True)
        .select_related("recommendation")
        .order_by("recommendation_id")
    )
    if len(trackings) != len(set(item_ids)):
        raise RuleViolation(
            _("Chỉ đề nghị kiểm tra khi có dấu hiệu vi phạm đối với kiến nghị đã được đánh giá không thực hiện.")
        )
    lines = [
        _("- %(text)s (thời hạn %(due)s): %(reason)s")
        % {"text": t.recommendation.text, "due": t.recommendation.due_on.strftime("%d/%m/%Y"), "reason": t.unmet_reason}
        for t in trackings
    ]
    signs_case = case_spawn(
        actor=actor,
        origin=case,
        kind=CaseKind.SIGNS_INSPECTION,
        relation=CaseLink.Relation.FOLLOW_UP,
        title=(_("Không thực hiện kết luận %(number)s: %(title)s") % {"number": case.number, "title": case.title})[
            :300
        ],
        grounds="\n".join([_("Yêu cầu, kiến nghị của kết luận không được thực hiện:"), *lines]),
        note=_("%(n)d yêu cầu, kiến nghị không được thực hiện") % {"n": len(trackings)},
    )
    for tracking in trackings:
        tracking.signs_case = signs_case
        tracking.save(update_fields=["signs_case"])
    journal.append(
        case=case,
        actor=actor,
        action="follow_up.signs_opened",
        payload={"case": signs_case.pk, "number": signs_case.number, "items": [t.recommendation_id for t in trackings]},
    )
    return signs_case


ASSESSMENTS = ("unmet", "extend")


@transaction.atomic
def requirement_assess(
    *,
    actor,
    case: Case,
    recommendation_id: int,
    decision: str,
    reason: str,
    new_due_on: datetime.date | None = None,
) -> Recommendation:
    """The approver settles a requirement the team could not: finds it not carried out
    ("unmet", with the reason), or gives it a new deadline ("extend"), which lifts the
    overdue flag."""
    access.require(actor, "approve", case)
    if decision not in ASSESSMENTS:
        raise RuleViolation(_("Chọn cách xử lý kiến nghị."))
    if current_status(case) != CaseStatus.FOLLOW_UP:
        raise RuleViolation(_("Hồ sơ không ở bước theo dõi thực hiện kết luận."))
    rec = unsettled(case).select_for_update(of=("self",)).filter(pk=recommendation_id).first()
    if rec is None:
        raise RuleViolation(_("Kiến nghị đã chọn không thuộc hồ sơ hoặc đã hoàn thành."))
    reason = reason.strip()
    if not reason:
        raise RuleViolation(_("Cần ghi rõ lý do."))
    tracking, _created = RequirementTracking.objects.select_for_update().get_or_create(recommendation=rec)
    today = timezone.localdate()
    if decision == "unmet":
        tracking.unmet_on, tracking.unmet_reason, tracking.assessed_by = today, reason, actor
        tracking.save(update_fields=["unmet_on", "unmet_reason", "assessed_by"])
        journal.append(
            case=case,
            actor=actor,
            action="requirement.unmet",
            payload={"id": rec.pk, "text": rec.text, "due_on": rec.due_on, "unmet_on": today, "reason": reason},
        )
        return rec
    if new_due_on is None or new_due_on <= today:
        raise RuleViolation(_("Thời hạn mới phải sau ngày hôm nay."))
    before = rec.due_on
    rec.due_on = new_due_on
    rec.save(update_fields=["due_on"])
    tracking.escalated_at = None
    tracking.save(update_fields=["escalated_at"])
    journal.append(
        case=case,
        actor=actor,
        action="requirement.extended",
        payload={"id": rec.pk, "text": rec.text, "due_on": {"before": before, "after": new_due_on}, "reason": reason},
    )
    return rec


def _overdue(on: datetime.date):
    """Requirements past due on `on`, still followed, not yet escalated."""
    return (
        Recommendation.objects.filter(
            conclusion__status=ReviewStatus.ACCEPTED,
            status=Recommendation.Status.OPEN,
            due_on__lt=on,
            case__status=CaseStatus.FOLLOW_UP,
        )
        .filter(Q(tracking__isnull=True) | Q(tracking__escalated_at__isnull=True, tracking__unmet_on__isnull=True))
        .order_by("case_id", "due_on", "pk")
    )


@dataclass(frozen=True)
class Escalation:
    case: Case
    items: list[Recommendation]


def overdue_escalate(*, on: datetime.date | None = None) -> list[Escalation]:
    """Flag every requirement past its due date and bring it to the case's approvers, once
    (domain.md §7.11: the body tracks remediation and escalates). Idempotent: a requirement
    already escalated is not escalated again until a new deadline is given. Each case is
    escalated in its own transaction, so one case's failure does not hold back the others."""
    on = on or timezone.localdate()
    case_ids = list(_overdue(on).values_list("case_id", flat=True).distinct())
    escalations = []
    for case_id in sorted(set(case_ids)):
        escalation = _escalate_case(case_id=case_id, on=on)
        if escalation is not None:
            escalations.append(escalation)
    return escalations


@transaction.atomic
def _escalate_case(*, case_id: int, on: datetime.date) -> Escalation | None:
    # The case row lock orders this against a concurrent run and the team's follow-up.
    case = Case.objects.select_for_update().get(pk=case_id)
    items = list(_overdue(on).filter(case=case))
    if not items:
        return None
    now = timezone.now()
    for rec in items:
        tracking, _created = RequirementTracking.objects.get_or_create(recommendation=rec)
        tracking.escalated_at = now
        tracking.save(update_fields=["escalated_at"])
    approvers = sorted(
        CaseRole.objects.filter(case=case, role=CaseRole.Role.APPROVER, revoked_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )
    journal.append(
        case=case,
        actor=None,
        action="follow_up.overdue",
        payload={
            "on": on,
            "items": [{"id": r.pk, "text": r.text, "due_on": r.due_on} for r in items],
            "approvers": approvers,
        },
    )
    # The approvers and the team leader hear of it (issue 11 point 2); the notice names the
    # case and the count, not the requirements' text.
    notified = CaseRole.objects.filter(
        case=case, role__in=[CaseRole.Role.APPROVER, CaseRole.Role.LEADER], revoked_at__isnull=True
    ).select_related("user")
    notifications.notify(
        recipients=[role.user for role in notified],
        kind=NotificationKind.FOLLOW_UP,
        text=_("Hồ sơ %(number)s: %(n)d yêu cầu, kiến nghị đã quá hạn mà chưa được thực hiện xong.")
        % {"number": case.number, "n": len(items)},
        key=f"follow_up_overdue:{case.pk}:{on.isoformat()}",
        url=reverse("cases:detail", args=[case.pk]),
        case=case,
    )
    return Escalation(case=case, items=items)
