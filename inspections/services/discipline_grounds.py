"""Deferral and exemption grounds of a discipline case (issue 9 point 7; Reg. 69-QĐ/TW
Art. 2 cl. 14; HD 02-HD/TW 2021 point 1.2, kept by HD 08-HD/TW 2025; domain.md §11b.3).
The grounds are rows of inspections.models.DisciplineGround; each does what its effect
says:

- defer (pregnancy, maternity leave or a child under 12 months, a father raising the child
  alone, serious illness in hospital): not yet considered, through
  discipline_steps.discipline_defer (suspended, the clock stops, resumed where it stopped);
- missing: the violation is concluded first (the conclusion and the statute end point,
  domain.md §11b.9), then the case is deferred until the member reappears;
- deceased (`discipline_member_deceased`): the case is concluded without discipline and
  the member's status becomes deceased from the date of death, unless the body records
  that the violation is especially serious, with the reason; then it proceeds to the vote;
- exempt (`discipline_exemption_record` before the vote, then `discipline_exempt` by the
  body): the ground is recorded with its document; the body either exempts (outcome
  "exempted", the case closes) or votes a lighter form as usual with the ground on file.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import RuleViolation
from inspections.models import (
    Case,
    CaseStatus,
    DisciplineCase,
    DisciplineGround,
    DisciplineGroundRecord,
)
from inspections.services.discipline import not_future
from inspections.services.documents import document_add
from inspections.services.status import current_status, set_status
from inspections.services.steps.closing import case_close
from people.models import PartyMember
from people.selectors import IN_PARTY
from people.services.membership import membership_end

Effect = DisciplineGround.Effect

# Where a ground may be recorded (before the vote), and the action the step there needs:
# the team at the self-criticism, the chair before a meeting (as discipline_defer).
BEFORE_THE_VOTE = {
    CaseStatus.SELF_CRITICISM: "work",
    CaseStatus.REPORTED: "approve",
    CaseStatus.PROPOSED: "approve",
}
# An exemption ground may also be recorded while the team verifies and reports.
EXEMPTION_RECORDABLE = {**BEFORE_THE_VOTE, CaseStatus.VERIFYING: "work"}


def active_grounds(*effects: str):
    """The grounds in force with one of these effects, in their order (form choices)."""
    return DisciplineGround.objects.filter(is_active=True, effect__in=effects).order_by("order", "code")


def ground_get(code: str, *effects: str) -> DisciplineGround:
    ground = active_grounds(*effects).filter(code=code).first()
    if ground is None:
        raise RuleViolation(
            _("Chọn một căn cứ đang áp dụng trong danh mục căn cứ chưa xem xét, miễn, giảm kỷ luật (HD 02-HD/TW).")
        )
    return ground


def evidence_check(ground: DisciplineGround, upload) -> None:
    """The document the ground's row requires (e.g. the written objection to the
    superior's decision); refused before anything is written."""
    if upload is None and ground.evidence_required:
        raise RuleViolation(
            _("Căn cứ “%(ground)s” cần tải lên %(doc)s (%(source)s).")
            % {
                "ground": ground.label,
                "doc": ground.evidence_label or _("tài liệu chứng minh"),
                "source": ground.source,
            }
        )


def evidence_add(*, actor, case: Case, ground: DisciplineGround, upload, action: str) -> int | None:
    if upload is None:
        return None
    title = ground.evidence_label or ground.label
    return document_add(actor=actor, case=case, kind="ground_evidence", title=title, upload=upload, action=action).pk


def require_member_subject(case: Case) -> PartyMember:
    if case.subject_organisation_id or case.subject_member_id is None:
        raise RuleViolation(_("Căn cứ này chỉ áp dụng khi đối tượng là đảng viên (HD 02-HD/TW điểm 1.2)."))
    return case.subject_member


