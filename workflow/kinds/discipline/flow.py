"""Discipline (xem xét, thi hành kỷ luật), domain.md §5(E), §6.

Committee staff open the case: the member or organisation, the grounds, the violation and
its period, the statute category, the body that will consider it, and the team that
guides the self-criticism and verifies. (A case spawned from a denunciation or an
inspection starts with the staff completing that set-up; when the subject admitted and
self-proposed a form during the inspection, the self-criticism is already done.)

The team receives the member's self-criticism with the form they propose for themselves,
or records that the member refuses or is detained and proceeds without it; or the case is
deferred on a ground of the rule table (pregnancy, maternity leave or a child under 12
months, a father raising the child alone, serious illness, a member declared missing —
whose violation is concluded first) until staff resume it; a deceased member's case ends
without discipline unless the body finds the violation especially serious (issue 9 point
7). Before the vote an exemption ground may be recorded on the case page; at the meeting
the body may then exempt the member, which ends the case. The
team leader reports, proposing a form (for an organisation, naming the head's and members'
responsibility). The chair holds the meeting: attendance, then a secret ballot of the
body's members present (never the team). The chair closes the ballot: no form reaching
its threshold ends the case; a form beyond the body's authority is proposed to the
competent body, which meets and votes again; a form within authority is checked against
the statute of limitations (run out: the case ends without discipline). The chair signs
the decision; it is announced (a refusal to receive it is noted) and takes effect, the
record is written, and the 5-day proposal to state or organisation bodies is sent or
recorded as not applicable. The case closes; the record ends by itself a year later
(`manage.py expire_discipline`).
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from inspections import access
from inspections.models import CaseKind, CaseStatus, DisciplineCase
from inspections.selectors import discipline as selectors
from workflow.kinds.base import CaseFlow
from workflow.kinds.discipline import views
from workflow.nodes import CaseEnd, CaseIf, CaseTask, case_of
from workflow.steps.ballot.flow import ballot_steps


class DisciplineFlow(CaseFlow):
    process_title = _("Thi hành kỷ luật")
    process_description = _("Xem xét, thi hành kỷ luật đảng viên, tổ chức đảng vi phạm.")

    open_case = (
        flow.Start(views.OpenDisciplineView.as_view())
        .Annotation(title=_("Lập hồ sơ xem xét kỷ luật"))
        .Available(access.opener_of(CaseKind.DISCIPLINE))
        .Next(this.needs_self_criticism)
    )
    spawned = flow.StartHandle(this.attach_case).Next(this.complete_setup)
    complete_setup = (
        CaseTask(
            views.SetupView.as_view(),
            action="work",
            auto_assign=False,
            status=(CaseStatus.SELF_CRITICISM, CaseStatus.VERIFYING),
        )
        .Annotation(title=_("Hoàn tất hồ sơ kỷ luật: vi phạm, cơ quan xem xét, đoàn"))
        .Next(this.needs_self_criticism)
    )
    needs_self_criticism = (
        CaseIf(this.self_criticism_pending)
        .Annotation(title=_("Cần kiểm điểm?"))
        .Then(this.self_criticism)
        .Else(this.write_report)
    )
    self_criticism = (
        CaseTask(
            views.SelfCriticismView.as_view(),
            action="work",
            auto_assign=False,
            status=(CaseStatus.VERIFYING, CaseStatus.SUSPENDED, CaseStatus.CLOSED),
        )
        .Annotation(title=_("Kiểm điểm, tự nhận hình thức kỷ luật"))
        .Next(this.deferred_at_self_criticism)
    )
    deferred_at_self_criticism = (
        CaseIf(this.suspended)
        .Annotation(title=_("Tạm hoãn xem xét?"))
        .Then(this.resume)
        .Else(this.concluded_at_self_criticism)
    )
    concluded_at_self_criticism = (
        CaseIf(this.closed)
        .Annotation(title=_("Đảng viên từ trần: kết thúc, không kỷ luật?"))
        .Then(this.end)
        .Else(this.write_report)
    )
    resume = (
        CaseTask(
            views.ResumeView.as_view(),
            action="work",
            auto_assign=False,
            status=(CaseStatus.SELF_CRITICISM, CaseStatus.REPORTED, CaseStatus.PROPOSED),
        )
        .Annotation(title=_("Tiếp tục xem xét sau tạm hoãn"))
        .Next(this.resumes_where)
    )
    resumes_where = (
        CaseIf(this.back_to_meeting)
        .Annotation(title=_("Tiếp tục ở bước họp xem xét?"))
        .Then(this.meeting)
        .Else(this.self_criticism)
    )
    write_report = (
        CaseTask(views.ReportView.as_view(), action="lead", status=CaseStatus.REPORTED)
        .Annotation(title=_("Báo cáo đề nghị thi hành kỷ luật"))
        .Next(this.meeting)
    )
    meeting, close_ballot = ballot_steps(
        views.MeetingView.as_view(),
        views.CloseBallotView.as_view(),
        meeting_title=_("Họp xem xét, mở bỏ phiếu kín"),
        close_title=_("Kết thúc bỏ phiếu, kiểm phiếu"),
        meeting_status=(CaseStatus.VOTING, CaseStatus.SUSPENDED, CaseStatus.CLOSED),
        after_meeting=this.deferred_at_meeting,
        close_status=(CaseStatus.VOTED, CaseStatus.PROPOSED, CaseStatus.CLOSED),
        after_close=this.is_proposed,
    )
    deferred_at_meeting = (
        CaseIf(this.suspended)
        .Annotation(title=_("Tạm hoãn xem xét?"))
        .Then(this.resume)
        .Else(this.concluded_at_meeting)
    )
    concluded_at_meeting = (
        CaseIf(this.closed)
        .Annotation(title=_("Kết thúc không kỷ luật (từ trần, miễn kỷ luật)?"))
        .Then(this.end)
        .Else(this.close_ballot)
    )
    is_proposed = (
        CaseIf(this.proposed)
        .Annotation(title=_("Vượt thẩm quyền: đề nghị cấp trên?"))
        .Then(this.propose)
        .Else(this.is_decided)
    )
    propose = (
        CaseTask(views.ProposalView.as_view(), action="work", auto_assign=False, status=CaseStatus.PROPOSED)
        .Annotation(title=_("Đề nghị cấp có thẩm quyền xem xét, quyết định"))
        .Next(this.meeting)
    )
    is_decided = (
        CaseIf(this.decided)
        .Annotation(title=_("Đã biểu quyết thi hành kỷ luật (còn thời hiệu)?"))
        .Then(this.sign_decision)
        .Else(this.end)
    )
    sign_decision = (
        CaseTask(views.DecisionView.as_view(), action="approve", status=CaseStatus.DECIDED)
        .Annotation(title=_("Ký quyết định thi hành kỷ luật"))
        .Next(this.announce)
    )
    announce = (
        CaseTask(views.AnnounceView.as_view(), action="work", auto_assign=False, status=CaseStatus.ANNOUNCED)
        .Annotation(title=_("Công bố quyết định kỷ luật"))
        .Next(this.state_proposal)
    )
    state_proposal = (
        CaseTask(views.StateProposalView.as_view(), action="work", auto_assign=False, status=CaseStatus.CLOSED)
        .Annotation(title=_("Đề nghị xử lý hành chính, đoàn thể (trong 5 ngày)"))
        .Next(this.end)
    )
    end = CaseEnd().Annotation(title=_("Kết thúc"))

    def self_criticism_pending(self, activation):
        return selectors.needs_self_criticism(case_of(activation.process))

    def suspended(self, activation):
        return selectors.is_suspended(case_of(activation.process))

    def closed(self, activation):
        return selectors.is_closed(case_of(activation.process))

    def back_to_meeting(self, activation):
        return selectors.resumes_at_meeting(case_of(activation.process))

    def proposed(self, activation):
        return selectors.outcome_is(case_of(activation.process), DisciplineCase.Outcome.PROPOSED)

    def decided(self, activation):
        return selectors.outcome_is(case_of(activation.process), DisciplineCase.Outcome.DECIDED)
