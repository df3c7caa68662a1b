"""A small world for the inspections tests, built from the people models directly.

One province; under it a commune whose inspection committee (UBKTĐU) does the work; under
the commune a cell with the subject member and the committee office's own cell. People:
staff (drafts), leader and member2 (committee members on the team), chair (signs), an
outsider with no seat, the subject's user account, a relative of the subject, a member of
the subject's cell, and an auditor with a mandate over the province.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from inspections.models import KeyArea
from inspections.services.cases import case_open
from people.models import AuditMandate, Committee, CommitteeSeat, OrgLevel, PartyMember, User
from people.services.organisations import organisation_create

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
TERM_START = datetime.date(2020, 10, 1)


def _level(code: str, rank: int, name: str, *, committee: bool) -> OrgLevel:
    level, _ = OrgLevel.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "structure": OrgLevel.Structure.CURRENT,
            "rank": rank,
            "may_have_inspection_committee": committee,
        },
    )
    return level


def _member(name: str, card: str, organisation) -> PartyMember:
    return PartyMember.objects.create(
        full_name=name,
        birth_date=datetime.date(1975, 5, 1),
        sex=PartyMember.Sex.MALE,
        card_number=card,
        organisation=organisation,
        joined_on=datetime.date(2000, 5, 19),
    )


def _user(username: str, full_name: str, member: PartyMember | None = None, **extra) -> User:
    return User.objects.create_user(username=username, full_name=full_name, member=member, **extra)


def _seat(committee: Committee, user: User, role: str) -> CommitteeSeat:
    return CommitteeSeat.objects.create(committee=committee, user=user, role=role, started_on=TERM_START)


@pytest.fixture
def world(db):
    province_level = _level("province", 1, "Đảng bộ tỉnh", committee=True)
    commune_level = _level("commune", 2, "Đảng bộ xã, phường, đặc khu", committee=True)
    cell_level = _level("cell", 3, "Chi bộ", committee=False)

    province = organisation_create(name="Đảng bộ tỉnh Thử Nghiệm", level=province_level)
    commune = organisation_create(name="Đảng bộ xã An Bình", level=commune_level, parent=province)
    cell = organisation_create(name="Chi bộ thôn Đông", level=cell_level, parent=commune)
    office_cell = organisation_create(name="Chi bộ cơ quan Đảng ủy xã", level=cell_level, parent=commune)
    committee = Committee.objects.create(
        organisation=commune,
        kind=Committee.Kind.INSPECTION,
        name="Ủy ban kiểm tra Đảng ủy xã An Bình",
        code="UBKTĐU",
        term_start=TERM_START,
    )

    subject_member = _member("Nguyễn Văn Đối", "DV-0001", cell)
    relative_member = _member("Nguyễn Thị Thân", "DV-0002", cell)
    cellmate_member = _member("Trần Văn Cùng", "DV-0003", cell)
    other_member = _member("Lê Văn Khác", "DV-0004", cell)

    staff = _user("staff", "Phạm Thị Chuyên", _member("Phạm Thị Chuyên", "DV-0101", office_cell))
    leader = _user("leader", "Hoàng Văn Trưởng", _member("Hoàng Văn Trưởng", "DV-0102", office_cell))
    member2 = _user("member2", "Vũ Thị Viên", _member("Vũ Thị Viên", "DV-0103", office_cell))
    chair = _user("chair", "Đỗ Văn Chủ", _member("Đỗ Văn Chủ", "DV-0104", office_cell))
    _seat(committee, staff, CommitteeSeat.Role.STAFF)
    _seat(committee, leader, CommitteeSeat.Role.MEMBER)
    _seat(committee, member2, CommitteeSeat.Role.MEMBER)
    _seat(committee, chair, CommitteeSeat.Role.CHAIR)

    today = timezone.localdate()
    auditor = _user("auditor", "Kiểm Soát Viên")
    AuditMandate.objects.create(
        user=auditor,
        organisation=province,
        valid_from=today - datetime.timedelta(days=365),
        valid_to=today + datetime.timedelta(days=365),
    )

    area_a, _ = KeyArea.objects.get_or_create(code="test-to-chuc", defaults={"name": "Tổ chức (thử)", "order": 90})
    area_b, _ = KeyArea.objects.get_or_create(code="test-tai-chinh", defaults={"name": "Tài chính (thử)", "order": 91})

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
        outsider=_user("outsider", "Người Ngoài"),
        subject=_user("subject", "Nguyễn Văn Đối", subject_member),
        relative=_user("relative", "Nguyễn Thị Thân", relative_member),
        cellmate=_user("cellmate", "Trần Văn Cùng", cellmate_member),
        auditor=auditor,
        key_areas=[area_a, area_b],
    )


@pytest.fixture
def open_case(world):
    """Open a planned inspection of the subject member as staff, with leader and member2."""

    def _open(declare=True, **overrides):
        arguments = {
            "actor": world.staff,
            "committee": world.committee,
            "title": "Kiểm tra việc chấp hành nguyên tắc tập trung dân chủ",
            "grounds": "Chương trình kiểm tra, giám sát năm",
            "subject_member": world.subject_member,
            "key_areas": world.key_areas,
            "leader": world.leader,
            "members": [world.member2],
        }
        arguments.update(overrides)
        case = case_open(**arguments)
        if declare:
            # Team members record "no conflict" before seeing the file (issue 4 point 2).
            from inspections.models import CaseRole
            from inspections.services.teams import conflict_declare

            for role in CaseRole.objects.filter(case=case, role__in=["leader", "member", "director"]):
                conflict_declare(actor=role.user, case=case, has_conflict=False)
        return case

    return _open


@pytest.fixture
def pdf_bytes() -> bytes:
    return PDF_BYTES


@pytest.fixture
def pdf():
    """Factory of small valid PDF uploads."""

    def _pdf(name: str = "bien-ban.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, content, content_type="application/pdf")

    return _pdf


@pytest.fixture
def journal_unlocked(db):
    """Remove the append-only triggers for this test only, as an attacker with DDL rights
    would. DDL is transactional on SQLite and PostgreSQL: the test's rollback restores them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Django's foreign keys are deferred: run their pending checks now, since
            # PostgreSQL refuses ALTER TABLE on a table with pending trigger events.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE inspections_journalentry DISABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            cursor.execute("DROP TRIGGER journal_no_update")
            cursor.execute("DROP TRIGGER journal_no_delete")
    return connection
