"""One answer per question (issue 8 point 9): `access.refusal` says whether a person may do
something on a case and, if not, why — a machine code and the message they read. Each code
is shown with one person refused and another allowed, through the same one call; and the
selectors access reads from never reach back up to access."""

import ast
import datetime
import pathlib

import pytest

from inspections import access
from inspections.exceptions import AccessDenied, RuleViolation
from inspections.models import Ballot, CaseRole, StepSeparation
from inspections.selectors.discipline import RosterEntry
from inspections.services.ballots import BallotOption, ballot_cast, ballot_close, ballot_open
from inspections.services.discipline import discipline_open
from inspections.services.teams import conflict_declare
from tests.factories.people import KinshipFactory

pytestmark = pytest.mark.django_db

Code = access.Code
OPTIONS = [BallotOption("warning", "Cảnh cáo", Ballot.Purpose.DECIDE, ("decide",))]


@pytest.fixture
def discipline_case(world):
    return discipline_open(
        actor=world.staff,
        committee=world.committee,
        title="Xem xét kỷ luật",
        grounds="Kết luận kiểm tra",
        subject_member=world.subject_member,
        violation="Vi phạm",
        violation_start=datetime.date.today() - datetime.timedelta(days=100),
        body_organisation=world.cell,
        leader=world.leader,
        members=[world.member2],
    )


def _open_ballot(world, case, present):
    return ballot_open(
        actor=world.chair,
        case=case,
        body_label="Chi bộ thôn Đông",
        body_kind="cell",
        options=OPTIONS,
        roster=[RosterEntry(key=f"u{u.pk}", name=str(u), user_id=u.pk) for u in present]
        + [RosterEntry(key=f"x{i}", name=f"Thành viên {i}") for i in range(6 - len(present))],
        present=present,
        rules_on=datetime.date.today(),
    )


def _code(user, action, case, **context):
    found = access.refusal(user, action, case, **context)
    return found.code if found else None


def test_refusal_role_for_who_holds_no_role_and_none_for_who_does(world, open_case):
    case = open_case()

    found = access.refusal(world.outsider, "view", case)
    assert found.code == Code.ROLE and found.forbidden
    assert found.message == "Bạn không có quyền thực hiện bước này của hồ sơ."
    assert _code(world.leader, "approve", case) == Code.ROLE
    assert _code(None, "view", case) == Code.ROLE
    assert access.refusal(world.chair, "approve", case) is None
    assert access.refusal(world.auditor, "view", case) is None
    # can() is the boolean shortcut of the same answer.
    for user in (world.outsider, world.leader, world.chair, world.auditor):
        for action in ("view", "work", "approve"):
            assert access.can(user, action, case) == (access.refusal(user, action, case) is None)


def test_refusal_declaration_pending_until_the_member_declares(world, open_case):
    case = open_case(declare=False)

    found = access.refusal(world.leader, "work", case)
    assert found.code == Code.DECLARATION_PENDING and found.forbidden
    assert "khai báo về xung đột lợi ích" in found.message
    assert _code(world.member2, "view", case) == Code.DECLARATION_PENDING
    assert access.refusal(world.staff, "work", case) is None  # the drafter owes no declaration
    # A candidate judged by the role to be given is not stopped by the declaration.
    assert access.refusal(world.leader, "lead", case, as_roles=(CaseRole.Role.LEADER,)) is None
    conflict_declare(actor=world.leader, case=case, has_conflict=False)
    assert access.refusal(world.leader, "work", case) is None


def test_refusal_four_eyes_for_the_author_only(world, open_case):
    case = open_case()
    own = "Người dự thảo quyết định không được tự ký quyết định."

    found = access.refusal(world.chair, "approve", case, author=world.chair, own_work=own)
    assert found == access.Refusal(Code.FOUR_EYES, own) and not found.forbidden
    assert _code(world.chair, "approve", case, author=world.chair) == Code.FOUR_EYES
    assert access.refusal(world.chair, "approve", case, author=world.staff, own_work=own) is None
    # The role comes first: someone without it is refused for the role, not for authorship.
    assert _code(world.staff, "approve", case, author=world.staff) == Code.ROLE
    with pytest.raises(RuleViolation, match="không được tự ký"):
        access.require(world.chair, "approve", case, author=world.chair, own_work=own)


def test_refusal_separation_on_a_step_the_role_is_excluded_from(world, open_case):
    case = open_case()

    found = access.refusal(world.leader, "work", case, step="review_team_report")
    assert found.code == Code.SEPARATION and not found.forbidden
    assert "Trưởng đoàn" in found.message and "không tự duyệt báo cáo" in found.message
    assert _code(world.member2, "work", case, step="review_team_report") == Code.SEPARATION
    assert access.refusal(world.leader, "work", case, step="verify") is None
    assert access.refusal(world.chair, "approve", case, step="review_team_report") is None
    # Without a step only the role is asked about.
    assert access.refusal(world.leader, "work", case) is None
    with pytest.raises(AccessDenied):
        access.require(world.outsider, "work", case, step="review_team_report")
    with pytest.raises(RuleViolation):
        access.require(world.leader, "work", case, step="review_team_report")


