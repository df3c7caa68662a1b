"""The secret-ballot tally and the forms per subject (domain.md §6.1, §6.2): examples and
hypothesis properties. Pure functions: no database."""

import random
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspections.rulebook import DEFAULT_THRESHOLDS
from inspections.rules.ballot import BLANK, Option, describe, forms_for, tally

DECIDE = DEFAULT_THRESHOLDS["decide"]  # > 1/2
EXPEL = DEFAULT_THRESHOLDS["expel_propose"]  # >= 2/3


def member_options(*, expel=(EXPEL,)):
    return [
        Option("expulsion", expel),
        Option("dismissal", (DECIDE,)),
        Option("warning", (DECIDE,)),
        Option("reprimand", (DECIDE,)),
    ]


def papers(**counts):
    return [code for code, n in counts.items() for _ in range(n)]


# --- examples ----------------------------------------------------------------------------
def test_a_form_with_more_than_half_of_the_base_is_decided():
    result = tally(member_options(), papers(reprimand=5, warning=1), base=9)
    assert result.result == "reprimand" and result.reached_by == "single"
    assert result.counts == {"expulsion": 0, "dismissal": 0, "warning": 1, "reprimand": 5}
    assert result.valid == 6 and result.invalid == 0


def test_exactly_half_is_not_enough():
    result = tally(member_options(), papers(warning=4, reprimand=4), base=8, cumulative=False)
    assert result.result is None


def test_cumulative_counting_goes_down_from_the_heaviest_form():
    # 3 expulsion + 2 dismissal + 1 warning + 3 reprimand, base 9: nobody alone has 5.
    result = tally(member_options(), papers(expulsion=3, dismissal=2, warning=1, reprimand=3), base=9)
    assert result.cumulative == {"expulsion": 3, "dismissal": 5, "warning": 6, "reprimand": 9}
    assert result.result == "dismissal" and result.reached_by == "cumulative"


def test_expulsion_needs_two_thirds_of_the_base_and_its_votes_count_for_lighter_forms():
    base = 9
    assert tally(member_options(), papers(expulsion=6, warning=3), base).result == "expulsion"
    # 5 of 9 is more than half but less than two thirds: expulsion fails; the five votes
    # go down to dismissal, which needs only more than half.
    result = tally(member_options(), papers(expulsion=5, warning=4), base)
    assert result.result == "dismissal" and result.reached_by == "cumulative"


def test_absentees_count_in_the_base():
    # All 5 present vote reprimand, but the cell has 11 full members: no result.
    assert tally(member_options(), papers(reprimand=5), base=11).result is None
    assert tally(member_options(), papers(reprimand=5), base=9).result == "reprimand"


def test_blank_papers_are_invalid_and_help_no_option():
    result = tally(member_options(), [*papers(reprimand=4), BLANK, BLANK, BLANK], base=7)
    assert result.invalid == 3 and result.valid == 4
    assert result.result == "reprimand"  # 4 > 7/2
    assert tally(member_options(), [*papers(reprimand=3), BLANK, BLANK], base=7).result is None


def test_without_cumulative_counting_only_own_votes_count():
    options = [Option("increase", (DECIDE,)), Option("keep", (DECIDE,)), Option("reduce", (DECIDE,))]
    result = tally(options, papers(increase=2, keep=2, reduce=1), base=5, cumulative=False)
    assert result.result is None and result.cumulative == {}


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        tally(member_options(), papers(reprimand=1), base=0)
    with pytest.raises(ValueError):
        tally(member_options(), ["censure"], base=3)
    with pytest.raises(ValueError):
        tally([Option("a", (DECIDE,)), Option("a", (DECIDE,))], [], base=3)


def test_forms_per_subject():
    assert forms_for("organisation") == ("dissolution", "warning", "reprimand")
    assert forms_for("full", holds_post=True) == ("expulsion", "dismissal", "warning", "reprimand")
    assert forms_for("full", holds_post=False) == ("expulsion", "warning", "reprimand")
    # Strike-off is not a discipline form (issue 9 point 8, domain.md §11b.6).
    assert forms_for("probationary", holds_post=True) == ("warning", "reprimand")
    with pytest.raises(ValueError):
        forms_for("stranger")


def test_threshold_descriptions():
    assert describe(DECIDE) == "> 1/2"
    assert describe(EXPEL) == "≥ 2/3"


# --- properties --------------------------------------------------------------------------
CODES = ["expulsion", "dismissal", "warning", "reprimand"]


@st.composite
def ballots(draw, max_base=40):
    base = draw(st.integers(min_value=1, max_value=max_base))
    cast = draw(st.integers(min_value=0, max_value=base))
    votes = draw(st.lists(st.sampled_from([*CODES, BLANK]), min_size=cast, max_size=cast))
    return base, votes


