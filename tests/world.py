"""One builder for the small worlds the tests live in, on the factories of tests/factories.

`WorldBuilder` knows how this project's people are put together: organisation levels and
organisations, committees with their seats, party members, accounts linked to them,
auditors with a mandate, the secretary of a cell. Each world a suite uses is a short
recipe on it (`workflow_world`, `inspections_world`, `complaint_world`); the suites'
`world`/`cworld` fixtures only call a recipe, and a test that needs one more person asks
a `WorldBuilder` for them, so that person is built the same way as the world's own.

Only rows are written, through the factories: no case, task, journal entry or status.
"""

import datetime
import itertools
from collections.abc import Iterator
from types import SimpleNamespace

from inspections.rulebook import DEFAULT_DECIDING_BODIES
from people.models import Committee, CommitteeSeat, Organisation, OrgLevel, PartyMember, Position, User
from tests.factories.people import (
    AuditMandateFactory,
    CommitteeFactory,
    CommitteeSeatFactory,
    OrganisationFactory,
    OrgLevelFactory,
    PartyMemberFactory,
    PositionFactory,
    UserFactory,
)
from tests.factories.rules import DecidingBodyKindFactory, KeyAreaFactory

# The password of the workflow world's accounts (the browser tests sign in with it).
WORKFLOW_PASSWORD = "pw-Kiemtra-2026!"


class WorldBuilder:
    """Builds people and bodies with one world's conventions: the day seats start, the
    accounts' password (None: unusable, for tests that only use force_login), and the
    birth date, admission date and card numbers of the members it makes."""

    def __init__(
        self,
        *,
        term_start: datetime.date,
        password: str | None = None,
        born: datetime.date = datetime.date(1980, 1, 1),
        joined: datetime.date = datetime.date(2005, 1, 1),
        cards: Iterator[str] | None = None,
        sex: str = PartyMember.Sex.MALE,
    ):
        self.term_start = term_start
        self.password = password
        self.born = born
        self.joined = joined
        self.sex = sex
        # None: PartyMemberFactory's sequence numbers the cards.
        self.cards = cards

    def level(self, code: str, rank: int, name: str = "", **extra) -> OrgLevel:
        """The level with `code` (a seeded one is returned as it is)."""
        return OrgLevelFactory(code=code, rank=rank, name=name or code, **extra)

    def organisation(self, name: str, level: OrgLevel, parent: Organisation | None = None) -> Organisation:
        return OrganisationFactory(name=name, level=level, parent=parent)

    def committee(self, organisation: Organisation, name: str, code: str, kind=Committee.Kind.INSPECTION) -> Committee:
        return CommitteeFactory(organisation=organisation, kind=kind, name=name, code=code, term_start=self.term_start)

    def member(self, name: str, organisation: Organisation, *, card: str | None = None, **fields) -> PartyMember:
        values = {"birth_date": self.born, "sex": self.sex, "joined_on": self.joined} | fields
        if card is None and self.cards is not None:
            card = next(self.cards)
        if card is not None:
            values["card_number"] = card
        return PartyMemberFactory(full_name=name, organisation=organisation, **values)

    def seat(self, committee: Committee, user: User, role: str, **fields) -> CommitteeSeat:
        return CommitteeSeatFactory(committee=committee, user=user, role=role, started_on=self.term_start, **fields)

    def user(
        self, username: str, name: str = "", *, member=None, seat: str = "", on: Committee | None = None, **fields
    ) -> User:
        """An account (linked to `member` if given), seated on `on` as `seat` if given."""
        fields.setdefault("password", self.password)
        user = UserFactory(username=username, full_name=name, member=member, **fields)
        if seat:
            self.seat(on, user, seat)
        return user

    def person(
        self, username: str, name: str, organisation: Organisation, *, seat: str = "", on=None, card=None, **fields
    ) -> User:
        """A party member of `organisation` with an account, seated on `on` if `seat`."""
        return self.user(username, name, member=self.member(name, organisation, card=card, **fields), seat=seat, on=on)

    def auditor(self, username: str, name: str, organisation: Organisation, **mandate) -> User:
        """An account with an audit mandate over `organisation` (a year either side of today
        unless `valid_from`/`valid_to` are given)."""
        user = self.user(username, name)
        AuditMandateFactory(user=user, organisation=organisation, **mandate)
        return user

    def secretary(self, name: str, cell: Organisation) -> PartyMember:
        """A member of `cell` holding its secretary position since the term start."""
        member = self.member(name, cell)
        PositionFactory(member=member, organisation=cell, kind=Position.Kind.SECRETARY, started_on=self.term_start)
        return member


