"""The workflow half of kind F's spec (inspections/kinds/discipline_complaint.py holds the other half)."""

from inspections.models import CaseKind
from inspections.services.discipline_complaint import complaint_open
from workflow.kinds.discipline_complaint.flow import DisciplineComplaintFlow
from workflow.kinds.discipline_complaint.forms import OpenComplaintForm
from workflow.kinds.discipline_complaint.views import complaint_panel
from workflow.kinds.registry import FlowSpec

SPEC = FlowSpec(
    kind=CaseKind.DISCIPLINE_COMPLAINT,
    flow=DisciplineComplaintFlow,
    start_form=OpenComplaintForm,
    start_service=complaint_open,
    icon="gavel",
    menu_order=8,
    panel=complaint_panel,
)
