"""The workflow half of kind H's spec (inspections/kinds/lower_body_inspection.py holds the other half)."""

from inspections.models import CaseKind
from inspections.services.proposals import inspection_propose
from workflow.kinds.lower_body_inspection.flow import LowerBodyInspectionFlow
from workflow.kinds.registry import FlowSpec
from workflow.steps.three_phase.forms import ChecklistProposalForm
from workflow.steps.three_phase.views import three_phase_panel

SPEC = FlowSpec(
    kind=CaseKind.LOWER_BODY_INSPECTION,
    flow=LowerBodyInspectionFlow,
    start_form=ChecklistProposalForm,
    start_service=inspection_propose,
    icon="rule",
    menu_order=4,
    panel=three_phase_panel,
)
