"""Bodies of the inspections world beyond the commune inspection committee, for the tests of
sanction authority (issue 9 point 2): the province's committees and the commune's party
committee and standing committee, each built as the world builds its committee."""

import datetime

from people.models import Committee
from tests.factories.people import CommitteeFactory, CommitteeSeatFactory

TERM = datetime.date(2020, 10, 1)


def province_committee(world, kind=Committee.Kind.INSPECTION, seated=()) -> Committee:
    """A committee of the world's province (province.<kind> from 1/7/2025), `seated` users
    on it as members."""
    committee = CommitteeFactory(
        organisation=world.province,
        kind=kind,
        name=f"Tỉnh ủy Thử Nghiệm ({kind})",
        code=f"T{kind[:3]}",
        term_start=TERM,
    )
    for user in seated:
        CommitteeSeatFactory(committee=committee, user=user, role="member", started_on=TERM)
    return committee


def commune_committee(world, kind=Committee.Kind.EXECUTIVE) -> Committee:
    """The commune's party committee or standing committee (commune.<kind> from 1/7/2025)."""
    return CommitteeFactory(
        organisation=world.commune, kind=kind, name=f"Đảng ủy xã An Bình ({kind})", code=f"X{kind[:3]}", term_start=TERM
    )
