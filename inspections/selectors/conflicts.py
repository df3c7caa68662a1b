"""Conflicts of interest (domain.md §7.1; issue 4 point 2): who may not be put on a team,
assigned a task or given a ballot on a case, and why."""

from django.conf import settings
from django.utils.translation import gettext as _

from inspections.models import Case, CaseParty, ConflictDeclaration
from people import selectors as people_selectors
from people.models import Committee

# A denouncer, complainant or witness who is a party member may not investigate the
# matter they brought or testify in (domain.md §7.1 [I]).
CONFLICTING_PARTY_ROLES = (CaseParty.Role.DENOUNCER, CaseParty.Role.COMPLAINANT, CaseParty.Role.WITNESS)


def _cell_on_itself(case: Case) -> bool:
    committee = case.committee
    return committee.kind == Committee.Kind.CELL and committee.organisation_id == case.subject_organisation_id


def conflicts_of(case: Case, user, *, subject: bool = True) -> list[str]:
    """Reasons why `user` has a conflict of interest on `case` (empty when none).

    Checked: the subject themself (unless `subject` is False: access says so for a vote in
    which the subject takes part as a member of the body, issue 9 point 1); members of the
    inspected organisation (configurable, KIEMTRA_CONFLICT_ORG_MEMBERS); relatives of the
    subject (people.Kinship); anyone who declared a conflict on the case; a denouncer,
    complainant or witness of the case who is a party member (CaseParty.member).
    """
    reasons: list[str] = []
    member = getattr(user, "member", None)
    if member is not None:
        if case.subject_member_id and member.pk == case.subject_member_id:
            if subject:
                reasons.append(_("%(name)s là đối tượng của hồ sơ.") % {"name": user})
        elif case.subject_member_id and member.pk in people_selectors.relatives_of(case.subject_member):
            reasons.append(_("%(name)s có quan hệ gia đình với đối tượng.") % {"name": user})
        # A cell supervising itself (issue 9 point 9) works through its own members: being
        # a member of the body's own organisation is then no conflict.
        if (
            case.subject_organisation_id
            and not _cell_on_itself(case)
            and getattr(settings, "KIEMTRA_CONFLICT_ORG_MEMBERS", True)
            and member.organisation.path.startswith(case.subject_organisation.path)
        ):
            reasons.append(_("%(name)s sinh hoạt trong tổ chức là đối tượng.") % {"name": user})
        if CaseParty.objects.filter(case=case, member=member, role__in=CONFLICTING_PARTY_ROLES).exists():
            # Worded without the party's role: the person changing the team (the
            # directing member) may not be allowed to see who the denouncer is.
            reasons.append(
                _(
                    "%(name)s là một bên liên quan của hồ sơ (thông tin được niêm phong), "
                    "không được tham gia giải quyết hồ sơ."
                )
                % {"name": user}
            )
    if ConflictDeclaration.objects.filter(case=case, user=user, has_conflict=True).exists():
        reasons.append(_("%(name)s đã khai có xung đột lợi ích với hồ sơ này.") % {"name": user})
    return reasons
