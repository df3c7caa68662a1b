"""The inspection half of the test kind "Z": a draft decided by the chair, and that's all."""

from inspections.kinds.spec import KindSpec
from inspections.models import CaseStatus

CODE = "Z"

SPEC = KindSpec(
    code=CODE,
    title="Kiểm tra thử",
    pipeline={
        CaseStatus.DRAFT: (CaseStatus.DECIDED,),
        CaseStatus.DECIDED: (),
    },
    case_limit=None,
)
