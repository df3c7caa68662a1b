"""The workflow half of the test kind "Z"."""

from inspections.services.cases import case_create
from tests.workflow.ninth_kind.flow import NinthKindFlow
from tests.workflow.ninth_kind.kind import CODE
from workflow.case_forms import OpenCaseForm
from workflow.kinds.registry import FlowSpec

SPEC = FlowSpec(kind=CODE, flow=NinthKindFlow, start_form=OpenCaseForm, start_service=case_create, icon="science")
