"""Demo cases of every kind besides A, each waiting at a meaningful step in a demo inbox.

Every case is built the way people build it in the browser: a test client signs in as the
demo user whose step it is and posts the step's form to the real view (the start view, the
task views, the log and ballot pages), so the services, the access checks, the journal and
the viewflow tasks are exactly those of real use. Nothing is written behind their back.

`build_demo_cases(demo)` is idempotent: a kind whose demo case (recognised by its title, or
for D by its register number) already exists is skipped. Dates are relative to today, so
the demo's clocks are always fresh.

One module per kind family (three_phase, supervision, denunciation, discipline), on the
helpers of base; cell holds the B case a cell opens on its own member (issue 9 point 9).
"""

from django.conf import settings
from django.test import override_settings

from inspections.models import Case, CaseKind
from workflow.demo_cases.base import (
    CELL_SIGNS_TITLE,
    DENUNCIATION_REGISTER,
    RECORD_TITLE,
    TITLES,
    Browser,
    DemoStepFailed,
    open_task,
)
from workflow.demo_cases.cell import build_cell_signs_inspection
from workflow.demo_cases.denunciation import build_denunciation
from workflow.demo_cases.discipline import build_discipline, build_discipline_complaint
from workflow.demo_cases.supervision import build_supervision_log, build_thematic_supervision
from workflow.demo_cases.three_phase import (
    build_finance_inspection,
    build_lower_body_inspection,
    build_signs_inspection,
)

__all__ = ["CELL_SIGNS_TITLE", "RECORD_TITLE", "DemoStepFailed", "build_demo_cases", "demo_case", "open_task"]


def build_demo_cases(demo: dict) -> list[Case]:
    """Build the missing demo cases; return the cases created now."""
    browser = Browser()
    builders = [
        (CaseKind.SIGNS_INSPECTION, build_signs_inspection),
        (CaseKind.REGULAR_SUPERVISION, build_supervision_log),
        (CaseKind.THEMATIC_SUPERVISION, build_thematic_supervision),
        (CaseKind.DENUNCIATION, build_denunciation),
        (CaseKind.DISCIPLINE, build_discipline),
        (CaseKind.DISCIPLINE_COMPLAINT, build_discipline_complaint),
        (CaseKind.FINANCE_INSPECTION, build_finance_inspection),
        (CaseKind.LOWER_BODY_INSPECTION, build_lower_body_inspection),
    ]
    created = []
    # The builder signs in with force_login on the users' behalf, not with their password
    # and token; the two-factor gate guards real sign-ins and stays on for them.
    # The test client's host name is allowed for these in-process requests only.
    with override_settings(KIEMTRA_OTP_REQUIRED=False, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        for kind, build in builders:
            if demo_case(kind) is None:
                created.append(build(browser, demo))
        if demo.get("cell_body") is not None and not Case.objects.filter(title=CELL_SIGNS_TITLE).exists():
            created.append(build_cell_signs_inspection(browser, demo))
    return created


def demo_case(kind) -> Case | None:
    """The demo case of `kind`, if it was built already."""
    cases = Case.objects.filter(kind=kind)
    if kind == CaseKind.DENUNCIATION:
        cases = cases.filter(denunciation__register_number=DENUNCIATION_REGISTER)
    elif kind == CaseKind.DISCIPLINE_COMPLAINT:
        cases = cases.filter(complaint__record__case__title=RECORD_TITLE)
    else:
        cases = cases.filter(title=TITLES[kind])
    return cases.order_by("pk").first()
