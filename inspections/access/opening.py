"""Who may open a case, for which body, on which subject (issue 9 point 9).

A seat allowing it (OPENING_SEATS) on a body — an inspection committee, a party committee
(executive), its standing committee, or a cell acting as a body (Committee.Kind.CELL) — lets
a person open the cases that body may open: the CaseOpeningRule table says which case kinds
each body kind may open (a pair without a row is allowed: domain.md gives no bar there), and
the subject must lie within the body's competence:

- a cell: its own members (domain.md §3, §5(B) B.2, §5(D) "the party cell resolves
  denunciations against the members it manages"), and the cell itself for supervision;
- any other body: its organisation's subtree, following merges
  (people.selectors.jurisdiction_paths).

`committees_open_for` feeds the start forms and the flows' start buttons; `opening_refusal`
gives the reason a service refuses, in words that name the rule and what to do next.
"""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections.access.policy import OPENING_SEATS
from inspections.models import CaseKind, CaseOpeningRule
from people import selectors as people_selectors
from people.models import Committee, CommitteeSeat, Organisation, PartyMember

# The kinds in which a cell may take itself as the subject: it supervises its own work
# (domain.md §2.3 lists the cell among the supervised as well as the supervisors).
SELF_SUPERVISION = (CaseKind.REGULAR_SUPERVISION, CaseKind.THEMATIC_SUPERVISION)


def _seats(user):
    today = timezone.localdate()
    return CommitteeSeat.objects.filter(user=user, role__in=OPENING_SEATS, started_on__lte=today).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )


def _barred_kinds(kind: str | None):
    """Body kinds the rule table bars from opening `kind` (None: from opening any kind)."""
    barred = CaseOpeningRule.objects.filter(allowed=False)
    if kind is not None:
        return barred.filter(case_kind=kind).values("committee_kind")
    everything = len(CaseKind.values)
    # order_by(): the table's default ordering would otherwise enter the GROUP BY.
    counted = barred.order_by().values("committee_kind").annotate(n=Count("pk"))
    return counted.filter(n__gte=everything).values("committee_kind")


def committees_open_for(user, kind: str | None = None) -> QuerySet:
    """Bodies on which `user` holds a seat allowing them to open cases today and that the
    rule table lets open cases of `kind` (None: of some kind). One query when evaluated."""
    seats = _seats(user).filter(committee=OuterRef("pk"))
    return Committee.objects.filter(Exists(seats)).exclude(kind__in=_barred_kinds(kind))


def bodies_handling(kind: str) -> QuerySet:
    """Bodies in the system whose kind the rule table lets open cases of `kind` (issue 9
    point 9: cells, party committees and standing committees handle denunciations within
    their competence too): the bodies a letter may be transferred to."""
    return Committee.objects.exclude(kind__in=_barred_kinds(kind))


def can_open_case(user, kind: str | None = None) -> bool:
    """May `user` open a case of `kind` (None: of any kind) for some body?"""
    return bool(user.is_authenticated and user.is_active and committees_open_for(user, kind).exists())


def openable_kinds(user) -> frozenset[str]:
    """The case kinds `user` may open for some body today, in two queries: the kinds of
    the bodies they hold an opening seat on, and the rule table's bars. The same answer
    as `can_open_case(user, kind)` for every kind at once (issue 10: every workflow page
    asks it for each kind's start link)."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    body_kinds = set(
        Committee.objects.filter(Exists(_seats(user).filter(committee=OuterRef("pk"))))
        .order_by()
        .values_list("kind", flat=True)
        .distinct()
    )
    if not body_kinds:
        return frozenset()
    barred: dict[str, set[str]] = {}
    for body_kind, case_kind in CaseOpeningRule.objects.filter(allowed=False).values_list(
        "committee_kind", "case_kind"
    ):
        barred.setdefault(case_kind, set()).add(body_kind)
    return frozenset(kind for kind in CaseKind.values if body_kinds - barred.get(kind, set()))


_OPENABLE = "_kiemtra_openable_kinds"


def opener_of(kind: str):
    """The predicate a flow's start node is available by (viewflow's `.Available`). The
    answer for every kind is computed once per user object — a request's user lives for
    that request — so the menu's start links cost two queries, not one per kind."""

    def may_open(user) -> bool:
        kinds = getattr(user, _OPENABLE, None)
        if kinds is None:
            kinds = openable_kinds(user)
            try:
                setattr(user, _OPENABLE, kinds)
            except AttributeError:  # AnonymousUser and the like: no memo, nothing to open
                pass
        return kind in kinds

    # The 403 page of a start the user may not make says why (start_refusal).
    may_open.case_kind = kind
    return may_open


def holds_opening_seat(user, committee: Committee) -> bool:
    return bool(user.is_authenticated and user.is_active and _seats(user).filter(committee=committee).exists())


