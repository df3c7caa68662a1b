"""The step services several kinds share (inspections/services/steps): the team report and
its review, and closing a case. The kinds' own tests walk them through every kind; these
pin what the steps promise the kind services that call them."""

import pytest
from django.db import transaction
from django.utils import timezone

from inspections import journal
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import CaseStatus, DocumentKind, Finding, ReviewStatus, TeamReport
from inspections.services.cases import decision_sign
from inspections.services.inspection_steps import notice_record, self_report_receive, verification_record
from inspections.services.steps.closing import case_close
from inspections.services.steps.report_review import team_report_add, team_report_decide


@pytest.fixture
def verifying_case(world, open_case, pdf):
    today = timezone.localdate()
    case = open_case()
    decision_sign(actor=world.chair, case=case)
    notice_record(actor=world.leader, case=case, sent_on=today)
    self_report_receive(actor=world.member2, case=case, received_on=today, upload=pdf("tu-kiem-tra.pdf"))
    verification_record(actor=world.member2, case=case, findings=[(Finding.Assessment.SHORTCOMING, "Chưa đều")])
    return case


def _add(world, case, pdf=None, **extra):
    with transaction.atomic():
        return team_report_add(
            actor=world.leader,
            case=case,
            text="Báo cáo",
            upload=pdf,
            document_kind=DocumentKind.TEAM_REPORT,
            document_title="Báo cáo lần %(n)s",
            **extra,
        )


def test_team_report_add_numbers_versions_and_journals_the_kind_payload(world, verifying_case, pdf):
    first = _add(world, verifying_case, pdf("bao-cao.pdf"), payload={"discussed_on": "2025-01-02"})
    assert (first.version, verifying_case.status) == (1, CaseStatus.REPORTED)
    assert verifying_case.documents.get(kind=DocumentKind.TEAM_REPORT).title == "Báo cáo lần 1"
    entry = verifying_case.journal.filter(action="team_report.submitted").get()
    assert journal.decoded(entry) == {"version": 1, "text": "Báo cáo", "discussed_on": "2025-01-02"}
    with transaction.atomic():
        team_report_decide(actor=world.chair, case=verifying_case, accept=False, note="Xác minh thêm")
    assert verifying_case.status == CaseStatus.VERIFYING
    second = _add(world, verifying_case, action="supervision.report_finalised")
    assert second.version == 2
    assert verifying_case.journal.filter(action="supervision.report_finalised").count() == 1


def test_team_report_decide_keeps_four_eyes_and_asks_a_reason_to_return(world, verifying_case):
    _add(world, verifying_case)
    with pytest.raises(AccessDenied), transaction.atomic():
        team_report_decide(actor=world.leader, case=verifying_case, accept=True)  # no approve right
    # An approver who submitted the report may not decide on it (four-eyes, through access).
    report = verifying_case.team_reports.get()
    TeamReport.objects.filter(pk=report.pk).update(submitted_by=world.chair)
    with pytest.raises(RuleViolation, match="không được tự duyệt"), transaction.atomic():
        team_report_decide(actor=world.chair, case=verifying_case, accept=True)
    TeamReport.objects.filter(pk=report.pk).update(submitted_by=world.leader)
    with pytest.raises(RuleViolation), transaction.atomic():
        team_report_decide(actor=world.chair, case=verifying_case, accept=False, note="  ")
    with transaction.atomic():
        report = team_report_decide(actor=world.chair, case=verifying_case, accept=True)
    assert report.status == ReviewStatus.ACCEPTED
    entry = verifying_case.journal.filter(action="team_report.accepted").get()
    assert journal.decoded(entry)["status"] == {"before": ReviewStatus.SUBMITTED, "after": ReviewStatus.ACCEPTED}


def test_case_close_refuses_a_move_the_pipeline_does_not_allow(world, verifying_case):
    with pytest.raises(RuleViolation), transaction.atomic():
        case_close(actor=world.chair, case=verifying_case)
    verifying_case.refresh_from_db()
    assert verifying_case.closed_on is None
    assert not verifying_case.journal.filter(action="case.closed").exists()
