"""The workflow half of kind E's spec (inspections/kinds/discipline.py holds the other half)."""

from inspections.models import CaseKind
from inspections.services.discipline import discipline_open
from workflow.kinds.discipline.flow import DisciplineFlow
from workflow.kinds.discipline.forms import OpenDisciplineForm
from workflow.kinds.discipline.views import discipline_panel
from workflow.kinds.registry import FlowSpec

SPEC = FlowSpec(
    kind=CaseKind.DISCIPLINE,
    flow=DisciplineFlow,
    start_form=OpenDisciplineForm,
    start_service=discipline_open,
    icon="gavel",
    menu_order=7,
    panel=discipline_panel,
)
