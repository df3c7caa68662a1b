"""The kinds' specs (inspections/kinds/) agree with the enums and the rule book they name."""

from inspections import rulebook
from inspections.deadlines import CASE_LIMITS
from inspections.kinds.registry import registry
from inspections.kinds.spec import SHARED_DOCUMENT_KINDS
from inspections.models import CaseKind, CaseStatus, DocumentKind
from workflow.kinds.registry import registry as flows


def test_every_case_kind_has_both_specs():
    assert {spec.code for spec in registry} == set(CaseKind.values)
    assert {spec.kind for spec in flows} == set(CaseKind.values)


def test_kind_pipelines_use_known_statuses_and_end_somewhere():
    for spec in registry:
        assert set(spec.pipeline) <= set(CaseStatus.values), spec.code
        assert any(registry.is_final(spec.code, status) for status in spec.pipeline), spec.code


def test_every_rule_book_time_limit_belongs_to_its_kind():
    # "<kind>.<what>" codes belong to one kind; a code without a kind ("archive") is shared.
    codes = {code for code in rulebook.DEFAULT_TIME_LIMITS if "." in code}
    owners = {code: [spec.code for spec in registry if code in spec.time_limits] for code in codes}
    assert all(len(kinds) == 1 for kinds in owners.values()), owners
    assert all(code.split(".")[0] == kinds[0] for code, kinds in owners.items())
    assert {code for spec in registry for code in spec.time_limits} == codes


def test_case_limits_read_the_specs():
    assert CASE_LIMITS[CaseKind.DENUNCIATION] == "D.resolve"
    assert CaseKind.DISCIPLINE not in CASE_LIMITS
    assert CaseKind.REGULAR_SUPERVISION not in CASE_LIMITS


def test_every_document_kind_is_declared_by_a_kind_or_shared():
    declared = set(SHARED_DOCUMENT_KINDS) | {kind for spec in registry for kind in spec.document_kinds}
    assert declared == set(DocumentKind.values)


def test_may_open_names_kinds_with_a_spawnable_flow():
    for spec in registry:
        for kind in spec.may_open:
            assert flows.get(kind).spawnable, (spec.code, kind)
