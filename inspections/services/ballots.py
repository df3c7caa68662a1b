"""Secret ballots (domain.md §6.2; design.md decision 5), for any case kind.

- `ballot_open`: the chair opens a ballot at the meeting: the options (heaviest first, each
  with the rule-book thresholds it must reach), the count base as given (full members,
  absentees included, less those attending elsewhere and exempted absentees) and the
  attendance. Those present who may vote get the VOTER role on the case; those a
  StepSeparation row in force for "<kind>/vote" excludes (the team's rows ship switched
  off, issue 9 point 1), the subject (except where their row lets them take part: a member
  of the cell), relatives and anyone with a conflict of interest do not, and the journal
  says why.
- `ballot_cast`: one participation row (who) and one anonymous vote row (what), in one
  transaction; a second paper, a non-voter, an excluded role or a conflicted person is refused.
- `ballot_close`: the chair closes the ballot; the papers are counted by the pure tally
  (inspections.rules.ballot), the result stored, the voters' role ends, and the vote rows
  are rewritten in random order so that not even their storage order follows the order of
  participation.

Nothing reads the papers before close: the tally exists only on a closed ballot
(inspections.selectors.ballots refuses to show an open ballot's counts).
"""

import datetime
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import access, journal, rulebook
from inspections.exceptions import RuleViolation
from inspections.models import Ballot, BallotParticipation, BallotVote, Case, CaseRole
from inspections.rules import ballot as ballot_rules
from inspections.services.documents import document_add

# Reorders the papers when a ballot closes (a CSPRNG: the order must not be predictable).
_shuffle = secrets.SystemRandom().shuffle


@dataclass(frozen=True)
class BallotOption:
    """One line of the ballot paper. `thresholds`: rule-book codes ("decide",
    "expel_propose"), all of which the option must reach; `purpose`: whether reaching it
    decides or proposes (Ballot.Purpose)."""

    code: str
    label: str
    purpose: str
    thresholds: tuple[str, ...]
    alone: bool = False  # inspections.rules.ballot.Option.alone


def no_sanction_option(purpose: str = Ballot.Purpose.DECIDE) -> BallotOption:
    """ "No discipline" on a discipline paper (issue 9 point 1; Reg. 69 Art. 15 counts the
    papers for each form: a member against any discipline marks this instead of returning
    a blank paper, which would be invalid). Valid, never added to a form, decides nothing
    by itself. `purpose` follows the forms: where the body may only propose every form
    (a higher-level task, Reg. 69 Art. 15), "no discipline" is a proposal too."""
    return BallotOption(
        code=ballot_rules.NO_SANCTION,
        label=_("Không thi hành kỷ luật"),
        purpose=purpose,
        thresholds=(),
        alone=True,
    )


def _purpose_of(options: Sequence[BallotOption]) -> str:
    purposes = {o.purpose for o in options if o.code != ballot_rules.NO_SANCTION} or {Ballot.Purpose.DECIDE}
    if purposes == {Ballot.Purpose.DECIDE}:
        return Ballot.Purpose.DECIDE
    if purposes == {Ballot.Purpose.PROPOSE}:
        return Ballot.Purpose.PROPOSE
    return Ballot.Purpose.DECIDE_OR_PROPOSE


def _check_options(options: Sequence[BallotOption], rules_on: datetime.date) -> None:
    if not options:
        raise RuleViolation(_("Phiếu biểu quyết phải có ít nhất một phương án."))
    codes = [o.code for o in options]
    if len(set(codes)) != len(codes) or ballot_rules.BLANK in codes:
        raise RuleViolation(_("Các phương án trên phiếu phải khác nhau."))
    if all(o.code == ballot_rules.NO_SANCTION for o in options):
        raise RuleViolation(_("Phiếu biểu quyết phải có ít nhất một phương án."))
    for option in options:
        if option.code == ballot_rules.NO_SANCTION:
            continue
        if option.purpose not in (Ballot.Purpose.DECIDE, Ballot.Purpose.PROPOSE) or not option.thresholds:
            raise RuleViolation(_("Phương án “%(o)s” chưa có tỷ lệ biểu quyết.") % {"o": option.label})
        for code in option.thresholds:
            rulebook.threshold(code, on=rules_on)  # an unknown code fails loudly here


def _count_base(members_total: int, away_count: int, exempted_absent_count: int) -> int:
    """The count base: full members, absentees included, less those attending elsewhere
    and the exempted absentees (§6.2)."""
    if members_total < 1:
        raise RuleViolation(_("Tổng số thành viên của cơ quan biểu quyết phải lớn hơn 0."))
    if away_count < 0 or exempted_absent_count < 0:
        raise RuleViolation(_("Số thành viên vắng mặt không được âm."))
    base = members_total - away_count - exempted_absent_count
    if base < 1:
        raise RuleViolation(
            _("Số sinh hoạt tạm thời nơi khác và số được miễn sinh hoạt vắng mặt không được bằng hoặc vượt tổng số.")
        )
    return base


