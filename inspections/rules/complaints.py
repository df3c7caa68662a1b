"""Pure rules of discipline complaints (domain.md §5(F), §6.1), without database access.

- Which discipline forms apply to which subject, light to heavy (§6.1, Charter Art. 35):
  an organisation: reprimand → warning → dissolution; a full member: reprimand → warning
  → dismissal → expulsion; a probationary member: reprimand → warning only.
- Whether a change of form by a complaint decision goes the right way (§5(F) "Outcomes":
  increase means heavier, reduce means lighter).
- Which body may resolve a complaint (§5(F) "Authority", Reg. 22 Art. 22 as amended by
  Reg. 262, carried into Reg. 296): bodies from grassroots level up; the standing or
  executive committee handles the first complaint against its own inspection committee's
  decision; otherwise a body of a higher level than the one that imposed the discipline
  ("no complaining to a higher level before the lower level has finished", "no sending to
  bodies without authority", Reg. 22 Art. 23).

Functions return a refusal code (or None when the rule is met); the services turn codes
into messages a clerk understands.
"""

MEMBER = "member"
PROBATIONARY = "probationary"
ORGANISATION = "organisation"

FORMS: dict[str, tuple[str, ...]] = {
    MEMBER: ("reprimand", "warning", "dismissal", "expulsion"),
    PROBATIONARY: ("reprimand", "warning"),
    ORGANISATION: ("reprimand", "warning", "dissolution"),
}

KEEP, INCREASE, REDUCE, REMOVE = "keep", "increase", "reduce", "remove"
OUTCOMES = (KEEP, INCREASE, REDUCE, REMOVE)


def forms_for(subject_kind: str) -> tuple[str, ...]:
    return FORMS[subject_kind]


def severity(form: str, subject_kind: str) -> int | None:
    """Rank of `form` for the subject, 0 the lightest; None when the form does not apply."""
    forms = FORMS[subject_kind]
    return forms.index(form) if form in forms else None


def change_refusal(*, outcome: str, old_form: str, new_form: str, subject_kind: str) -> str | None:
    """Why `outcome` with `new_form` cannot replace `old_form`, or None when it can.

    Codes: "unknown_outcome", "new_form_unexpected" (keep/remove with a new form),
    "new_form_missing", "new_form_not_allowed" (not a form for this subject),
    "old_form_unranked" (the old form is not on the subject's scale), "not_heavier",
    "not_lighter".
    """
    if outcome not in OUTCOMES:
        return "unknown_outcome"
    if outcome in (KEEP, REMOVE):
        return "new_form_unexpected" if new_form else None
    if not new_form:
        return "new_form_missing"
    new_rank = severity(new_form, subject_kind)
    if new_rank is None:
        return "new_form_not_allowed"
    old_rank = severity(old_form, subject_kind)
    if old_rank is None:
        return "old_form_unranked"
    if outcome == INCREASE and new_rank <= old_rank:
        return "not_heavier"
    if outcome == REDUCE and new_rank >= old_rank:
        return "not_lighter"
    return None


def is_strictly_above(upper_path: str, lower_path: str) -> bool:
    """Materialised paths ("/1/5/"): `upper` is an ancestor of `lower`, not itself."""
    return lower_path.startswith(upper_path) and lower_path != upper_path


def authority_refusal(
    *,
    imposing_kind: str,
    imposing_path: str,
    resolving_kind: str,
    resolving_path: str,
    resolving_level_may_resolve: bool,
    first_complaint: bool,
) -> str | None:
    """Why a body (kind "inspection" / "standing" / "executive" at `resolving_path`) may
    not resolve a complaint against a discipline imposed by a body (kind "cell" /
    "executive" / "standing" / "inspection" at `imposing_path`), or None when it may.

    Codes: "below_grassroots" (a cell or section committee resolves no complaint),
    "own_committee_first" (the first complaint against an inspection committee's decision
    goes to the standing or executive committee of the same organisation),
    "not_higher" (otherwise the resolving body must be of a higher level).
    """
    if not resolving_level_may_resolve:
        return "below_grassroots"
    if imposing_kind == "inspection" and first_complaint:
        if resolving_path == imposing_path and resolving_kind in ("standing", "executive"):
            return None
        return "own_committee_first"
    if not is_strictly_above(resolving_path, imposing_path):
        return "not_higher"
    return None
