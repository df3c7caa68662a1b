"""The workflow half of kind D's spec (inspections/kinds/denunciation.py holds the other half)."""

from inspections.models import CaseKind
from inspections.services.denunciations import denunciation_register
from workflow.kinds.denunciation.flow import DenunciationFlow
from workflow.kinds.denunciation.forms import IntakeForm
from workflow.kinds.denunciation.views import denunciation_panel
from workflow.kinds.registry import FlowSpec

SPEC = FlowSpec(
    kind=CaseKind.DENUNCIATION,
    flow=DenunciationFlow,
    start_form=IntakeForm,
    start_service=denunciation_register,
    icon="report",
    menu_order=6,
    panel=denunciation_panel,
)
