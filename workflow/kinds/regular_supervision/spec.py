"""The workflow half of kind C1's spec (inspections/kinds/regular_supervision.py holds the other half)."""

from inspections.models import CaseKind
from inspections.services.regular_supervision import log_open
from workflow.kinds.registry import FlowSpec
from workflow.kinds.regular_supervision.forms import LogOpenForm
from workflow.kinds.regular_supervision.views import log_panel

SPEC = FlowSpec(
    kind=CaseKind.REGULAR_SUPERVISION,
    flow=None,  # a continuous log: no process (workflow/supervision_urls.py)
    start_form=LogOpenForm,
    start_service=log_open,
    panel=log_panel,
)