def missing_conclude(
    *, actor, case: Case, ground: DisciplineGround, declared_on: datetime.date, conclusion: str
) -> DisciplineGroundRecord:
    """A member declared missing: the violation is concluded before the case is deferred
    (domain.md §11b.3). The conclusion is the statute end point (§11b.9) unless the
    competent body concluded earlier (a spawned case keeps its origin's day). Runs inside
    discipline_defer's transaction, after its checks."""
    conclusion = conclusion.strip()
    if not conclusion:
        raise RuleViolation(
            _("Đảng viên mất tích: cần ghi kết luận về vi phạm trước khi tạm hoãn (HD 02-HD/TW điểm 1.2).")
        )
    discipline = DisciplineCase.objects.select_for_update().get(case=case)
    before = discipline.statute_end_on
    if before is None:
        discipline.statute_end_on = declared_on
        discipline.save(update_fields=["statute_end_on"])
    record = DisciplineGroundRecord.objects.create(
        case=case, ground=ground, event_on=declared_on, conclusion=conclusion, recorded_by=actor
    )
    journal.append(
        case=case,
        actor=actor,
        action="discipline.violation_concluded",
        payload={
            "ground": ground.code,
            "declared_on": declared_on,
            "conclusion": conclusion,
            "statute_end_on": {"before": before, "after": discipline.statute_end_on},
        },
    )
    return record


def _stage_check(actor, case: Case, stages: dict) -> str:
    status = current_status(case)
    if status not in stages:
        raise RuleViolation(_("Chỉ ghi nhận căn cứ này trước cuộc họp biểu quyết (khi kiểm điểm hoặc trước khi họp)."))
    access.require(actor, stages[status], case)
    return status


@transaction.atomic
def discipline_member_deceased(
    *,
    actor,
    case: Case,
    died_on: datetime.date,
    especially_serious: bool = False,
    especially_serious_reason: str = "",
    note: str = "",
    upload=None,
) -> DisciplineGroundRecord:
    """The member has died (domain.md §11b.3; HD 02-HD/TW point 1.2): the member's status
    becomes deceased from the date of death. The case is concluded with outcome "no
    discipline — deceased", unless the body records that the violation is especially
    serious, with the reason: then it proceeds to the vote (without the self-criticism)."""
    status = _stage_check(actor, case, BEFORE_THE_VOTE)
    member = require_member_subject(case)
    ground = active_grounds(Effect.DECEASED).first()
    if ground is None:
        raise RuleViolation(_("Căn cứ “đảng viên từ trần” không còn được áp dụng trong danh mục căn cứ."))
    not_future(died_on, _("Ngày từ trần"))
    if died_on < member.joined_on:
        raise RuleViolation(_("Ngày từ trần không được trước ngày vào Đảng."))
    reason = especially_serious_reason.strip()
    if especially_serious and not reason:
        raise RuleViolation(
            _("Ghi rõ lý do xác định vi phạm đặc biệt nghiêm trọng; nếu không, hồ sơ kết thúc, không kỷ luật.")
        )
    evidence_check(ground, upload)
    record = DisciplineGroundRecord.objects.create(
        case=case,
        ground=ground,
        event_on=died_on,
        note=note.strip(),
        especially_serious=especially_serious,
        especially_serious_reason=reason if especially_serious else "",
        recorded_by=actor,
    )
    membership = {}
    if member.status in IN_PARTY:
        membership = membership_end(member=member, on=died_on, status=PartyMember.Status.DECEASED)
    document = evidence_add(actor=actor, case=case, ground=ground, upload=upload, action=BEFORE_THE_VOTE[status])
    journal.append(
        case=case,
        actor=actor,
        action="discipline.member_deceased",
        payload={
            "died_on": died_on,
            "especially_serious": especially_serious,
            "reason": record.especially_serious_reason,
            "note": record.note,
            "document": document,
            "membership": membership,
        },
    )
    discipline = DisciplineCase.objects.select_for_update().get(case=case)
    if not especially_serious:
        discipline.outcome = DisciplineCase.Outcome.DECEASED
        discipline.save(update_fields=["outcome"])
        case_close(actor=actor, case=case)
    elif status == CaseStatus.SELF_CRITICISM:
        discipline.self_criticism = DisciplineCase.SelfCriticism.DECEASED
        discipline.self_criticism_on = died_on
        discipline.save(update_fields=["self_criticism", "self_criticism_on"])
        set_status(case=case, actor=actor, target=CaseStatus.VERIFYING)
    return record


