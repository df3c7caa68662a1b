"""Pure complaint rules (domain.md §5(F), §6.1), checked exhaustively with hypothesis."""

from hypothesis import given
from hypothesis import strategies as st

from inspections.rules import complaints as rules

SUBJECTS = st.sampled_from([rules.MEMBER, rules.PROBATIONARY, rules.ORGANISATION])
ALL_FORMS = ["reprimand", "warning", "dismissal", "expulsion", "dissolution", "strike_off", ""]


def test_scales_follow_the_charter():
    assert rules.forms_for(rules.MEMBER) == ("reprimand", "warning", "dismissal", "expulsion")
    assert rules.forms_for(rules.PROBATIONARY) == ("reprimand", "warning")
    assert rules.forms_for(rules.ORGANISATION) == ("reprimand", "warning", "dissolution")


@given(subject=SUBJECTS, data=st.data())
def test_increase_and_reduce_go_exactly_one_way(subject, data):
    forms = rules.forms_for(subject)
    old = data.draw(st.sampled_from(forms))
    new = data.draw(st.sampled_from(forms))
    up = rules.change_refusal(outcome="increase", old_form=old, new_form=new, subject_kind=subject)
    down = rules.change_refusal(outcome="reduce", old_form=old, new_form=new, subject_kind=subject)
    heavier = forms.index(new) > forms.index(old)
    lighter = forms.index(new) < forms.index(old)
    assert (up is None) == heavier
    assert (down is None) == lighter
    if old == new:
        assert up == "not_heavier" and down == "not_lighter"


@given(subject=SUBJECTS, old=st.sampled_from(ALL_FORMS), new=st.sampled_from(ALL_FORMS))
def test_keep_and_remove_never_take_a_new_form_and_changes_stay_on_the_scale(subject, old, new):
    for outcome in ("keep", "remove"):
        refusal = rules.change_refusal(outcome=outcome, old_form=old, new_form=new, subject_kind=subject)
        assert refusal == ("new_form_unexpected" if new else None)
    for outcome in ("increase", "reduce"):
        refusal = rules.change_refusal(outcome=outcome, old_form=old, new_form=new, subject_kind=subject)
        if not new:
            assert refusal == "new_form_missing"
        elif new not in rules.forms_for(subject):
            assert refusal == "new_form_not_allowed"
        elif old not in rules.forms_for(subject):
            assert refusal == "old_form_unranked"


def test_unknown_outcome_is_refused():
    assert rules.change_refusal(outcome="appeal", old_form="warning", new_form="", subject_kind="member")


PATHS = st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=4).map(
    lambda ids: "/" + "".join(f"{i}/" for i in ids)
)
BODY = st.sampled_from(["inspection", "standing", "executive"])
IMPOSING = st.sampled_from(["cell", "inspection", "standing", "executive"])


@given(
    imposing_kind=IMPOSING,
    imposing_path=PATHS,
    resolving_kind=BODY,
    resolving_path=PATHS,
    may_resolve=st.booleans(),
    first=st.booleans(),
)
def test_authority(imposing_kind, imposing_path, resolving_kind, resolving_path, may_resolve, first):
    refusal = rules.authority_refusal(
        imposing_kind=imposing_kind,
        imposing_path=imposing_path,
        resolving_kind=resolving_kind,
        resolving_path=resolving_path,
        resolving_level_may_resolve=may_resolve,
        first_complaint=first,
    )
    if not may_resolve:
        assert refusal == "below_grassroots"
    elif imposing_kind == "inspection" and first:
        # The organisation's own standing or executive committee, and nobody else.
        own = resolving_path == imposing_path and resolving_kind in ("standing", "executive")
        assert (refusal is None) == own
    else:
        higher = imposing_path.startswith(resolving_path) and imposing_path != resolving_path
        assert (refusal is None) == higher


def test_authority_examples():
    # A cell's warning goes to the commune's bodies; never to the cell's own level.
    common = {"resolving_level_may_resolve": True, "first_complaint": True}
    assert (
        rules.authority_refusal(
            imposing_kind="cell", imposing_path="/1/2/3/", resolving_kind="inspection", resolving_path="/1/2/", **common
        )
        is None
    )
    assert (
        rules.authority_refusal(
            imposing_kind="inspection",
            imposing_path="/1/2/",
            resolving_kind="inspection",
            resolving_path="/1/",
            **common,
        )
        == "own_committee_first"
    )
    assert (
        rules.authority_refusal(
            imposing_kind="inspection",
            imposing_path="/1/2/",
            resolving_kind="inspection",
            resolving_path="/1/",
            resolving_level_may_resolve=True,
            first_complaint=False,
        )
        is None
    )
    # "/1/20/" is not under "/1/2/": the prefix test is on whole path segments.
    assert rules.is_strictly_above("/1/2/", "/1/20/") is False
