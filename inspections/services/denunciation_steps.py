"""The resolution of an accepted denunciation (domain.md §5(D) "Steps", Decision 89-QĐ/TW):
working with the denouncer, the decision forming the team and the resolution plan, the
outline asking the denounced to explain, the explanatory report, verification with a
verdict on every allegation and the team's result report. The conclusion and the notices
that end the resolution are in inspections.services.denunciation_conclusion.

The team report's review, the conclusion's review and the follow-up of requirements are
the planned inspection's (inspections.services.inspection_steps / conclusions): the same
rows, the same four-eyes rules.
"""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal
from inspections.exceptions import RuleViolation
from inspections.models import (
    Allegation,
    Case,
    CaseStatus,
    Conclusion,
    DenouncerMeeting,
    Denunciation,
    DenunciationReport,
    DocumentKind,
    TeamReport,
)
from inspections.selectors.denunciations import denouncers_of
from inspections.services import conclusions, inspection_steps
from inspections.services.cases import drafter_of, team_form
from inspections.services.denunciation_confidentiality import masker
from inspections.services.denunciations import check_day, require_status
from inspections.services.documents import document_add
from inspections.services.parties import party_scan_add
from inspections.services.status import set_status
from inspections.services.steps.report_review import team_report_add


def _first_denouncer(case: Case):
    party = denouncers_of(case).first()
    if party is None:
        raise RuleViolation(_("Hồ sơ chưa ghi nhận người tố cáo."))
    party.case = case
    return party


# --- 3. Working with the denouncer ------------------------------------------------------


@transaction.atomic
def denouncer_meeting_record(
    *,
    actor,
    case: Case,
    met_on: datetime.date,
    minutes,
    identity_confirmed: bool,
    address_confirmed: bool,
    denounced_confirmed: bool,
    content_confirmed: bool,
    note: str = "",
    more_allegations: list[str] | tuple = (),
) -> DenouncerMeeting:
    """Work with the denouncer: confirm identity and address, the denounced and the content
    (domain.md §5(D) step 1). The minutes are mandatory and name the denouncer, so they
    are sealed with the denouncer party. Allegations the denouncer adds are recorded."""
    access.require(actor, "work", case)
    require_status(case, CaseStatus.DENUNCIATION_ACCEPTED, message=_("Hồ sơ không ở bước làm việc với người tố cáo."))
    den = Denunciation.objects.get(case=case)
    check_day(met_on, _("Ngày làm việc"), not_before=den.triaged_on, before_label=_("ngày xử lý đơn"))
    if minutes is None:
        raise RuleViolation(_("Biên bản làm việc với người tố cáo là bắt buộc: cần tải lên biên bản."))
    scan = party_scan_add(
        actor=actor,
        party=_first_denouncer(case),
        title=_("Biên bản làm việc với người tố cáo ngày %(day)s") % {"day": met_on.strftime("%d/%m/%Y")},
        upload=minutes,
    )
    mask = masker(case)
    meeting = DenouncerMeeting.objects.create(
        case=case,
        met_on=met_on,
        identity_confirmed=identity_confirmed,
        address_confirmed=address_confirmed,
        denounced_confirmed=denounced_confirmed,
        content_confirmed=content_confirmed,
        minutes=scan,
        note=mask(note.strip()),
        recorded_by=actor,
    )
    added = _allegations_add(actor=actor, case=case, texts=more_allegations, mask=mask)
    journal.append(
        case=case,
        actor=actor,
        action="denunciation.denouncer_met",
        payload={
            "meeting": meeting.pk,
            "met_on": met_on,
            "minutes": scan.pk,
            "confirmed": {
                "identity": identity_confirmed,
                "address": address_confirmed,
                "denounced": denounced_confirmed,
                "content": content_confirmed,
            },
            "allegations_added": added,
        },
    )
    return meeting


def _allegations_add(*, actor, case: Case, texts, mask) -> list[str]:
    """Number the allegations the denouncer adds (masked) after those already recorded."""
    texts = [mask(text.strip()) for text in texts if text and text.strip()]
    start = (Allegation.objects.filter(case=case).aggregate(m=Max("number"))["m"] or 0) + 1
    Allegation.objects.bulk_create(
        [Allegation(case=case, number=n, text=text, added_by=actor) for n, text in enumerate(texts, start)]
    )
    return texts


# --- 4. The decision forming the team, and the resolution plan -------------------------


