"""Inspection upon signs of violation (kiểm tra khi có dấu hiệu vi phạm), domain.md §5(B).

The area officer proposes the inspection to the standing body: subject, content, plan
(time markers, the team's working time), the proposed team and where the signs came from
(supervision, monitoring, letters, the press or state inspection and audit, an unmet
follow-up). A case opened from another one (a supervision, an unmet requirement, a
denunciation) starts instead with the staff completing that proposal. The chair signs the
decision and plan, and the steps shared with G and H follow (ThreePhaseSteps); here the
subject is asked for an explanatory report (báo cáo giải trình), and verification starts
when it arrives.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from inspections.models import CaseKind, CaseStatus
from workflow.kinds.base import CaseFlow
from workflow.kinds.signs_inspection import forms, views
from workflow.nodes import CaseTask
from workflow.steps.three_phase.flow import ThreePhaseSteps, proposal_start


class SignsInspectionFlow(ThreePhaseSteps, CaseFlow):
    process_title = _("Kiểm tra khi có dấu hiệu vi phạm")
    process_description = _(
        "Đề xuất kiểm tra đảng viên hoặc tổ chức đảng khi có dấu hiệu vi phạm; đoàn yêu cầu báo cáo giải trình, "
        "thẩm tra, xác minh; Ủy ban kiểm tra kết luận về vi phạm và việc xem xét kỷ luật."
    )

    open_case = proposal_start(
        CaseKind.SIGNS_INSPECTION, _("Đề xuất kiểm tra khi có dấu hiệu vi phạm"), forms.SignsProposalForm
    )
    spawned = flow.StartHandle(this.attach_case).Annotation(title=_("Lập từ hồ sơ khác")).Next(this.complete_proposal)
    complete_proposal = (
        CaseTask(views.CompleteProposalView.as_view(), action="work", auto_assign=False, status=CaseStatus.DRAFT)
        .Annotation(title=_("Hoàn thiện đề xuất kiểm tra, thành phần đoàn"))
        .Next(this.sign_decision)
    )
    receive_report = (
        CaseTask(views.ExplanationView.as_view(), action="work", auto_assign=False, status=CaseStatus.VERIFYING)
        .Annotation(title=_("Nhận báo cáo giải trình"))
        .Next(this.verify)
    )
