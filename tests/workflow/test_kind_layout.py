"""One home per case kind (README, Design): every kind folder under workflow/kinds/ is laid
out the same way, and no kind imports another kind's folder; what several kinds use lives
in workflow/steps/ (or workflow/case_forms.py, workflow/fields.py)."""

import ast
import importlib
from pathlib import Path

import pytest

import workflow.kinds
import workflow.steps

KINDS_DIR = Path(workflow.kinds.__file__).parent
STEPS_DIR = Path(workflow.steps.__file__).parent
KIND_FOLDERS = sorted(p.name for p in KINDS_DIR.iterdir() if (p / "__init__.py").exists())
LAYOUT = ("__init__.py", "spec.py", "flow.py", "views.py", "forms.py")


def imported_modules(source: str) -> set[str]:
    """Every module a source file imports, `from a.b import c` counted as a.b and a.b.c."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def kinds_imported(source: str) -> set[str]:
    """The kind folders (workflow.kinds.<kind>) a source file imports."""
    found = set()
    for name in imported_modules(source):
        parts = name.split(".")
        if parts[:2] == ["workflow", "kinds"] and len(parts) > 2 and parts[2] in KIND_FOLDERS:
            found.add(parts[2])
    return found


def test_the_import_finder_sees_both_import_forms():
    assert kinds_imported("from workflow.kinds.denunciation import views") == {"denunciation"}
    assert kinds_imported("from workflow.kinds import discipline") == {"discipline"}
    assert kinds_imported("import workflow.kinds.discipline.forms as f") == {"discipline"}
    assert kinds_imported("from workflow.kinds.registry import FlowSpec\nfrom workflow.steps import review") == set()


def test_all_nine_kinds_have_a_folder():
    assert len(KIND_FOLDERS) == 9, KIND_FOLDERS


@pytest.mark.parametrize("kind", KIND_FOLDERS)
def test_a_kind_imports_no_other_kind(kind):
    offenders = {}
    for path in sorted((KINDS_DIR / kind).rglob("*.py")):
        others = kinds_imported(path.read_text()) - {kind}
        if others:
            offenders[str(path.relative_to(KINDS_DIR))] = sorted(others)
    assert offenders == {}, "move what several kinds use into workflow/steps/"


def test_step_groups_import_no_kind():
    offenders = {
        str(path.relative_to(STEPS_DIR)): sorted(kinds_imported(path.read_text()))
        for path in sorted(STEPS_DIR.rglob("*.py"))
        if kinds_imported(path.read_text())
    }
    assert offenders == {}


@pytest.mark.parametrize("kind", KIND_FOLDERS)
def test_every_kind_folder_has_the_same_layout(kind):
    spec = importlib.import_module(f"workflow.kinds.{kind}.spec").SPEC
    # C1 (a continuous log) has no process and so no flow.py; every other kind has one.
    expected = {name for name in LAYOUT if name != "flow.py" or spec.flow is not None}
    present = {p.name for p in (KINDS_DIR / kind).glob("*.py")}
    assert expected <= present, sorted(expected - present)
    if spec.flow is None:
        assert "flow.py" not in present
    else:
        assert spec.flow.__module__ == f"workflow.kinds.{kind}.flow"