@transaction.atomic
def resolution_decision_draft(*, actor, case: Case, leader, members=(), director=None, decision, plan=None) -> Case:
    """Staff draft the decision establishing the denunciation team and the resolution plan
    (domain.md §5(D) step 2). Conflicts of interest are refused by team_form: the
    denounced, their relatives, a denouncer or witness who is a member never sit on it."""
    access.require(actor, "work", case)
    require_status(
        case, CaseStatus.DENUNCIATION_ACCEPTED, message=_("Hồ sơ không ở bước dự thảo quyết định thành lập đoàn.")
    )
    if not DenouncerMeeting.objects.filter(case=case).exists():
        raise RuleViolation(_("Chưa làm việc với người tố cáo (biên bản bắt buộc) nên chưa thể dự thảo quyết định."))
    if decision is None:
        raise RuleViolation(_("Cần tải lên dự thảo quyết định thành lập đoàn giải quyết tố cáo."))
    members = [m for m in members if m.pk != leader.pk]
    team_form(actor=actor, case=case, leader=leader, members=members, director=director)
    set_status(case=case, actor=actor, target=CaseStatus.DRAFT)
    document_add(
        actor=actor,
        case=case,
        kind=DocumentKind.D_DECISION,
        title=_("Dự thảo quyết định thành lập đoàn"),
        upload=decision,
    )
    if plan is not None:
        document_add(
            actor=actor, case=case, kind=DocumentKind.D_PLAN, title=_("Kế hoạch giải quyết tố cáo"), upload=plan
        )
    journal.append(
        case=case,
        actor=actor,
        action="denunciation.decision_drafted",
        payload={
            "leader": leader.pk,
            "members": sorted(m.pk for m in members),
            "director": getattr(director, "pk", None),
        },
    )
    return case


@transaction.atomic
def resolution_decision_sign(*, actor, case: Case, signed_on: datetime.date) -> Case:
    """The chair signs the decision and the plan. The drafter never signs. The time limit
    is not touched: a denunciation's clock started when the letter was received."""
    # Four-eyes (design.md decision 7): access weighs the drafter with the role.
    access.require(
        actor,
        "approve",
        case,
        author=drafter_of(case),
        own_work=_("Người dự thảo quyết định không được tự ký quyết định."),
    )
    require_status(case, CaseStatus.DRAFT, message=_("Không có dự thảo quyết định nào đang chờ ký."))
    den = Denunciation.objects.get(case=case)
    check_day(signed_on, _("Ngày ký"), not_before=den.triaged_on, before_label=_("ngày xử lý đơn"))
    set_status(case=case, actor=actor, target=CaseStatus.DECIDED)
    case.decided_on = signed_on
    case.save(update_fields=["decided_on"])
    journal.append(case=case, actor=actor, action="denunciation.decision_signed", payload={"signed_on": signed_on})
    return case


# --- 5. The team ------------------------------------------------------------------------


@transaction.atomic
def outline_send(*, actor, case: Case, sent_on: datetime.date, upload) -> Case:
    """The team conveys the decision and sends the outline asking the denounced to report
    and explain (domain.md §5(D) steps 3–4)."""
    access.require(actor, "work", case)
    require_status(case, CaseStatus.DECIDED, message=_("Hồ sơ không ở bước gửi đề cương báo cáo giải trình."))
    check_day(sent_on, _("Ngày gửi"), not_before=case.decided_on, before_label=_("ngày ký quyết định"))
    if upload is None:
        raise RuleViolation(_("Cần tải lên đề cương gợi ý báo cáo giải trình."))
    set_status(case=case, actor=actor, target=CaseStatus.NOTIFIED)
    document_add(
        actor=actor, case=case, kind=DocumentKind.D_OUTLINE, title=_("Đề cương báo cáo giải trình"), upload=upload
    )
    journal.append(case=case, actor=actor, action="denunciation.outline_sent", payload={"sent_on": sent_on})
    return case


@transaction.atomic
def explanation_receive(*, actor, case: Case, received_on: datetime.date, upload) -> Case:
    """The denounced's explanatory report is received (domain.md §5(D) step 4)."""
    access.require(actor, "work", case)
    require_status(case, CaseStatus.NOTIFIED, message=_("Hồ sơ không ở bước nhận báo cáo giải trình."))
    check_day(received_on, _("Ngày nhận báo cáo"), not_before=case.decided_on, before_label=_("ngày ký quyết định"))
    if upload is None:
        raise RuleViolation(_("Cần tải lên báo cáo giải trình của người bị tố cáo."))
    set_status(case=case, actor=actor, target=CaseStatus.DENUNCIATION_EXPLAINED)
    document_add(actor=actor, case=case, kind=DocumentKind.D_EXPLANATION, title=_("Báo cáo giải trình"), upload=upload)
    journal.append(
        case=case, actor=actor, action="denunciation.explanation_received", payload={"received_on": received_on}
    )
    return case


def _verdicts_apply(*, actor, rows: dict[int, Allegation], verdicts: dict[int, tuple[str, str]], mask) -> list[dict]:
    """Record each verdict with its (masked) reasoning; returns what changed, for the journal."""
    now = timezone.now()
    changed = []
    for allegation_id, (verdict, reasoning) in sorted(verdicts.items()):
        allegation = rows.get(allegation_id)
        if allegation is None:
            raise RuleViolation(_("Nội dung tố cáo đã chọn không thuộc hồ sơ."))
        if verdict not in Allegation.Verdict.values:
            raise RuleViolation(_("Kết luận về nội dung tố cáo không hợp lệ."))
        reasoning = mask(reasoning.strip())
        if not reasoning:
            raise RuleViolation(_("Nội dung %(n)s: cần ghi căn cứ, lập luận cho kết luận.") % {"n": allegation.number})
        changed.append(
            {
                "allegation": allegation.pk,
                "number": allegation.number,
                "verdict": {"before": allegation.verdict, "after": verdict},
                "reasoning": reasoning,
            }
        )
        allegation.verdict, allegation.reasoning = verdict, reasoning
        allegation.verdict_by, allegation.verdict_at = actor, now
        allegation.save(update_fields=["verdict", "reasoning", "verdict_by", "verdict_at"])
    return changed


