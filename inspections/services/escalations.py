"""Opening the case another case's approved outcome calls for (issue 3, cross-kind links):
an inspection upon signs (B, G, H) whose conclusion requires discipline -> a discipline
case (E); a denunciation (D) whose conclusion reaches discipline -> E, or reveals other
signs -> an inspection upon signs (B). The chair (the approver of the origin case) decides;
each link is opened at most once. The view then starts the new case's flow
(workflow.spawn.start_flow_for) in the same transaction."""

from django.db import transaction
from django.utils.translation import gettext as _

from inspections import access
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import Case, CaseKind, CaseLink, CaseRole, SignsProposal
from inspections.selectors.denunciations import escalation_flags
from inspections.selectors.three_phase import discipline_grounds
from inspections.services.cases import case_spawn, drafter_of
from inspections.services.discipline import discipline_spawn
from inspections.services.regular_supervision import signs_proposal_spawn

INSPECTION_KINDS = (CaseKind.SIGNS_INSPECTION, CaseKind.FINANCE_INSPECTION, CaseKind.LOWER_BODY_INSPECTION)
SUPERVISION_KINDS = (CaseKind.REGULAR_SUPERVISION, CaseKind.THEMATIC_SUPERVISION)


def _lock_origin(actor, origin: Case, kinds) -> Case:
    # The origin row is locked so two concurrent requests cannot both open the case.
    origin = Case.objects.select_for_update().get(pk=origin.pk)
    if origin.kind not in kinds or not access.can(actor, "approve", origin):
        raise AccessDenied
    return origin


def _hand_to_staff(actor, origin: Case, case: Case) -> Case:
    """The chair decides to open the case, but the committee staff who drafted the origin
    case draft this one and complete its set-up: the chair keeps only the approver's role
    (the drafter never approves; domain.md §6 four-eyes)."""
    staff = drafter_of(origin)
    if staff.pk != actor.pk:
        access.grant_role(case=case, user=staff, role=CaseRole.Role.DRAFTER)
        access.revoke_role(case=case, user=actor, role=CaseRole.Role.DRAFTER)
    return case


def _refuse_if_linked(origin: Case, relation: str) -> None:
    if CaseLink.objects.filter(source=origin, relation=relation).exists():
        raise RuleViolation(_("Đã mở hồ sơ phát sinh này từ hồ sơ %(number)s.") % {"number": origin.number})


@transaction.atomic
def inspection_to_discipline(*, actor, origin: Case, merged: bool) -> Case:
    """The approved conclusion found a violation that requires discipline (domain.md §5(B)
    B.1 step 8): the chair opens the discipline case. When the subject admitted the
    violation and self-proposed a form, the two procedures may be merged (§5(B) "Dual
    process"): the discipline case skips the self-criticism and carries the form over."""
    origin = _lock_origin(actor, origin, INSPECTION_KINDS)
    grounds = discipline_grounds(origin)
    if grounds is None or not (grounds.violation_found and grounds.discipline_required):
        raise RuleViolation(_("Kết luận đã phê duyệt chưa xác định phải xem xét kỷ luật."))
    if merged and not grounds.merged_path:
        raise RuleViolation(_("Chỉ kết hợp quy trình khi đối tượng đã thừa nhận vi phạm và tự nhận hình thức kỷ luật."))
    _refuse_if_linked(origin, CaseLink.Relation.DISCIPLINE)
    case = discipline_spawn(
        actor=actor,
        origin=origin,
        relation=CaseLink.Relation.DISCIPLINE,
        merged=merged,
        self_proposed_form=grounds.self_proposed_form if merged else None,
        grounds=_("Kết luận kiểm tra hồ sơ %(number)s: %(content)s")
        % {"number": origin.number, "content": grounds.content},
    )
    return _hand_to_staff(actor, origin, case)


@transaction.atomic
def denunciation_to_discipline(*, actor, origin: Case) -> Case:
    """The denunciation's approved conclusion reaches the discipline threshold (domain.md
    §5(D) step 5): the chair opens the discipline case (E)."""
    origin = _lock_origin(actor, origin, (CaseKind.DENUNCIATION,))
    flags = escalation_flags(origin)
    if not flags or not flags["discipline"]:
        raise RuleViolation(_("Kết luận đã phê duyệt không đề nghị xem xét kỷ luật."))
    _refuse_if_linked(origin, CaseLink.Relation.DISCIPLINE)
    case = discipline_spawn(actor=actor, origin=origin, relation=CaseLink.Relation.DISCIPLINE)
    return _hand_to_staff(actor, origin, case)


@transaction.atomic
def denunciation_to_signs(*, actor, origin: Case, title: str, grounds: str) -> Case:
    """Other signs of violation emerged while the denunciation was verified (domain.md
    §5(D) step 5; §5(B) "where signs come from"): the chair opens an inspection upon
    signs (B)."""
    origin = _lock_origin(actor, origin, (CaseKind.DENUNCIATION,))
    flags = escalation_flags(origin)
    if not flags or not flags["other_signs"]:
        raise RuleViolation(_("Kết luận đã phê duyệt không ghi nhận dấu hiệu vi phạm khác."))
    _refuse_if_linked(origin, CaseLink.Relation.ESCALATED)
    title, grounds = title.strip(), grounds.strip()
    if not title or not grounds:
        raise RuleViolation(_("Cần ghi nội dung kiểm tra và căn cứ."))
    case = case_spawn(
        actor=actor,
        origin=origin,
        kind=CaseKind.SIGNS_INSPECTION,
        relation=CaseLink.Relation.ESCALATED,
        title=title,
        grounds=grounds,
        note=(flags["other_signs_note"] or "")[:300],
    )
    return _hand_to_staff(actor, origin, case)


@transaction.atomic
def supervision_to_signs(*, actor, origin: Case, proposal_id: int, title: str, grounds: str) -> Case:
    """A supervision (C1 log or C2) proposed an inspection upon signs (domain.md §5(C) C2
    step 6; §5(B) "where signs come from"): the chair opens it from the proposal."""
    origin = _lock_origin(actor, origin, SUPERVISION_KINDS)
    proposal = SignsProposal.objects.filter(pk=proposal_id, origin=origin).first()
    if proposal is None:
        raise RuleViolation(_("Không có đề nghị này trong hồ sơ giám sát."))
    case = signs_proposal_spawn(actor=actor, proposal=proposal, title=title, grounds=grounds)
    return _hand_to_staff(actor, origin, case)