def workflow_world() -> dict:
    """tests/workflow: a commune with its inspection committee, another commune's committee,
    a cell; staff, leader, member and chair seated, an outsider seated elsewhere, the
    subject (a member of the cell) and the cell's secretary."""
    build = WorldBuilder(
        term_start=datetime.date(2025, 7, 1),
        password=WORKFLOW_PASSWORD,
        cards=(f"C{n}" for n in itertools.count(1000)),
    )
    province = build.organisation("Đảng bộ tỉnh Thử", build.level("wf-province", 1, "province"))
    commune_level = build.level("wf-commune", 2, "commune")
    commune = build.organisation("Đảng bộ xã Thử", commune_level, province)
    other_commune = build.organisation("Đảng bộ xã Khác", commune_level, province)
    cell = build.organisation("Chi bộ thôn 1", build.level("wf-cell", 3, "cell"), commune)
    committee = build.committee(commune, "UBKT Đảng ủy xã Thử", "UBKTĐU")
    other_committee = build.committee(other_commune, "UBKT xã Khác", "UBKTK")
    # The world's levels are its own (an administrator's configuration): its bodies decide
    # as the shipped commune and province kinds, by rows of the deciding-body table (issue 9
    # point 2), from the restructuring day.
    shipped = {d.code: d.label for d in DEFAULT_DECIDING_BODIES}
    for level, tier in ((commune_level, "commune"), (province.level, "province")):
        for kind in (Committee.Kind.EXECUTIVE, Committee.Kind.STANDING, Committee.Kind.INSPECTION):
            DecidingBodyKindFactory(
                level=level,
                committee_kind=kind,
                code=f"{tier}.{kind}",
                label=shipped[f"{tier}.{kind}"],
                effective_from=datetime.date(2025, 7, 1),
                provisional=True,
            )
    # The province inspection committee: the competent body for dismissal and expulsion.
    province_committee = build.committee(province, "UBKT Tỉnh ủy Thử", "UBKTTU")
    role = CommitteeSeat.Role
    users = {
        "staff": build.person("staff", "Nguyễn Thị Lan", province, seat=role.STAFF, on=committee),
        "leader": build.person("leader", "Trần Văn Hùng", province, seat=role.MEMBER, on=committee),
        "member": build.person("member", "Lê Thị Mai", province, seat=role.MEMBER, on=committee),
        "chair": build.person("chair", "Phạm Đức Minh", province, seat=role.CHAIR, on=committee),
        "outsider": build.person("outsider", "Hoàng Văn Nam", province, seat=role.STAFF, on=other_committee),
        "subject": build.person("subject", "Vũ Văn Tâm", cell),
    }
    return {
        "province": province,
        "commune": commune,
        "cell": cell,
        "committee": committee,
        "province_committee": province_committee,
        "users": users,
        "subject_member": users["subject"].member,
        "secretary": build.secretary("Đỗ Thị Hoa", cell),
    }


