"""The secret-ballot tally and the discipline forms, as pure functions (no database).

Domain.md §6.2 (Reg. 69 Art. 15; Reg. 22 Art. 15; Reg. 30 Art. 38):
- every option carries the thresholds it must reach, each a share of the COUNT BASE (the
  full members of the body, absentees included), never of those present or voting: an
  absentee or a blank paper never helps an option;
- reprimand, warning, dismissal (and an organisation's reprimand or warning): more than
  half of the base; expulsion: at least two thirds of the base propose it, and more than
  half of the competent body agree;
- cumulative counting (cộng dồn phiếu): if no form reaches its threshold, the votes for the
  heaviest form are added to the next lighter one, and so on down, until a form reaches
  its threshold; that form is decided.

§6.1 (Charter Art. 35; Reg. 69 Art. 7): the forms each kind of subject may receive.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

# Forms, heaviest first, per kind of subject (domain.md §6.1).
ORGANISATION_FORMS = ("dissolution", "warning", "reprimand")
FULL_MEMBER_FORMS = ("expulsion", "dismissal", "warning", "reprimand")
# A probationary member is reprimanded or warned only (domain.md §6.1, §11b.6): striking a
# member who no longer qualifies off the list (xóa tên) is not a discipline form but a
# separate decision (inspections.services.membership.strike_off_record), never offered on
# a ballot. The "strike_off" value stays in SanctionForm for old records.
PROBATIONARY_FORMS = ("warning", "reprimand")

# A paper with nothing marked (or spoilt): counted as returned, invalid, for no option.
BLANK = ""
# "No discipline" on a discipline ballot paper (issue 9 point 1): a valid vote against every
# form, which never adds to a form when the votes are summed (it is no form) and decides
# nothing by itself — no form reaching its threshold is what "no discipline" means.
NO_SANCTION = "none"


class Requirement(Protocol):
    """A threshold (inspections.rulebook.Threshold fits): met(votes, base) -> bool."""

    def met(self, votes: int, base: int) -> bool: ...


@dataclass(frozen=True)
class Option:
    """`alone`: judged on its own votes only, and its votes never flow into the lighter
    options' running sum — "no discipline", and a complaint's "remove" (no form at all)."""

    code: str
    requirements: tuple[Requirement, ...]
    alone: bool = False

    def reached(self, votes: int, base: int) -> bool:
        # An option without requirements can never be decided by votes.
        return bool(self.requirements) and all(r.met(votes, base) for r in self.requirements)


@dataclass(frozen=True)
class Tally:
    counts: dict[str, int]  # votes per option, in option order
    cumulative: dict[str, int]  # running sums from the heaviest option down
    valid: int
    invalid: int
    result: str | None
    reached_by: str | None  # "single" | "cumulative" | None


def forms_for(subject: str, *, holds_post: bool = False) -> tuple[str, ...]:
    """The forms a subject may receive, heaviest first. `subject`: "organisation",
    "full" or "probationary". Dismissal only for a member who holds a post."""
    if subject == "organisation":
        return ORGANISATION_FORMS
    if subject == "probationary":
        return PROBATIONARY_FORMS
    if subject == "full":
        return tuple(f for f in FULL_MEMBER_FORMS if f != "dismissal" or holds_post)
    raise ValueError(f"unknown subject kind {subject!r}")


def tally(options: Sequence[Option], votes: Iterable[str], base: int, *, cumulative: bool = True) -> Tally:
    """Count the papers and find the result.

    `options` heaviest first; `votes` the option code marked on each paper (BLANK for an
    invalid paper); `base` the count base. Without cumulative counting, the heaviest
    option reaching its thresholds on its own votes wins. With it, the running sum from
    the heaviest option down is compared, option by option, with that option's
    thresholds; the first that reaches them wins (an option reaching a threshold on its
    own votes is always found this way, since every running sum includes them). An
    `alone` option (no discipline, remove) counts only its own votes and adds none to the
    running sum."""
    if base < 1:
        raise ValueError("the count base must be at least 1")
    codes = [o.code for o in options]
    if len(set(codes)) != len(codes) or BLANK in codes:
        raise ValueError("option codes must be distinct and not blank")
    papers = Counter(votes)
    unknown = set(papers) - set(codes) - {BLANK}
    if unknown:
        raise ValueError(f"votes for unknown options: {sorted(unknown)}")
    counts = {code: papers.get(code, 0) for code in codes}
    running, sums = 0, {}
    for option in options:
        if option.alone:
            sums[option.code] = counts[option.code]
            continue
        running += counts[option.code]
        sums[option.code] = running
    result = reached_by = None
    for option in options:
        own = counts[option.code]
        if cumulative:
            if option.reached(sums[option.code], base):
                result = option.code
                reached_by = "single" if option.reached(own, base) else "cumulative"
                break
        elif option.reached(own, base):
            result, reached_by = option.code, "single"
            break
    valid = sum(counts.values())
    return Tally(
        counts=counts,
        cumulative=sums if cumulative else {},
        valid=valid,
        invalid=papers.get(BLANK, 0),
        result=result,
        reached_by=reached_by,
    )


def describe(requirement) -> str:
    """ "> 1/2" or "≥ 2/3" for a threshold with `fraction` and `strict`."""
    sign = ">" if requirement.strict else "≥"
    return f"{sign} {requirement.fraction.numerator}/{requirement.fraction.denominator}"
