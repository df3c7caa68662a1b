"""The workflow half of kind A's spec (inspections/kinds/planned_inspection.py holds the other half)."""

from inspections.models import CaseKind
from inspections.services.cases import case_open
from workflow.case_forms import OpenCaseForm
from workflow.kinds.planned_inspection.flow import PlannedInspectionFlow
from workflow.kinds.registry import FlowSpec

SPEC = FlowSpec(
    kind=CaseKind.PLANNED_INSPECTION,
    flow=PlannedInspectionFlow,
    start_form=OpenCaseForm,
    start_service=case_open,
    icon="fact_check",
    menu_order=1,
)
