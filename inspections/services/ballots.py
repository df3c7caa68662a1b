"""Secret ballots (domain.md §6.2; design.md decision 5), for any case kind.

- `ballot_open`: the chair opens a ballot at the meeting: the options (heaviest first, each
  with the rule-book thresholds it must reach), the body's roster on the meeting day with
  the count base computed from it (full members, absentees included, less those attending
  elsewhere and exempted absentees, each named) and the attendance; online, on paper
  (members without an account, a meeting held on paper) or both (issue 9 point 1). Those
  present who may vote get the VOTER role on the case; those a
  StepSeparation row in force for "<kind>/vote" excludes (the team's rows ship switched
  off, issue 9 point 1), the subject (except where their row lets them take part: a member
  of the cell), relatives and anyone with a conflict of interest do not, and the journal
  says why.
- `ballot_cast`: one participation row (who) and one anonymous vote row (what), in one
  transaction; a second paper, a non-voter, an excluded role or a conflicted person is refused.
- `ballot_close`: the chair closes the ballot; the papers are counted by the pure tally
  (inspections.rules.ballot), the result stored, the voters' role ends, and the vote rows
  are rewritten in random order so that not even their storage order follows the order of
  participation. Paper ballots arrive as the counting board's count (`PaperCount`, with
  its minutes) and join the count as numbers, never linked to a voter.

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
from inspections.selectors.discipline import RosterEntry
from inspections.services import notifications
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


@dataclass(frozen=True)
class PaperCount:
    """The vote-counting board's count of the paper ballots (issue 9 point 1; Reg. 69
    Art. 15): papers returned, invalid ones, and the valid papers marked for each option.
    Numbers only: nothing on a paper names its voter."""

    returned: int
    invalid: int
    options: dict  # option code -> papers marked for it


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


def _roster_checked(
    roster: Sequence[RosterEntry],
    *,
    body_label: str,
    present: Sequence,
    present_on_paper: Sequence[str],
    away: Sequence[str],
    exempted_absent: Sequence[str],
    mode: str,
) -> tuple[list, list[RosterEntry], int]:
    """The attendance against the body's roster on the meeting day (issue 9 point 1;
    domain.md §6.2; Reg. 294, 9.3.2): the users present (accounts) and the members present
    without an account, each on the roster once; the count base is the roster less those
    attending elsewhere and the exempted absentees, absentees otherwise counted."""
    if not roster:
        raise RuleViolation(
            _(
                "%(body)s chưa có danh sách thành viên vào ngày họp: cập nhật các thành viên của cơ quan "
                "(ghế của ủy ban, cấp ủy; đảng viên chính thức của chi bộ) trước khi bỏ phiếu."
            )
            % {"body": body_label}
        )
    if mode not in Ballot.Mode.values:
        raise RuleViolation(_("Hình thức bỏ phiếu không hợp lệ."))
    by_key = {entry.key: entry for entry in roster}
    by_user = {entry.user_id: entry for entry in roster if entry.user_id is not None}
    chosen = {"present_on_paper": list(present_on_paper), "away": list(away), "exempted_absent": list(exempted_absent)}
    for keys in chosen.values():
        if any(key not in by_key for key in keys):
            raise RuleViolation(_("Người được chọn không có trong danh sách thành viên của cơ quan vào ngày họp."))
        if len(set(keys)) != len(keys):
            raise RuleViolation(_("Một thành viên được chọn hai lần."))
    present = list(present)
    if len({u.pk for u in present}) != len(present):
        raise RuleViolation(_("Một người được điểm danh hai lần."))
    strangers = [u for u in present if u.pk not in by_user]
    if strangers:
        raise RuleViolation(
            _("%(name)s không phải thành viên của %(body)s.") % {"name": strangers[0], "body": body_label}
        )
    on_paper = [by_key[key] for key in chosen["present_on_paper"]]
    with_account = [entry for entry in on_paper if entry.has_account]
    if with_account:
        raise RuleViolation(
            _("%(name)s có tài khoản: điểm danh ở danh sách thành viên có tài khoản.") % {"name": with_account[0].name}
        )
    if on_paper and mode == Ballot.Mode.ONLINE:
        raise RuleViolation(
            _(
                "Có thành viên không có tài khoản có mặt: chọn hình thức bỏ phiếu giấy hoặc kết hợp, "
                "Ban kiểm phiếu ghi số phiếu giấy khi kết thúc bỏ phiếu."
            )
        )
    absent = set(chosen["away"]) | set(chosen["exempted_absent"])
    if set(chosen["away"]) & set(chosen["exempted_absent"]):
        raise RuleViolation(
            _("Một thành viên không thể vừa sinh hoạt tạm thời nơi khác vừa được miễn sinh hoạt và vắng mặt.")
        )
    attending = {by_user[u.pk].key for u in present} | set(chosen["present_on_paper"])
    clash = [by_key[key].name for key in roster_order(roster, attending & absent)]
    if clash:
        raise RuleViolation(
            _(
                "%(name)s được điểm danh có mặt nhưng lại được ghi sinh hoạt tạm thời nơi khác hoặc miễn sinh "
                "hoạt và vắng mặt: bỏ một trong hai."
            )
            % {"name": clash[0]}
        )
    base = len(roster) - len(absent)
    if base < 1:
        raise RuleViolation(
            _("Số sinh hoạt tạm thời nơi khác và số được miễn sinh hoạt vắng mặt không được bằng hoặc vượt tổng số.")
        )
    if not attending:
        raise RuleViolation(_("Chưa điểm danh thành viên có mặt."))
    return present, on_paper, base


def roster_order(roster: Sequence[RosterEntry], keys) -> list[str]:
    keys = set(keys)
    return [entry.key for entry in roster if entry.key in keys]


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


def _eligible_on_paper(case: Case, entries: list[RosterEntry], body_kind: str) -> tuple[list, list[dict]]:
    """Members present without an account who receive a paper. Without an account no
    role or declaration of theirs is recorded; the subject is left out as on the system,
    unless their row lets them take part (access.subject_takes_part)."""
    voters, excluded = [], []
    subject_votes = access.subject_takes_part(case, access.VOTE_STEP, body_kind)
    for entry in entries:
        if entry.member_id is not None and entry.member_id == case.subject_member_id and not subject_votes:
            excluded.append({"member": entry.member_id, "reason": _("Đối tượng của hồ sơ không biểu quyết.")})
        else:
            voters.append(entry)
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
            "mode": ballot.mode,
            "roster": ballot.roster,
            "members_total": ballot.members_total,
            "away": ballot.away_count,
            "exempted_absent": ballot.exempted_absent_count,
            "count_base": ballot.count_base,
            "present": sorted(u.pk for u in present),
            "voters": sorted(u.pk for u in voters),
            "paper_issued": ballot.paper_issued,
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
    roster: Sequence[RosterEntry],
    present: Sequence,
    rules_on: datetime.date,
    present_on_paper: Sequence[str] = (),
    away: Sequence[str] = (),
    exempted_absent: Sequence[str] = (),
    mode: str = Ballot.Mode.ONLINE,
    cumulative: bool = True,
) -> Ballot:
    """The chair opens a secret ballot at the meeting. `roster`: the body's members on the
    meeting day (inspections.selectors.discipline.body_roster); `present`: the users
    attending, `present_on_paper`: roster keys of members attending without an account;
    `away`, `exempted_absent`: roster keys left out of the count base. Online (ONLINE,
    MIXED) the eligible users get a paper on the system (the VOTER role); the others, and
    everyone at a meeting held on paper (PAPER), get a paper the counting board counts
    (`ballot_close`'s `paper`)."""
    access.require(actor, "approve", case)
    _check_options(options, rules_on)
    present, on_paper, base = _roster_checked(
        roster,
        body_label=body_label,
        present=present,
        present_on_paper=present_on_paper,
        away=away,
        exempted_absent=exempted_absent,
        mode=mode,
    )
    if Ballot.objects.select_for_update().filter(case=case, closed_at__isnull=True).exists():
        raise RuleViolation(_("Hồ sơ đang có một cuộc bỏ phiếu chưa kết thúc."))
    voters, excluded = _eligible(case, present, body_kind)
    paper_voters, paper_excluded = _eligible_on_paper(case, on_paper, body_kind)
    if mode == Ballot.Mode.PAPER:
        online, paper_issued = [], len(voters) + len(paper_voters)
    else:
        online, paper_issued = voters, len(paper_voters)
    present_keys = {entry.key for entry in roster if entry.user_id in {u.pk for u in present}}
    present_keys |= {entry.key for entry in on_paper}
    paper_keys = {entry.key for entry in paper_voters}
    if mode == Ballot.Mode.PAPER:
        paper_keys |= {entry.key for entry in roster if entry.user_id in {u.pk for u in voters}}
    away, exempted_absent = set(away), set(exempted_absent)
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
        mode=mode,
        roster=[
            {
                "key": entry.key,
                "name": entry.name,
                "account": entry.has_account,
                "away": entry.key in away,
                "exempted_absent": entry.key in exempted_absent,
                "present": entry.key in present_keys,
                "paper": entry.key in paper_keys,
            }
            for entry in roster
        ],
        members_total=len(roster),
        away_count=len(away),
        exempted_absent_count=len(exempted_absent),
        count_base=base,
        base_note=_(
            "%(total)s đảng viên chính thức/thành viên − %(away)s sinh hoạt tạm thời nơi khác − "
            "%(exempted)s miễn sinh hoạt và vắng mặt = %(base)s (người vắng mặt khác vẫn được tính)"
        )
        % {"total": len(roster), "away": len(away), "exempted": len(exempted_absent), "base": base},
        present_count=len(present) + len(on_paper),
        voters_count=len(online) + paper_issued,
        paper_issued=paper_issued,
        rules_on=rules_on,
        opened_by=actor,
    )
    for user in online:
        access.grant_role(case=case, user=user, role=CaseRole.Role.VOTER)
    notifications.ballot_opened(case=case, ballot=ballot, voters=online)
    _journal_opened(actor=actor, ballot=ballot, present=present, voters=online, excluded=excluded + paper_excluded)
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
            "mode": ballot.mode,
            "paper_issued": ballot.paper_issued,
            "paper_returned": ballot.paper_returned,
            "paper_invalid": ballot.paper_invalid,
            "paper_tally": ballot.paper_tally,
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