def test_refusal_conflict_of_interest_on_a_step(world, discipline_case):
    KinshipFactory(member=world.relative_member, relative=world.subject_member, relation="sibling")
    voter = (CaseRole.Role.VOTER,)

    found = access.refusal(world.relative, "vote", discipline_case, step=access.VOTE_STEP, as_roles=voter)
    assert found.code == Code.CONFLICT and "quan hệ gia đình" in found.message
    assert _code(world.subject, "vote", discipline_case, step=access.VOTE_STEP, as_roles=voter) == Code.CONFLICT
    assert access.refusal(world.cellmate, "vote", discipline_case, step=access.VOTE_STEP, as_roles=voter) is None
    # The team votes: E/vote ships switched off (issue 9 point 1, domain.md §11b.2).
    assert access.refusal(world.leader, "vote", discipline_case, step=access.VOTE_STEP, as_roles=voter) is None
    # Switched on by an administrator, separation keeps the team off the vote, weighed
    # before conflicts.
    StepSeparation.objects.filter(kind="E", step="vote", excluded_role="leader").update(is_active=True)
    assert _code(world.leader, "vote", discipline_case, step=access.VOTE_STEP, as_roles=voter) == Code.SEPARATION


def test_refusal_the_subject_votes_as_a_member_of_the_cell_only(world, discipline_case):
    """The subject's provisional rows (issue 9 point 1): a member of the cell votes there;
    before any other body, and on any other step, the subject is a conflict."""
    voter = (CaseRole.Role.VOTER,)
    vote = {"step": access.VOTE_STEP, "as_roles": voter}
    assert access.refusal(world.subject, "vote", discipline_case, body_kind="cell", **vote) is None
    assert _code(world.subject, "vote", discipline_case, body_kind="grassroots.inspection", **vote) == Code.CONFLICT
    assert _code(world.subject, "work", discipline_case, step="verify", as_roles=(CaseRole.Role.MEMBER,)) == (
        Code.CONFLICT
    )
    StepSeparation.objects.filter(kind="E", step="vote", excluded_role="subject", body_kind="cell").update(
        is_active=True
    )
    assert _code(world.subject, "vote", discipline_case, body_kind="cell", **vote) == Code.CONFLICT


def test_refusal_on_a_ballot_paper(world, discipline_case):
    first = _open_ballot(world, discipline_case, [world.cellmate])
    assert access.refusal(world.cellmate, "vote", discipline_case, ballot=first) is None
    assert _code(world.outsider, "vote", discipline_case, ballot=first) == Code.ROLE
    ballot_cast(actor=world.cellmate, ballot=first, option="warning")

    found = access.refusal(world.cellmate, "vote", discipline_case, ballot=first)
    assert found.code == Code.ALREADY_VOTED and "mỗi người chỉ bỏ một phiếu" in found.message
    first = ballot_close(actor=world.chair, ballot=first)
    # A second round gives the voter a paper again; the first ballot takes none.
    second = _open_ballot(world, discipline_case, [world.cellmate])
    found = access.refusal(world.cellmate, "vote", discipline_case, ballot=first)
    assert found == access.Refusal(Code.BALLOT_CLOSED, "Cuộc bỏ phiếu đã kết thúc.")
    assert access.refusal(world.cellmate, "vote", discipline_case, ballot=second) is None
    with pytest.raises(RuleViolation, match="đã kết thúc"):
        ballot_cast(actor=world.cellmate, ballot=first, option="warning")


def _imports_access(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("inspections.access"):
                return True
            if node.module == "inspections" and any(alias.name == "access" for alias in node.names):
                return True
        if isinstance(node, ast.Import) and any(a.name.startswith("inspections.access") for a in node.names):
            return True
    return False


def _selector_imports(tree: ast.Module) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("inspections.selectors."):
            found.add(node.module.removeprefix("inspections.selectors."))
        if isinstance(node, ast.ImportFrom) and node.module == "inspections.selectors":
            found |= {alias.name for alias in node.names}
    return found


def test_selectors_access_reads_from_never_import_access():
    """Selectors read, access decides: every selector the access package reads facts from
    (and every selector those read in turn) imports nothing of inspections.access."""
    root = pathlib.Path(access.__file__).parent.parent
    trees = {path.stem: ast.parse(path.read_text()) for path in (root / "selectors").glob("*.py")}
    pending = set().union(*(_selector_imports(ast.parse(p.read_text())) for p in (root / "access").glob("*.py")))
    assert "conflicts" in pending
    seen = set()
    while pending:
        name = pending.pop()
        seen.add(name)
        assert not _imports_access(trees[name]), f"inspections.selectors.{name} imports inspections.access"
        pending |= _selector_imports(trees[name]) - seen
    # And no selector weighs refusals itself: that answer is access.refusal's alone.
    for name, tree in trees.items():
        called = {
            n.attr
            for n in ast.walk(tree)
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "access"
        }
        assert not called & {"refusal", "require"}, name
        defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert not {"vote_refusal", "vote_exclusion", "separation_refusal"} & defined, name