def _attendance_checked(present: Sequence, base: int) -> list:
    present = list(present)
    if len({u.pk for u in present}) != len(present):
        raise RuleViolation(_("Một người được điểm danh hai lần."))
    if not present:
        raise RuleViolation(_("Chưa điểm danh thành viên có mặt."))
    if len(present) > base:
        raise RuleViolation(
            _("Số có mặt (%(present)s) vượt số thành viên làm căn cứ (%(base)s).")
            % {"present": len(present), "base": base}
        )
    return present


def _eligible(case: Case, present: list, body_kind: str) -> tuple[list, list[dict]]:
    """Those present who receive a paper, and the others with the reason why not."""
    voters, excluded = [], []
    for user in present:
        # A candidate for a paper: anyone a StepSeparation row in force for "<kind>/vote"
        # excludes and anyone with a conflict of interest are left out; the subject takes
        # part where their row is off (a member of the cell, issue 9 point 1).
        refused = access.refusal(
            user, "vote", case, step=access.VOTE_STEP, as_roles=(CaseRole.Role.VOTER,), body_kind=body_kind
        )
        if refused:
            excluded.append({"user": user.pk, "reason": refused.message})
        else:
            voters.append(user)
    return voters, excluded


def _journal_opened(*, actor, ballot: Ballot, present: list, voters: list, excluded: list[dict]) -> None:
    journal.append(
        case=ballot.case,
        actor=actor,
        action="ballot.opened",
        payload={
            "ballot": ballot.pk,
            "round": ballot.round,
            "purpose": ballot.purpose,
            "body": ballot.body_label,
            "body_kind": ballot.body_kind,
            "options": ballot.options,
            "cumulative": ballot.cumulative,
            "members_total": ballot.members_total,
            "away": ballot.away_count,
            "exempted_absent": ballot.exempted_absent_count,
            "count_base": ballot.count_base,
            "present": sorted(u.pk for u in present),
            "voters": sorted(u.pk for u in voters),
            "excluded": excluded,
            "rules_on": ballot.rules_on,
        },
    )


@transaction.atomic
def ballot_open(
    *,
    actor,
    case: Case,
    body_label: str,
    body_kind: str,
    options: Sequence[BallotOption],
    members_total: int,
    present: Sequence,
    rules_on: datetime.date,
    away_count: int = 0,
    exempted_absent_count: int = 0,
    cumulative: bool = True,
) -> Ballot:
    """The chair opens a secret ballot at the meeting. `present`: the users attending who
    are members of the body; the eligible among them receive a paper (the VOTER role)."""
    access.require(actor, "approve", case)
    _check_options(options, rules_on)
    base = _count_base(members_total, away_count, exempted_absent_count)
    present = _attendance_checked(present, base)
    if Ballot.objects.select_for_update().filter(case=case, closed_at__isnull=True).exists():
        raise RuleViolation(_("Hồ sơ đang có một cuộc bỏ phiếu chưa kết thúc."))
    voters, excluded = _eligible(case, present, body_kind)
    round_ = (Ballot.objects.filter(case=case).aggregate(m=Max("round"))["m"] or 0) + 1
    ballot = Ballot.objects.create(
        case=case,
        round=round_,
        purpose=_purpose_of(options),
        body_label=body_label,
        body_kind=body_kind,
        options=[
            {
                "code": o.code,
                "label": str(o.label),
                "purpose": o.purpose,
                "thresholds": list(o.thresholds),
                "alone": o.alone,
            }
            for o in options
        ],
        cumulative=cumulative,
        members_total=members_total,
        away_count=away_count,
        exempted_absent_count=exempted_absent_count,
        count_base=base,
        base_note=_(
            "%(total)s đảng viên chính thức/thành viên − %(away)s sinh hoạt tạm thời nơi khác − "
            "%(exempted)s miễn sinh hoạt và vắng mặt = %(base)s (người vắng mặt khác vẫn được tính)"
        )
        % {"total": members_total, "away": away_count, "exempted": exempted_absent_count, "base": base},
        present_count=len(present),
        voters_count=len(voters),
        rules_on=rules_on,
        opened_by=actor,
    )
    for user in voters:
        access.grant_role(case=case, user=user, role=CaseRole.Role.VOTER)
    _journal_opened(actor=actor, ballot=ballot, present=present, voters=voters, excluded=excluded)
    return ballot


@transaction.atomic
def ballot_cast(*, actor, ballot: Ballot, option: str) -> None:
    """Cast one paper: who (participation) and what (an anonymous vote) are written apart
    in one transaction. `option` is an option code, or "" for a paper left blank."""
    ballot = Ballot.objects.select_for_update().select_related("case").get(pk=ballot.pk)
    case = ballot.case
    # No vote on the case: AccessDenied; an excluded role, a conflict, a closed ballot or a
    # second paper: RuleViolation with the reason.
    access.require(actor, "vote", case, ballot=ballot)
    if option != ballot_rules.BLANK and option not in {o["code"] for o in ballot.options}:
        raise RuleViolation(_("Phương án không có trên phiếu biểu quyết."))
    BallotParticipation.objects.create(ballot=ballot, user=actor)
    BallotVote.objects.create(ballot=ballot, option=option)
    # The journal records that a paper was cast, never which option.
    journal.append(case=case, actor=actor, action="ballot.cast", payload={"ballot": ballot.pk, "round": ballot.round})


