"""The demo data set: its size, its cast of users, and idempotency."""

import datetime

import pytest

from people import selectors
from people.demo import DEMO_PASSWORD, build_demo_people
from people.models import (
    AuditMandate,
    Committee,
    CommitteeSeat,
    Kinship,
    Organisation,
    OrganisationSuccession,
    OrgLevel,
    PartyMember,
    Position,
    User,
)

COUNTED = [
    AuditMandate,
    Committee,
    CommitteeSeat,
    Kinship,
    Organisation,
    OrganisationSuccession,
    OrgLevel,
    PartyMember,
    Position,
    User,
]
DEMO_USERS = {"canbo", "truongdoan", "uyvien", "chunhiem", "kiemsoat", "doituong", "bithu", "phobithu", "admin"}
DAY = datetime.date(2026, 3, 1)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def demo(settings):
    return build_demo_people()


@pytest.mark.django_db
def test_build_demo_people_meets_counts_and_is_idempotent(demo):
    counts = _counts()

    again = build_demo_people()

    assert _counts() == counts
    assert again == demo
    assert len(demo["communes"]) >= 3
    assert len(demo["cells"]) >= 150
    assert all(Organisation.objects.filter(parent=c).count() >= 50 for c in demo["communes"])
    assert counts["PartyMember"] == 3000
    assert set(demo["users"]) == DEMO_USERS
    assert PartyMember.objects.filter(status=PartyMember.Status.PROBATIONARY).exists()
    assert not PartyMember.objects.exclude(organisation__in=demo["cells"]).exists()


@pytest.mark.django_db
def test_build_demo_people_members_are_plausible(demo):
    members = list(PartyMember.objects.all())

    assert len({m.card_number for m in members}) == 3000
    assert all(datetime.date(1950, 1, 1) <= m.birth_date <= datetime.date(2000, 12, 31) for m in members)
    assert all((m.joined_on - m.birth_date).days >= 18 * 365 + 4 for m in members)
    assert all(m.sex == "M" for m in members if " Văn " in m.full_name)
    assert all(m.sex == "F" for m in members if " Thị " in m.full_name)
    assert sum(m.full_name.startswith("Nguyễn ") for m in members) > 600


@pytest.mark.django_db
def test_build_demo_people_cast_of_users(demo):
    users = demo["users"]
    committee = demo["inspection_committee"]
    roles = {s.user.username: s.role for s in CommitteeSeat.objects.filter(committee=committee).select_related("user")}

    assert committee.organisation == demo["communes"][0] and committee.code == "UBKTĐU"
    assert roles == {"canbo": "staff", "truongdoan": "member", "uyvien": "member", "chunhiem": "chair"}
    assert users["canbo"].full_name == "Nguyễn Thị Lan"
    assert users["canbo"].check_password(DEMO_PASSWORD)
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert not any(u.is_staff for name, u in users.items() if name != "admin")
    mandate = AuditMandate.objects.get(user=users["kiemsoat"])
    assert (mandate.organisation, mandate.valid_from, mandate.valid_to) == (
        demo["province"],
        datetime.date(2025, 1, 1),
        datetime.date(2030, 12, 31),
    )


@pytest.mark.django_db
def test_build_demo_people_subject_is_plain_member_of_a_cell_with_a_secretary(demo):
    subject = demo["subject_member"]
    cell = demo["subject_org"]
    secretaries = Position.objects.filter(organisation=cell, kind=Position.Kind.SECRETARY)

    assert demo["users"]["doituong"].member == subject
    assert subject.organisation == cell and cell.parent == demo["communes"][0]
    assert not subject.positions.exists() and not selectors.is_head(subject, DAY)
    assert not CommitteeSeat.objects.filter(user=demo["users"]["doituong"]).exists()
    assert secretaries.count() == 1 and selectors.is_head(secretaries.get().member, DAY)


@pytest.mark.django_db
def test_build_demo_people_gives_every_cell_a_secretary_and_communes_their_bodies(demo):
    secretaries = Position.objects.filter(kind=Position.Kind.SECRETARY)

    assert set(secretaries.filter(organisation__in=demo["cells"]).values_list("organisation", flat=True)) == {
        c.pk for c in demo["cells"]
    }
    for commune in demo["communes"]:
        assert set(commune.committees.values_list("kind", flat=True)) == {"inspection", "standing", "executive"}
        assert secretaries.filter(organisation=commune).count() == 1
        assert commune.positions.filter(kind=Position.Kind.DEPUTY_SECRETARY).exists()
        assert Position.objects.filter(organisation__parent=commune, kind=Position.Kind.HEAD_OF_UNIT).exists()


@pytest.mark.django_db
def test_build_demo_people_subject_cell_acts_as_a_body(demo):
    """Issue 9 point 9: the subject's cell is a body (kind "cell") seating its secretary and
    deputy secretary, who hold those posts; the member it inspects sits in the cell."""
    body = demo["cell_body"]
    seats = {s.user.username: s.role for s in CommitteeSeat.objects.filter(committee=body).select_related("user")}

    assert (body.kind, body.organisation, body.code) == (Committee.Kind.CELL, demo["subject_org"], "CB")
    assert seats == {"bithu": CommitteeSeat.Role.CHAIR, "phobithu": CommitteeSeat.Role.DEPUTY}
    secretary = Position.objects.get(organisation=body.organisation, kind=Position.Kind.SECRETARY)
    assert secretary.member == demo["users"]["bithu"].member
    assert demo["cell_subject"].organisation == body.organisation
    assert not User.objects.filter(member=demo["cell_subject"]).exists()