@transaction.atomic
def discipline_exemption_record(*, actor, case: Case, ground: str, note: str, upload=None) -> DisciplineGroundRecord:
    """An exemption or reduction ground, recorded before the vote (domain.md §11b.3):
    innovation for the common good under KL 14-KL/TW (2021) that caused damage; having
    carried out a superior's decision after objecting to it in writing (the written
    objection uploaded). The body then exempts (`discipline_exempt`) or votes a lighter form."""
    status = _stage_check(actor, case, EXEMPTION_RECORDABLE)
    require_member_subject(case)
    row = ground_get(ground, Effect.EXEMPT)
    note = note.strip()
    if not note:
        raise RuleViolation(_("Ghi rõ sự việc làm căn cứ miễn, giảm trách nhiệm."))
    evidence_check(row, upload)
    if DisciplineGroundRecord.objects.filter(case=case, ground=row).exists():
        raise RuleViolation(_("Căn cứ này đã được ghi nhận trong hồ sơ."))
    record = DisciplineGroundRecord.objects.create(
        case=case, ground=row, event_on=timezone.localdate(), note=note, recorded_by=actor
    )
    document = evidence_add(actor=actor, case=case, ground=row, upload=upload, action=EXEMPTION_RECORDABLE[status])
    journal.append(
        case=case,
        actor=actor,
        action="discipline.exemption_ground",
        payload={"ground": row.code, "source": row.source, "note": note, "document": document},
    )
    return record


@transaction.atomic
def discipline_exempt(*, actor, case: Case, decided_on: datetime.date, note: str, upload) -> DisciplineCase:
    """The body, at its meeting, exempts the member on a recorded exemption ground
    (domain.md §11b.3): outcome "exempted", the case closes without discipline. The
    meeting's minutes are required. [I] How the body decides (a vote, its threshold) is not
    in domain.md: the minutes carry it."""
    access.require(actor, "approve", case)
    if current_status(case) not in (CaseStatus.REPORTED, CaseStatus.PROPOSED):
        raise RuleViolation(_("Chỉ quyết định miễn kỷ luật tại cuộc họp xem xét, trước khi bỏ phiếu."))
    grounds = list(
        DisciplineGroundRecord.objects.filter(case=case, ground__effect=Effect.EXEMPT).values_list(
            "ground_id", flat=True
        )
    )
    if not grounds:
        raise RuleViolation(
            _(
                "Chưa ghi nhận căn cứ miễn trách nhiệm (KL 14-KL/TW; thực hiện quyết định của cấp trên đã có ý kiến "
                "bằng văn bản): ghi nhận căn cứ trên trang hồ sơ trước, hoặc họp và bỏ phiếu."
            )
        )
    not_future(decided_on, _("Ngày họp"))
    note = note.strip()
    if not note:
        raise RuleViolation(_("Ghi rõ kết luận của cơ quan về việc miễn kỷ luật."))
    if upload is None:
        raise RuleViolation(_("Cần tải lên trích biên bản hội nghị quyết định miễn kỷ luật."))
    discipline = DisciplineCase.objects.select_for_update().get(case=case)
    if decided_on < (discipline.reported_on or case.opened_on):
        raise RuleViolation(_("Ngày họp không được trước ngày báo cáo đề nghị thi hành kỷ luật."))
    discipline.outcome = DisciplineCase.Outcome.EXEMPTED
    discipline.save(update_fields=["outcome"])
    document_add(
        actor=actor,
        case=case,
        kind="meeting_minutes",
        title=_("Trích biên bản hội nghị"),
        upload=upload,
        action="approve",
    )
    journal.append(
        case=case,
        actor=actor,
        action="discipline.exempted",
        payload={"decided_on": decided_on, "grounds": grounds, "note": note},
    )
    case_close(actor=actor, case=case)
    return discipline
