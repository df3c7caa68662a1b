"""The workflow half of kind B's spec (inspections/kinds/signs_inspection.py holds the other half)."""

from inspections.models import CaseKind
from inspections.services.proposals import inspection_propose
from workflow.kinds.registry import FlowSpec
from workflow.kinds.signs_inspection.flow import SignsInspectionFlow
from workflow.kinds.signs_inspection.forms import SignsProposalForm
from workflow.steps.three_phase.views import three_phase_panel

SPEC = FlowSpec(
    kind=CaseKind.SIGNS_INSPECTION,
    flow=SignsInspectionFlow,
    start_form=SignsProposalForm,
    start_service=inspection_propose,
    icon="report_problem",
    menu_order=2,
    panel=three_phase_panel,
)
