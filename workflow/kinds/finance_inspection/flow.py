"""Party-finance inspection (kiểm tra tài chính đảng), domain.md §5(G).

The area officer proposes the inspection of a party organisation's finance: the content
picked from the checklist (revenue, spending, party dues, accounting and periodic
settlement, assets), the plan and the team. The steps shared with B and H follow
(ThreePhaseSteps): the subject's self-inspection report, a finding per content item, the
managing organisation's review meeting, the result report, the committee's conclusion (a
violation reaching discipline may take the merged inspection and discipline path), the
notice and the follow-up.
"""

from django.utils.translation import gettext_lazy as _

from inspections.models import CaseKind
from workflow.kinds.base import CaseFlow
from workflow.steps.three_phase.flow import ThreePhaseSteps, proposal_start
from workflow.steps.three_phase.forms import ChecklistProposalForm


class FinanceInspectionFlow(ThreePhaseSteps, CaseFlow):
    process_title = _("Kiểm tra tài chính đảng")
    process_description = _("Kiểm tra việc quản lý tài chính, tài sản, thu, nộp và sử dụng đảng phí của tổ chức đảng.")

    open_case = proposal_start(CaseKind.FINANCE_INSPECTION, _("Đề xuất kiểm tra tài chính đảng"), ChecklistProposalForm)