@transaction.atomic
def verification_record(
    *,
    actor,
    case: Case,
    verdicts: dict[int, tuple[str, str]],
    minutes=None,
    denouncer_minutes=None,
) -> list[Allegation]:
    """Verification with the denouncer and the related people, and a verdict per
    allegation: right / wrong / partly right, with its reasoning (domain.md §5(D) step 4).
    Minutes with the denouncer name them: they are sealed with the denouncer party."""
    access.require(actor, "work", case)
    status = require_status(
        case,
        CaseStatus.DENUNCIATION_EXPLAINED,
        CaseStatus.VERIFYING,
        message=_("Hồ sơ không ở bước thẩm tra, xác minh."),
    )
    if not verdicts and minutes is None and denouncer_minutes is None:
        raise RuleViolation(_("Cần ghi kết luận cho ít nhất một nội dung tố cáo hoặc tải lên biên bản xác minh."))
    rows = {a.pk: a for a in Allegation.objects.select_for_update().filter(case=case)}
    changed = _verdicts_apply(actor=actor, rows=rows, verdicts=verdicts, mask=masker(case))
    if status == CaseStatus.DENUNCIATION_EXPLAINED:
        set_status(case=case, actor=actor, target=CaseStatus.VERIFYING)
    document = scan = None
    if minutes is not None:
        document = document_add(
            actor=actor, case=case, kind=DocumentKind.MINUTES, title=_("Biên bản xác minh"), upload=minutes
        )
    if denouncer_minutes is not None:
        scan = party_scan_add(
            actor=actor,
            party=_first_denouncer(case),
            title=_("Biên bản xác minh với người tố cáo"),
            upload=denouncer_minutes,
        )
    journal.append(
        case=case,
        actor=actor,
        action="denunciation.verified",
        payload={
            "verdicts": changed,
            "minutes": getattr(document, "pk", None),
            "sealed_minutes": getattr(scan, "pk", None),
        },
    )
    return [rows[c["allegation"]] for c in changed]


@transaction.atomic
def result_report_submit(*, actor, case: Case, text: str, discussed_on: datetime.date, upload=None) -> TeamReport:
    """The team leader submits the result report, after discussing it with the denounced.
    Every allegation must have its verdict first (domain.md §5(D) step 4)."""
    access.require(actor, "lead", case)
    require_status(case, CaseStatus.VERIFYING, message=_("Hồ sơ không ở bước báo cáo kết quả xác minh."))
    text = masker(case)(text.strip())
    if not text:
        raise RuleViolation(_("Báo cáo kết quả giải quyết tố cáo không được để trống."))
    missing = list(Allegation.objects.filter(case=case, verdict="").order_by("number").values_list("number", flat=True))
    if missing:
        raise RuleViolation(
            _("Chưa kết luận đúng, sai đối với nội dung tố cáo số %(numbers)s.")
            % {"numbers": ", ".join(str(n) for n in missing)}
        )
    check_day(
        discussed_on,
        _("Ngày trao đổi với người bị tố cáo"),
        not_before=case.decided_on,
        before_label=_("ngày ký quyết định"),
    )
    report = team_report_add(
        actor=actor,
        case=case,
        text=text,
        upload=upload,
        document_kind=DocumentKind.D_REPORT,
        document_title=_("Báo cáo kết quả giải quyết tố cáo lần %(n)s"),
        payload={"discussed_on": discussed_on},
    )
    DenunciationReport.objects.create(team_report=report, discussed_on=discussed_on)
    return report


@transaction.atomic
def report_review(*, actor, case: Case, accept: bool, note: str = "") -> TeamReport:
    """The chair accepts the result report or returns it for more verification (the shared
    review: four-eyes, a reason to return), not while the clock is stopped."""
    require_status(case, CaseStatus.REPORTED, message=_("Không có báo cáo nào đang chờ xem xét."))
    return inspection_steps.team_report_review(actor=actor, case=case, accept=accept, note=masker(case)(note))


@transaction.atomic
def conclusion_review(*, actor, case: Case, approve: bool, note: str = "") -> Conclusion:
    """The chair approves the conclusion or returns it (the shared review; the drafter never
    approves), not while the clock is stopped."""
    require_status(case, CaseStatus.CONCLUDING, message=_("Không có dự thảo kết luận nào đang chờ duyệt."))
    return conclusions.conclusion_review(actor=actor, case=case, approve=approve, note=masker(case)(note))