def _paper_checked(ballot: Ballot, paper: PaperCount | None) -> list[str]:
    """The paper count as papers (option codes, BLANK for an invalid paper) to join the
    system's, after checking it adds up; nothing links a paper to a voter."""
    if ballot.paper_issued == 0:
        if paper is not None and (paper.returned or paper.invalid or any(paper.options.values())):
            raise RuleViolation(_("Cuộc bỏ phiếu này không phát phiếu giấy: không ghi số phiếu giấy."))
        return []
    if paper is None:
        raise RuleViolation(
            _(
                "Đã phát %(n)s phiếu giấy: Ban kiểm phiếu cần ghi số phiếu thu về, số phiếu không hợp lệ và số "
                "phiếu từng phương án trước khi kết thúc bỏ phiếu."
            )
            % {"n": ballot.paper_issued}
        )
    codes = {o["code"] for o in ballot.options}
    if set(paper.options) - codes:
        raise RuleViolation(_("Phương án không có trên phiếu biểu quyết."))
    numbers = [paper.returned, paper.invalid, *paper.options.values()]
    if any(not isinstance(n, int) or isinstance(n, bool) or n < 0 for n in numbers):
        raise RuleViolation(_("Số phiếu phải là số nguyên không âm."))
    if paper.returned > ballot.paper_issued:
        raise RuleViolation(
            _("Số phiếu giấy thu về (%(r)s) vượt số phiếu giấy phát ra (%(i)s).")
            % {"r": paper.returned, "i": ballot.paper_issued}
        )
    marked = sum(paper.options.values())
    if marked + paper.invalid != paper.returned:
        raise RuleViolation(
            _(
                "Số phiếu hợp lệ của các phương án (%(v)s) cộng số phiếu không hợp lệ (%(x)s) phải bằng số phiếu "
                "thu về (%(r)s): kiểm tra lại biên bản kiểm phiếu."
            )
            % {"v": marked, "x": paper.invalid, "r": paper.returned}
        )
    papers = [ballot_rules.BLANK] * paper.invalid
    for code in (o["code"] for o in ballot.options):
        papers += [code] * paper.options.get(code, 0)
    return papers


