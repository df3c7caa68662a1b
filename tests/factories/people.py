"""factory_boy factories for people: valid rows, no workflow side effects.

Organisation levels come from the data migration, so level factories look rows up by
code rather than invent new levels. Organisations are built through `organisation_create`
so their materialised path and level rule are the production ones.
"""

import datetime

import factory
from django.utils import timezone

from people.models import (
    AuditMandate,
    Committee,
    CommitteeSeat,
    Kinship,
    Organisation,
    OrgLevel,
    PartyMember,
    Position,
    User,
)
from people.services.organisations import organisation_create

TEST_PASSWORD = "mat-khau-thu-nghiem-2026"


def org_level(code: str) -> OrgLevel:
    """One of the levels seeded by people/migrations/0002_org_levels.py."""
    return OrgLevel.objects.get(code=code)


class OrgLevelFactory(factory.django.DjangoModelFactory):
    """Returns the seeded level with `code`; creates it only for codes the seed lacks."""

    class Meta:
        model = OrgLevel
        django_get_or_create = ("code",)

    code = "cell"
    name = factory.LazyAttribute(lambda o: f"Cấp {o.code}")
    structure = OrgLevel.Structure.CURRENT
    rank = 3


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A root organisation by default; pass `level_code` and `parent` to build a tree."""

    class Meta:
        model = Organisation

    class Params:
        level_code = "province"

    name = factory.Sequence(lambda n: f"Tổ chức đảng số {n}")
    level = factory.LazyAttribute(lambda o: org_level(o.level_code))
    parent = None
    short_name = ""
    founded_on = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return organisation_create(**kwargs)


class PartyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyMember

    full_name = factory.Sequence(lambda n: f"Đảng viên số {n}")
    birth_date = datetime.date(1980, 1, 1)
    sex = PartyMember.Sex.MALE
    card_number = factory.Sequence(lambda n: f"9{n:07d}")
    organisation = factory.SubFactory(OrganisationFactory, level_code="cell")
    joined_on = datetime.date(2005, 1, 1)
    status = PartyMember.Status.FULL


class UserFactory(factory.django.DjangoModelFactory):
    """An account with `TEST_PASSWORD` (pass ``password=None`` for an unusable one, as for
    people who only ever sign in with force_login). No member unless one is passed."""

    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng số {n}")
    password = factory.django.Password(TEST_PASSWORD)
    member = None


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    organisation = factory.SubFactory(OrganisationFactory, level_code="commune")
    kind = Committee.Kind.INSPECTION
    name = factory.LazyAttribute(lambda o: f"Ủy ban Kiểm tra {o.organisation.name}")
    code = "UBKTĐU"
    term_start = datetime.date(2025, 7, 1)


class CommitteeSeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeSeat

    committee = factory.SubFactory(CommitteeFactory)
    user = factory.SubFactory(UserFactory)
    role = CommitteeSeat.Role.MEMBER
    started_on = datetime.date(2025, 7, 1)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    member = factory.SubFactory(PartyMemberFactory)
    organisation = factory.LazyAttribute(lambda o: o.member.organisation)
    kind = Position.Kind.SECRETARY
    started_on = datetime.date(2025, 7, 1)


class KinshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kinship

    member = factory.SubFactory(PartyMemberFactory)
    relative = factory.SubFactory(PartyMemberFactory, organisation=factory.SelfAttribute("..member.organisation"))
    relation = Kinship.Relation.SIBLING


class AuditMandateFactory(factory.django.DjangoModelFactory):
    """An auditor's mandate over an organisation subtree, in force today by default."""

    class Meta:
        model = AuditMandate

    class Params:
        days = 365

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    valid_from = factory.LazyAttribute(lambda o: timezone.localdate() - datetime.timedelta(days=o.days))
    valid_to = factory.LazyAttribute(lambda o: timezone.localdate() + datetime.timedelta(days=o.days))
