"""Reads for discipline cases (kind E): the deciding body's members, the forms open to a
subject, the head of an organisation, the flow's gateways and the case-page panel."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from inspections.models import (
    Case,
    CaseStatus,
    DisciplineCase,
    DisciplineDecision,
    DisciplineDeferral,
    DisciplineGroundRecord,
    DisciplineProposal,
    DisciplineRecord,
    DisciplineResponsibility,
    StateProposal,
    StrikeOff,
)
from inspections.rules.ballot import forms_for
from people import selectors as people_selectors
from people.models import Committee, CommitteeSeat, Organisation, PartyMember, Position

# Seats that vote on a committee (the office's staff do not).
VOTING_SEATS = (CommitteeSeat.Role.CHAIR, CommitteeSeat.Role.DEPUTY, CommitteeSeat.Role.MEMBER)


def _open_on(day: datetime.date) -> Q:
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day))


def _seat_holder_in_party(on: datetime.date, prefix: str) -> Q:
    """A seat's holder without a member record, or a member still in the party on `on`
    (issue 9 point 8: an expelled member no longer counts in a later ballot's base)."""
    return Q(**{f"{prefix}isnull": True}) | people_selectors.in_party_on(on, prefix)


def body_voters(*, committee: Committee | None, organisation: Organisation | None, on: datetime.date) -> QuerySet:
    """Users who sit on the deciding body on `on`: a committee's members (not its staff), or a
    cell's full members who have an account (probationary members do not vote, Charter 3.4)."""
    users = get_user_model().objects.filter(is_active=True)
    if committee is not None:
        seats = CommitteeSeat.objects.filter(_open_on(on), committee=committee, role__in=VOTING_SEATS)
        # A member whose membership ended (expelled, struck, deceased) sits no more (issue 9 point 8).
        seated = users.filter(pk__in=seats.values("user_id")).filter(_seat_holder_in_party(on, "member__"))
        return seated.order_by("full_name", "username")
    if organisation is not None:
        return (
            users.filter(member__organisation=organisation, member__status=PartyMember.Status.FULL)
            .filter(people_selectors.in_party_on(on, "member__"))
            .order_by("full_name", "username")
        )
    return users.none()


@dataclass(frozen=True)
class RosterEntry:
    """One member of the voting body on the meeting day. `key` names the entry in a form
    and in the ballot's roster ("u<user>" for a committee seat, "m<member>" for a cell's
    member); `user_id` is the account that may vote on the system (None: on paper only);
    `member_id` the party member, when known."""

    key: str
    name: str
    user_id: int | None = None
    member_id: int | None = None

    @property
    def has_account(self) -> bool:
        return self.user_id is not None


def body_roster(
    *, committee: Committee | None, organisation: Organisation | None, on: datetime.date
) -> list[RosterEntry]:
    """The voting body's roster on `on`, by name (issue 9 point 1; domain.md §6.2; Reg. 294,
    9.3.2): a committee's voting seats then open (chair, deputies, members; not its staff),
    or a cell's full members (probationary members do not vote, Charter Art. 3.4), accounts
    or not; anyone whose membership had ended is out (issue 9 point 8). The count base is
    computed from it, never typed in."""
    if committee is not None:
        seats = (
            CommitteeSeat.objects.filter(_open_on(on), committee=committee, role__in=VOTING_SEATS)
            .filter(_seat_holder_in_party(on, "user__member__"))
            .select_related("user")
            .order_by("user__full_name", "user__username", "user_id")
        )
        entries, seen = [], set()
        for seat in seats:
            user = seat.user
            if user.pk in seen:
                continue
            seen.add(user.pk)
            entries.append(
                RosterEntry(
                    key=f"u{user.pk}",
                    name=user.get_full_name() or user.get_username(),
                    user_id=user.pk if user.is_active else None,
                    member_id=user.member_id,
                )
            )
        return entries
    if organisation is not None:
        members = (
            PartyMember.objects.filter(organisation=organisation, status=PartyMember.Status.FULL)
            .filter(people_selectors.in_party_on(on))
            .select_related("user")
            .order_by("full_name", "pk")
        )
        entries = []
        for member in members:
            user = getattr(member, "user", None)
            entries.append(
                RosterEntry(
                    key=f"m{member.pk}",
                    name=member.full_name,
                    user_id=user.pk if user is not None and user.is_active else None,
                    member_id=member.pk,
                )
            )
        return entries
    return []


def body_size(*, committee: Committee | None, organisation: Organisation | None, on: datetime.date) -> int:
    """The body's full membership (accounts or not): the length of its roster."""
    return len(body_roster(committee=committee, organisation=organisation, on=on))


def holds_post(member: PartyMember, on: datetime.date) -> bool:
    """Dismissal (cách chức) is open only to a member holding a post (domain.md §6.1)."""
    return Position.objects.filter(_open_on(on), member=member).exists()


def subject_forms(case: Case, on: datetime.date) -> tuple[str, ...]:
    """The forms open to the case's subject, heaviest first (domain.md §6.1)."""
    if case.subject_organisation_id:
        return forms_for("organisation")
    member = case.subject_member
    kind = "probationary" if member.status == PartyMember.Status.PROBATIONARY else "full"
    return forms_for(kind, holds_post=holds_post(member, on))


def heads_of(organisation: Organisation, on: datetime.date) -> QuerySet:
    """Members heading the organisation on `on` (secretary, head of unit)."""
    return PartyMember.objects.filter(
        pk__in=Position.objects.filter(
            _open_on(on), organisation=organisation, kind__in=people_selectors.HEAD_KINDS
        ).values("member_id")
    )


def was_head(member: PartyMember, organisation: Organisation) -> bool:
    return Position.objects.filter(
        member=member, organisation=organisation, kind__in=people_selectors.HEAD_KINDS
    ).exists()


def discipline_of(case: Case) -> DisciplineCase:
    return DisciplineCase.objects.select_related("body_committee", "body_organisation").get(case=case)


def open_deferral(case: Case) -> DisciplineDeferral | None:
    return DisciplineDeferral.objects.filter(case=case, resumed_on__isnull=True).first()


def paused_days(case: Case) -> int:
    """Days the case spent deferred (resumed deferrals)."""
    return sum(
        (d.resumed_on - d.deferred_on).days
        for d in DisciplineDeferral.objects.filter(case=case, resumed_on__isnull=False)
    )


# --- flow gateways ------------------------------------------------------------------------
def needs_self_criticism(case: Case) -> bool:
    return DisciplineCase.objects.filter(case=case, self_criticism=DisciplineCase.SelfCriticism.PENDING).exists()


def is_suspended(case: Case) -> bool:
    return Case.objects.filter(pk=case.pk, status=CaseStatus.SUSPENDED).exists()


def is_closed(case: Case) -> bool:
    return Case.objects.filter(pk=case.pk, status=CaseStatus.CLOSED).exists()


def resumes_at_meeting(case: Case) -> bool:
    """After a deferral: back to the meeting when it was deferred there, else to the
    self-criticism."""
    last = DisciplineDeferral.objects.filter(case=case).order_by("-pk").first()
    return bool(last and last.from_status in (CaseStatus.REPORTED, CaseStatus.PROPOSED))


def outcome_is(case: Case, outcome: str) -> bool:
    return DisciplineCase.objects.filter(case=case, outcome=outcome).exists()


# --- records ------------------------------------------------------------------------------
def records_of_subject(*, member: PartyMember | None = None, organisation: Organisation | None = None) -> QuerySet:
    return DisciplineRecord.objects.filter(member=member, organisation=organisation).order_by("-decided_on", "-pk")


# --- choices for the forms ----------------------------------------------------------------
def _ancestor_paths(path: str) -> list[str]:
    """ "/1/2/3/" -> ["/1/", "/1/2/", "/1/2/3/"]."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def deciding_committees(committees) -> QuerySet:
    """Bodies that may consider a case of these committees: any committee of their
    organisations, of the organisations above (the competent higher bodies) or below."""
    orgs, above = [], set()
    for committee in committees:
        orgs.append(committee.organisation)
        above.update(_ancestor_paths(committee.organisation.path))
    if not above:
        return Committee.objects.none()
    within = people_selectors.within_jurisdiction(orgs, "organisation__path")
    return (
        Committee.objects.filter(within | Q(organisation__path__in=sorted(above)))
        .select_related("organisation")
        .order_by("organisation__path", "kind")
    )


def deciding_cells(committees) -> QuerySet:
    """Organisations in the committees' jurisdiction (a cell deciding on its members)."""
    orgs = [c.organisation for c in committees]
    if not orgs:
        return Organisation.objects.none()
    within = people_selectors.within_jurisdiction(orgs, "path")
    return Organisation.objects.filter(within, is_active=True).order_by("path")


def panel_data(case: Case) -> dict:
    """What the case page shows of a discipline case, in a constant number of queries. The
    case page has already checked that the reader may view the case."""
    return {
        "discipline": DisciplineCase.objects.filter(case=case)
        .select_related("body_committee", "body_organisation")
        .first(),
        "deferrals": list(DisciplineDeferral.objects.filter(case=case).select_related("ground").order_by("pk")),
        "responsibilities": list(
            DisciplineResponsibility.objects.filter(case=case).select_related("member").order_by("-is_head", "pk")
        ),
        "proposals": list(DisciplineProposal.objects.filter(case=case).order_by("pk")),
        "decision": DisciplineDecision.objects.filter(case=case).first(),
        "records": list(DisciplineRecord.objects.filter(case=case).order_by("pk")),
        "state_proposal": StateProposal.objects.filter(case=case).first(),
        # Issue 9 points 7-8: the grounds invoked, the strike-off decision, dismissed posts.
        "grounds": list(DisciplineGroundRecord.objects.filter(case=case).select_related("ground").order_by("pk")),
        "strike_offs": list(StrikeOff.objects.filter(case=case).order_by("pk")),
    }