@transaction.atomic
def ballot_close(*, actor, ballot: Ballot, upload=None, paper: PaperCount | None = None) -> Ballot:
    """The chair closes the ballot; the papers are counted and the result stored.
    `upload`: the counting board's minutes (biên bản kiểm phiếu), required when paper
    ballots were issued; `paper`: the board's count of them, joined to the papers cast on
    the system (issue 9 point 1)."""
    ballot = Ballot.objects.select_for_update().select_related("case").get(pk=ballot.pk)
    case = ballot.case
    access.require(actor, "approve", case)
    if not ballot.is_open:
        raise RuleViolation(_("Cuộc bỏ phiếu đã kết thúc."))
    papers = list(BallotVote.objects.filter(ballot=ballot).values_list("option", flat=True))
    participated = BallotParticipation.objects.filter(ballot=ballot).count()
    if participated != len(papers):
        raise RuntimeError("participation and papers disagree")  # guarded by ballot_cast's transaction
    on_paper = _paper_checked(ballot, paper)
    if ballot.paper_issued and upload is None:
        raise RuleViolation(_("Cần tải lên biên bản kiểm phiếu của Ban kiểm phiếu (số phiếu giấy)."))
    if not papers and not on_paper:
        raise RuleViolation(_("Chưa có phiếu nào được bỏ: chưa thể kết thúc bỏ phiếu."))
    options = [
        ballot_rules.Option(
            o["code"],
            tuple(rulebook.threshold(c, on=ballot.rules_on) for c in o["thresholds"]),
            alone=bool(o.get("alone")),
        )
        for o in ballot.options
    ]
    result = ballot_rules.tally(options, papers + on_paper, ballot.count_base, cumulative=ballot.cumulative)
    if ballot.paper_issued:
        ballot.paper_returned = paper.returned
        ballot.paper_invalid = paper.invalid
        ballot.paper_tally = {o["code"]: paper.options.get(o["code"], 0) for o in ballot.options}
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
    _reseal(ballot, papers)  # the system's papers only: the paper count stays a count
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
    _journal_closed(actor=actor, ballot=ballot, returned=participated + (paper.returned if ballot.paper_issued else 0))
    return ballot
