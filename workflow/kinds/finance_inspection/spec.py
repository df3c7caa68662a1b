"""The workflow half of kind G's spec (inspections/kinds/finance_inspection.py holds the other half)."""

from inspections.models import CaseKind
from inspections.services.proposals import inspection_propose
from workflow.kinds.finance_inspection.flow import FinanceInspectionFlow
from workflow.kinds.registry import FlowSpec
from workflow.steps.three_phase.forms import ChecklistProposalForm
from workflow.steps.three_phase.views import three_phase_panel

SPEC = FlowSpec(
    kind=CaseKind.FINANCE_INSPECTION,
    flow=FinanceInspectionFlow,
    start_form=ChecklistProposalForm,
    start_service=inspection_propose,
    icon="account_balance",
    menu_order=3,
    panel=three_phase_panel,
)
