"""The workflow half of kind C2's spec (inspections/kinds/thematic_supervision.py holds the other half)."""

from inspections.models import CaseKind
from inspections.services.thematic_supervision import thematic_open
from workflow.kinds.registry import FlowSpec
from workflow.kinds.thematic_supervision.flow import ThematicSupervisionFlow
from workflow.kinds.thematic_supervision.forms import OpenThematicForm
from workflow.kinds.thematic_supervision.views import thematic_panel

SPEC = FlowSpec(
    kind=CaseKind.THEMATIC_SUPERVISION,
    flow=ThematicSupervisionFlow,
    start_form=OpenThematicForm,
    start_service=thematic_open,
    icon="travel_explore",
    menu_order=5,
    panel=thematic_panel,
)
