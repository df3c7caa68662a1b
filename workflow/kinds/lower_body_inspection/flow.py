"""Inspection of a lower party organisation's inspection, supervision and discipline work
(kiểm tra tổ chức đảng cấp dưới thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật),
domain.md §5(H).

The subject is a lower party organisation. The area officer proposes the inspection with
its content picked from the checklist (programmes issued and carried out, record quality,
letters and denunciations handled on time, discipline principles, procedure, authority,
voting and timeliness, decisions issued, announced, reported and filed, follow-up of
conclusions, statistics). The steps shared with B and G follow (ThreePhaseSteps): the
lower body's self-inspection report, a finding per content item, the result report, the
committee's conclusion, the notice and the follow-up.
"""

from django.utils.translation import gettext_lazy as _

from inspections.models import CaseKind
from workflow.kinds.base import CaseFlow
from workflow.steps.three_phase.flow import ThreePhaseSteps, proposal_start
from workflow.steps.three_phase.forms import ChecklistProposalForm


class LowerBodyInspectionFlow(ThreePhaseSteps, CaseFlow):
    process_title = _("Kiểm tra cấp dưới thực hiện nhiệm vụ kiểm tra, giám sát, kỷ luật")
    process_description = _(
        "Kiểm tra tổ chức đảng cấp dưới thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật đảng."
    )

    open_case = proposal_start(
        CaseKind.LOWER_BODY_INSPECTION, _("Đề xuất kiểm tra tổ chức đảng cấp dưới"), ChecklistProposalForm
    )