def heaviest_reaching(options, votes, base):
    """The specification, written independently: walk down from the heaviest form adding
    votes; the first whose thresholds the running total meets is the result."""
    total = 0
    for option in options:
        total += votes.count(option.code)
        if all(r.met(total, base) for r in option.requirements):
            return option.code
    return None


@given(ballots())
def test_cumulative_counting_picks_the_heaviest_form_reaching_its_threshold(ballot):
    base, votes = ballot
    options = member_options()
    result = tally(options, votes, base)
    assert result.result == heaviest_reaching(options, votes, base)
    if result.result is not None:
        # No heavier form reached its threshold, even with every heavier vote added.
        heavier = CODES[: CODES.index(result.result)]
        for code in heavier:
            option = options[CODES.index(code)]
            assert not option.reached(result.cumulative[code], base)


@given(ballots())
def test_no_result_while_every_chain_of_votes_stays_at_or_below_half(ballot):
    base, votes = ballot
    valid = sum(1 for v in votes if v != BLANK)
    if Fraction(valid, base) <= Fraction(1, 2):
        assert tally(member_options(), votes, base).result is None


@given(ballots(), st.integers(min_value=1, max_value=20))
def test_absentees_never_help(ballot, more_absentees):
    """Raising the base (members who stayed away) never creates a result nor a heavier one."""
    base, votes = ballot
    before = tally(member_options(), votes, base).result
    after = tally(member_options(), votes, base + more_absentees).result
    if before is None:
        assert after is None
    elif after is not None:
        assert CODES.index(after) >= CODES.index(before)


@given(ballots(), st.integers(min_value=0, max_value=10))
def test_blank_papers_never_help(ballot, blanks):
    base, votes = ballot
    blanks = min(blanks, base - len(votes))
    assert tally(member_options(), votes + [BLANK] * blanks, base).result == tally(member_options(), votes, base).result


@given(ballots())
def test_expulsion_needs_two_thirds_proposing(ballot):
    base, votes = ballot
    result = tally(member_options(), votes, base)
    if result.result == "expulsion":
        assert 3 * votes.count("expulsion") >= 2 * base


@given(ballots(), ballots())
def test_expulsion_needs_two_thirds_proposing_and_more_than_half_of_the_competent_body(proposing, deciding):
    """Two rounds: the cell proposes (expulsion >= 2/3), the competent body decides (> 1/2)."""
    cell_base, cell_votes = proposing
    body_base, body_votes = deciding
    proposed = tally(member_options(), cell_votes, cell_base).result == "expulsion"
    decided = tally(member_options(expel=(DECIDE,)), body_votes, body_base).result == "expulsion"
    expelled = proposed and decided
    if expelled:
        assert 3 * cell_votes.count("expulsion") >= 2 * cell_base
        assert 2 * body_votes.count("expulsion") > body_base
    # A direct decision by one body (both thresholds on the same votes) is never easier.
    direct = tally(member_options(expel=(EXPEL, DECIDE)), body_votes, body_base).result == "expulsion"
    if direct:
        assert 3 * body_votes.count("expulsion") >= 2 * body_base


@given(ballots(), st.randoms(use_true_random=False), st.booleans())
def test_result_is_invariant_to_vote_order(ballot, rnd: random.Random, cumulative):
    base, votes = ballot
    shuffled = list(votes)
    rnd.shuffle(shuffled)
    assert tally(member_options(), votes, base, cumulative=cumulative) == tally(
        member_options(), shuffled, base, cumulative=cumulative
    )


@given(ballots())
def test_counts_add_up(ballot):
    base, votes = ballot
    result = tally(member_options(), votes, base)
    assert result.valid + result.invalid == len(votes)
    assert result.cumulative["reprimand"] == result.valid


def test_an_option_alone_counts_only_its_own_votes_and_feeds_no_sum():
    options = [*member_options(), Option("none", (), alone=True)]
    result = tally(options, papers(warning=1, reprimand=1, none=5), base=7)
    assert result.cumulative == {"expulsion": 0, "dismissal": 0, "warning": 1, "reprimand": 2, "none": 5}
    assert result.result is None and result.valid == 7
    # An "alone" option with a threshold is judged on its own votes (a complaint's remove).
    remove = [Option("keep", (DECIDE,)), Option("reduce", (DECIDE,)), Option("remove", (DECIDE,), alone=True)]
    assert tally(remove, papers(keep=2, remove=4), base=7).result == "remove"
    assert tally(remove, papers(keep=2, reduce=1, remove=3), base=7).result is None