def rule_refusal(committee: Committee, kind: str) -> str | None:
    """The rule row that bars `committee`'s kind of body from opening `kind`, in words."""
    rule = CaseOpeningRule.objects.filter(committee_kind=committee.kind, case_kind=kind, allowed=False).first()
    if rule is None:
        return None
    message = _(
        "Theo quy tắc “%(rule)s: không được lập hồ sơ” (căn cứ: %(source)s%(provisional)s), %(body)s không lập "
        "được hồ sơ “%(kind)s”."
    ) % {
        "rule": str(rule),
        "source": rule.source or _("chưa tìm thấy văn bản quy định"),
        "provisional": _(", tạm tính") if rule.provisional else "",
        "body": committee.name,
        "kind": rule.get_case_kind_display(),
    }
    what_next = rule.note or _("Chuyển đến cơ quan có thẩm quyền, hoặc đề nghị quản trị viên xem lại quy tắc này.")
    return f"{message} {what_next}"


def start_refusal(user, kind: str) -> str:
    """Why `user` may not open any case of `kind`, in words, with what to do next: the rule
    rows barring the bodies they sit on, or that they hold no seat that opens cases."""
    seats = _seats(user).select_related("committee") if user.is_authenticated else CommitteeSeat.objects.none()
    committees = {seat.committee_id: seat.committee for seat in seats}
    refusals = [refusal for committee in committees.values() if (refusal := rule_refusal(committee, kind))]
    if refusals:
        return " ".join(dict.fromkeys(refusals))
    return _(
        "Hồ sơ “%(kind)s” do cán bộ hoặc thành viên của cơ quan có thẩm quyền lập (Ủy ban kiểm tra, cấp ủy, ban "
        "thường vụ, chi bộ), và tài khoản của bạn hiện không giữ vị trí nào ở cơ quan như vậy. Nếu bạn cần lập hồ "
        "sơ, đề nghị quản trị viên ghi nhận vị trí của bạn trong cơ quan đó."
    ) % {"kind": CaseKind(kind).label}


def _within(path: str, paths: list[str]) -> bool:
    return any(path.startswith(prefix) for prefix in paths)


def _cell_refusal(kind: str, member, organisation, paths: list[str]) -> str | None:
    if member is not None:
        if _within(member.organisation.path, paths):
            return None
        return _(
            "Chi bộ chỉ kiểm tra, giám sát, giải quyết tố cáo và xem xét kỷ luật đảng viên của chi bộ mình "
            "(domain.md §3, §5(B) B.2, §5(D)); đảng viên %(member)s sinh hoạt tại %(where)s: chuyển đến chi bộ "
            "đó hoặc cấp ủy, Ủy ban kiểm tra có thẩm quyền."
        ) % {"member": member.full_name, "where": member.organisation.name}
    if kind in SELF_SUPERVISION and _within(organisation.path, paths):
        return None
    return _(
        "Chi bộ chỉ lấy chính chi bộ mình làm đối tượng giám sát; kiểm tra, giải quyết tố cáo đối với tổ chức "
        "đảng “%(subject)s” thuộc thẩm quyền cấp ủy, Ủy ban kiểm tra cấp trên: chuyển đến cơ quan đó."
    ) % {"subject": organisation.name}


def competence_refusal(
    committee: Committee, kind: str, *, member: PartyMember | None, organisation: Organisation | None
) -> str | None:
    """Why the subject lies outside the body's competence (see the module doc), or None."""
    if member is None and organisation is None:
        return None
    own = committee.organisation
    paths = people_selectors.jurisdiction_paths(own)
    if committee.kind == Committee.Kind.CELL:
        return _cell_refusal(kind, member, organisation, paths)
    subject_org = member.organisation if member is not None else organisation
    if _within(subject_org.path, paths):
        return None
    return _(
        "%(body)s chỉ xem xét đảng viên, tổ chức đảng thuộc %(org)s và các tổ chức trực thuộc; %(subject)s thuộc "
        "%(where)s: chuyển đến cơ quan có thẩm quyền đối với %(where)s."
    ) % {
        "body": committee.name,
        "org": own.name,
        "subject": member.full_name if member is not None else organisation.name,
        "where": subject_org.name,
    }


def opening_refusal(
    user,
    committee: Committee,
    kind: str,
    *,
    subject_member: PartyMember | None = None,
    subject_organisation: Organisation | None = None,
) -> str | None:
    """Why `user` may not open a case of `kind` for `committee` on this subject, or None.
    A user without a seat allowing it is not asked: the caller refuses them (403)."""
    return rule_refusal(committee, kind) or competence_refusal(
        committee, kind, member=subject_member, organisation=subject_organisation
    )