def _formula(ballot: Ballot) -> str:
    parts = []
    for option in ballot.options:
        if option["code"] == ballot_rules.NO_SANCTION:
            parts.append(_("%(label)s: phiếu hợp lệ, không cộng vào hình thức nào") % {"label": option["label"]})
            continue
        required = " + ".join(
            ballot_rules.describe(rulebook.threshold(code, on=ballot.rules_on)) for code in option["thresholds"]
        )
        purpose = _("quyết định") if option["purpose"] == Ballot.Purpose.DECIDE else _("đề nghị")
        parts.append(f"{option['label']} ({purpose}): {required}")
    text = _("Tỷ lệ tính trên %(base)s thành viên") % {"base": ballot.count_base} + ". " + "; ".join(parts) + "."
    if ballot.cumulative:
        text += " " + _(
            "Không hình thức nào đủ tỷ lệ thì cộng dồn phiếu từ hình thức cao xuống hình thức thấp liền kề."
        )
    return text


def _reseal(ballot: Ballot, papers: list[str]) -> None:
    """Rewrite the papers in random order with new keys: after close, neither the keys nor
    the storage order of vote rows follow the order in which people took part."""
    BallotVote.objects.filter(ballot=ballot).delete()
    _shuffle(papers)
    BallotVote.objects.bulk_create([BallotVote(ballot=ballot, option=option) for option in papers])


def _journal_closed(*, actor, ballot: Ballot, returned: int) -> None:
    journal.append(
        case=ballot.case,
        actor=actor,
        action="ballot.closed",
        payload={
            "ballot": ballot.pk,
            "round": ballot.round,
            "count_base": ballot.count_base,
            "present": ballot.present_count,
            "issued": ballot.voters_count,
            "returned": returned,
            "valid": ballot.valid_count,
            "invalid": ballot.invalid_count,
            "tally": ballot.tally,
            "cumulative": ballot.cumulative_tally,
            "formula": ballot.threshold_formula,
            "result": ballot.result,
            "result_purpose": ballot.result_purpose,
            "reached_by": ballot.reached_by,
        },
    )


@transaction.atomic
def ballot_close(*, actor, ballot: Ballot, upload=None) -> Ballot:
    """The chair closes the ballot; the papers are counted and the result stored.
    `upload`: the counting board's minutes (biên bản kiểm phiếu)."""
    ballot = Ballot.objects.select_for_update().select_related("case").get(pk=ballot.pk)
    case = ballot.case
    access.require(actor, "approve", case)
    if not ballot.is_open:
        raise RuleViolation(_("Cuộc bỏ phiếu đã kết thúc."))
    papers = list(BallotVote.objects.filter(ballot=ballot).values_list("option", flat=True))
    participated = BallotParticipation.objects.filter(ballot=ballot).count()
    if participated != len(papers):
        raise RuntimeError("participation and papers disagree")  # guarded by ballot_cast's transaction
    if not papers:
        raise RuleViolation(_("Chưa có phiếu nào được bỏ: chưa thể kết thúc bỏ phiếu."))
    options = [
        ballot_rules.Option(
            o["code"],
            tuple(rulebook.threshold(c, on=ballot.rules_on) for c in o["thresholds"]),
            alone=bool(o.get("alone")),
        )
        for o in ballot.options
    ]
    result = ballot_rules.tally(options, papers, ballot.count_base, cumulative=ballot.cumulative)
    ballot.closed_at = timezone.now()
    ballot.closed_by = actor
    ballot.valid_count = result.valid
    ballot.invalid_count = result.invalid
    ballot.tally = result.counts
    ballot.cumulative_tally = result.cumulative
    ballot.threshold_formula = _formula(ballot)
    ballot.result = result.result or ""
    ballot.result_purpose = (
        next(o["purpose"] for o in ballot.options if o["code"] == result.result) if result.result else ""
    )
    ballot.reached_by = result.reached_by or ""
    ballot.save()
    _reseal(ballot, papers)
    for role in CaseRole.objects.filter(case=case, role=CaseRole.Role.VOTER, revoked_at__isnull=True).select_related(
        "user"
    ):
        access.revoke_role(case=case, user=role.user, role=CaseRole.Role.VOTER)
    if upload is not None:
        document_add(
            actor=actor,
            case=case,
            kind="ballot_minutes",
            title=_("Biên bản kiểm phiếu lần %(n)s") % {"n": ballot.round},
            upload=upload,
            action="approve",
        )
    _journal_closed(actor=actor, ballot=ballot, returned=participated)
    return ballot