def inspections_world() -> SimpleNamespace:
    """tests/inspections: see the module docstring of tests/inspections/conftest.py."""
    build = WorldBuilder(
        term_start=datetime.date(2020, 10, 1), born=datetime.date(1975, 5, 1), joined=datetime.date(2000, 5, 19)
    )
    province = build.organisation(
        "Đảng bộ tỉnh Thử Nghiệm", build.level("province", 1, "Đảng bộ tỉnh", may_have_inspection_committee=True)
    )
    commune_level = build.level("commune", 2, "Đảng bộ xã, phường, đặc khu", may_have_inspection_committee=True)
    cell_level = build.level("cell", 3, "Chi bộ", may_have_inspection_committee=False)
    commune = build.organisation("Đảng bộ xã An Bình", commune_level, province)
    cell = build.organisation("Chi bộ thôn Đông", cell_level, commune)
    office_cell = build.organisation("Chi bộ cơ quan Đảng ủy xã", cell_level, commune)
    committee = build.committee(commune, "Ủy ban kiểm tra Đảng ủy xã An Bình", "UBKTĐU")
    subject_member = build.member("Nguyễn Văn Đối", cell, card="DV-0001")
    relative_member = build.member("Nguyễn Thị Thân", cell, card="DV-0002")
    cellmate_member = build.member("Trần Văn Cùng", cell, card="DV-0003")
    other_member = build.member("Lê Văn Khác", cell, card="DV-0004")
    staff = build.person("staff", "Phạm Thị Chuyên", office_cell, card="DV-0101")
    leader = build.person("leader", "Hoàng Văn Trưởng", office_cell, card="DV-0102")
    member2 = build.person("member2", "Vũ Thị Viên", office_cell, card="DV-0103")
    chair = build.person("chair", "Đỗ Văn Chủ", office_cell, card="DV-0104")
    role = CommitteeSeat.Role
    for user, seat in ((staff, role.STAFF), (leader, role.MEMBER), (member2, role.MEMBER), (chair, role.CHAIR)):
        build.seat(committee, user, seat)
    auditor = build.auditor("auditor", "Kiểm Soát Viên", province)
    key_areas = [
        KeyAreaFactory(code="test-to-chuc", name="Tổ chức (thử)", order=90),
        KeyAreaFactory(code="test-tai-chinh", name="Tài chính (thử)", order=91),
    ]
    return SimpleNamespace(
        province=province,
        commune=commune,
        cell=cell,
        office_cell=office_cell,
        committee=committee,
        commune_level=commune_level,
        cell_level=cell_level,
        subject_member=subject_member,
        relative_member=relative_member,
        other_member=other_member,
        staff=staff,
        leader=leader,
        member2=member2,
        chair=chair,
        outsider=build.user("outsider", "Người Ngoài"),
        subject=build.user("subject", "Nguyễn Văn Đối", member=subject_member),
        relative=build.user("relative", "Nguyễn Thị Thân", member=relative_member),
        cellmate=build.user("cellmate", "Trần Văn Cùng", member=cellmate_member),
        auditor=auditor,
        key_areas=key_areas,
    )


def complaint_world() -> dict:
    """tests/workflow complaint suites: see tests/workflow/discipline_complaint_helpers.py."""
    build = WorldBuilder(
        term_start=datetime.date(2025, 7, 1),
        born=datetime.date(1979, 3, 3),
        joined=datetime.date(2004, 2, 3),
        cards=(f"K{n}" for n in itertools.count(5000)),
    )
    province = build.organisation("Đảng bộ tỉnh Thử", build.level("province", 1))
    commune = build.organisation("Đảng bộ xã An Hòa", build.level("commune", 2), province)
    other_commune = build.organisation("Đảng bộ xã Khác", build.level("commune", 2), province)
    cell = build.organisation("Chi bộ thôn Tây", build.level("cell", 3), commune)
    kind = Committee.Kind
    ic = build.committee(commune, "Ủy ban kiểm tra Đảng ủy xã An Hòa", "UBKTĐU")
    standing = build.committee(commune, "Ban Thường vụ Đảng ủy xã An Hòa", "BTVĐU", kind.STANDING)
    executive = build.committee(commune, "Ban Chấp hành Đảng bộ xã An Hòa", "ĐU", kind.EXECUTIVE)
    other_ic = build.committee(other_commune, "Ủy ban kiểm tra xã Khác", "UBKTK")
    role = CommitteeSeat.Role
    users = {
        "staff": build.person("staff", "Nguyễn Thị Lan", province, seat=role.STAFF, on=ic),
        "staff2": build.person("staff2", "Đặng Văn Sổ", province, seat=role.STAFF, on=ic),
        "leader": build.person("leader", "Trần Văn Hùng", province, seat=role.MEMBER, on=ic),
        "member": build.person("member", "Lê Thị Mai", province, seat=role.MEMBER, on=ic),
        "director": build.person("director", "Bùi Văn Phụ", province, seat=role.DEPUTY, on=ic),
        "chair": build.person("chair", "Phạm Đức Minh", province, seat=role.CHAIR, on=ic),
        "outsider": build.person("outsider", "Hoàng Văn Nam", province, seat=role.STAFF, on=other_ic),
        "subject": build.person("subject", "Vũ Văn Tâm", cell),
    }
    secretary = build.secretary("Đỗ Thị Hoa", cell)
    KeyAreaFactory(code="kn-test", name="Khiếu nại (thử)", order=99)
    return {
        "province": province,
        "commune": commune,
        "cell": cell,
        "ic": ic,
        "standing": standing,
        "executive": executive,
        "other_ic": other_ic,
        "users": users,
        "subject_member": users["subject"].member,
        "secretary": secretary,
    }
