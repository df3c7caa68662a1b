"""Demo data: one province, three communes with their cells, 3,000 members and demo users.

`build_demo_people` is deterministic for a seed and idempotent: the province organisation
named PROVINCE_NAME marks an existing demo, and a second call only looks the objects up.
Organisations are created through the services, as production does; members and
positions are bulk-inserted because they are plain rows with no rule beyond constraints.
"""

import datetime
import random

from django.db import transaction

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

DEMO_PASSWORD = "kiemtra-demo-2026"  # noqa: S105 - published demo password, never a real account  # nosec B105
PROVINCE_NAME = "Đảng bộ tỉnh Hòa Bình (dữ liệu mẫu)"
MEMBER_COUNT = 3000
VILLAGE_CELLS_PER_COMMUNE = 42
# New commune, ward and special-zone committees exist since 1/7/2025 (domain.md §2.1).
TERM_START = datetime.date(2025, 7, 1)
# Full members joined at least a year before; probationary ones during the last year.
FULL_JOINED_BY = datetime.date(2024, 12, 31)
PROBATION_FROM = datetime.date(2025, 1, 15)
PROBATION_TO = datetime.date(2025, 12, 15)
ADULT_DAYS = 18 * 365 + 6  # past the 18th birthday whatever the leap years

# (display name, kind of commune) — the first one holds the demo inspection committee.
COMMUNES = [("Tân Lập", "xã"), ("Đông Hòa", "phường"), ("Yên Phúc", "xã")]
FIRST_VILLAGE = "Đồng Tâm"  # the subject's cell in the first commune

# username -> (full name, sex, birth date, card number); None when not a party member.
# Fixed card numbers sit below the generated range so the members can be found again.
DEMO_PEOPLE = {
    "canbo": ("Nguyễn Thị Lan", "F", datetime.date(1988, 3, 12), "00000101"),
    "truongdoan": ("Trần Văn Hùng", "M", datetime.date(1976, 9, 2), "00000102"),
    "uyvien": ("Lê Minh Tuấn", "M", datetime.date(1982, 5, 19), "00000103"),
    "chunhiem": ("Phạm Quốc Khánh", "M", datetime.date(1972, 11, 7), "00000104"),
    "doituong": ("Hoàng Văn Đức", "M", datetime.date(1970, 1, 25), "00000105"),
    "kiemsoat": ("Đỗ Thị Hằng", "F", datetime.date(1979, 6, 30), None),
    # The secretary and deputy secretary of the subject's cell, seated on the cell as a
    # body (Committee.Kind.CELL, issue 9 point 9).
    "bithu": ("Bùi Văn Thành", "M", datetime.date(1974, 4, 14), "00000106"),
    "phobithu": ("Quách Thị Nhàn", "F", datetime.date(1983, 8, 21), "00000107"),
    "admin": ("Quản trị hệ thống", None, None, None),
}
SUBJECT_CARD = DEMO_PEOPLE["doituong"][3]
# Members of the subject's cell (they sit on the cell as a body, or are its own subject).
CELL_PEOPLE = ("doituong", "bithu", "phobithu")
CELL_SEATS = {"bithu": CommitteeSeat.Role.CHAIR, "phobithu": CommitteeSeat.Role.DEPUTY}
# The member the cell inspects upon signs of violation (domain.md §5(B) B.2); no account.
CELL_SUBJECT = ("Đinh Văn Lực", "M", datetime.date(1968, 2, 9), "00000108")
CELL_CODE = "CB"
SEATS = {
    "chunhiem": CommitteeSeat.Role.CHAIR,
    "uyvien": CommitteeSeat.Role.MEMBER,
    "truongdoan": CommitteeSeat.Role.MEMBER,
    "canbo": CommitteeSeat.Role.STAFF,
}

# Family names with rough national frequencies (per cent); Bùi, Đinh, Hà and Quách are
# weighted up because the demo province is largely Mường.
FAMILY_NAMES = {
    "Nguyễn": 36, "Trần": 11, "Lê": 9, "Phạm": 7, "Hoàng": 5, "Huỳnh": 2, "Phan": 4, "Vũ": 4,
    "Võ": 2, "Đặng": 2, "Bùi": 5, "Đỗ": 2, "Hồ": 1, "Ngô": 1, "Dương": 1, "Lý": 1, "Đinh": 3,
    "Hà": 2, "Quách": 1, "Trịnh": 1, "Đào": 1, "Mai": 1, "Lương": 1, "Cao": 1,
}  # fmt: skip
# An underscore joins a two-word middle name ("Thị Thu Hà").
MIDDLE_NAMES = {
    "M": "Văn Văn Văn Đức Minh Quang Hữu Công Xuân Mạnh Tiến Trọng Thanh Quốc Đình Bá Ngọc".split(),
    "F": "Thị Thị Thị Thị Thu Ngọc Thanh Kim Hồng Minh Phương Thúy Thị_Thu Thị_Ngọc Thị_Kim".split(),
}
GIVEN_NAMES = {
    "M": (
        "Hùng Dũng Tuấn Minh Hải Nam Long Thắng Cường Sơn Tùng Hiếu Trung Phong Quân Bình Hòa Thành "
        "Toàn Khánh Kiên Lâm Lợi Nghĩa Phúc Quý Tâm Thịnh Việt Vinh Đạt Đông Hưng Huy Khoa Tài Thái "
        "Thuận Trường Chiến Duy Hậu Hiệp Luân Sáng Tú"
    ).split(),
    "F": (
        "Lan Hương Hoa Mai Linh Hà Thảo Trang Ngọc Huyền Nga Hạnh Dung Yến Loan Phương Thủy Hằng "
        "Nhung Oanh Quyên Tâm Thu Vân Xuân Liên Hiền Hồng Giang Nhàn Thơm Tuyết Duyên Chi Anh Bích "
        "Diệp Nguyệt Sen Thắm Uyên Lý"
    ).split(),
}
VILLAGE_PREFIXES = "Đồng Tân Yên Phú An Hòa Trung Đông Tây Nam Bắc Thượng Hạ Quyết Thống Hợp".split()
VILLAGE_SUFFIXES = "Tâm Tiến Lập Thịnh Phúc Lạc Sơn Hòa Bình Thành Lợi Xuân Mỹ Vinh Thắng Nhất".split()


def build_demo_people(seed: int = 2026) -> dict:
    """Build the demo once; on later calls return the same objects, creating nothing."""
    province = _existing_province()
    if province is None:
        with transaction.atomic():
            _build(random.Random(seed))  # seeded for reproducible demo data  # nosec B311
        province = _existing_province()
    return _lookup(province)


def _existing_province() -> Organisation | None:
    return Organisation.objects.filter(name=PROVINCE_NAME, level__code="province", parent=None).first()


def _lookup(province: Organisation) -> dict:
    communes = list(Organisation.objects.filter(parent=province, level__code="commune").order_by("pk"))
    cells = list(Organisation.objects.filter(parent__in=communes, level__code="cell").order_by("pk"))
    found = {u.username: u for u in User.objects.filter(username__in=DEMO_PEOPLE).select_related("member")}
    subject = PartyMember.objects.select_related("organisation").get(card_number=SUBJECT_CARD)
    return {
        "province": province,
        "communes": communes,
        "cells": cells,
        "inspection_committee": Committee.objects.filter(
            organisation=communes[0], kind=Committee.Kind.INSPECTION
        ).latest("term_start"),
        "users": {name: found[name] for name in DEMO_PEOPLE if name in found},
        "subject_member": subject,
        "subject_org": subject.organisation,
        "cell_body": Committee.objects.filter(organisation=subject.organisation, kind=Committee.Kind.CELL).first(),
        "cell_subject": PartyMember.objects.filter(card_number=CELL_SUBJECT[3]).first(),
    }


def _build(rng: random.Random) -> None:
    levels = {level.code: level for level in OrgLevel.objects.filter(structure=OrgLevel.Structure.CURRENT)}
    province = organisation_create(name=PROVINCE_NAME, level=levels["province"], short_name="Tỉnh ủy")
    Committee.objects.create(
        organisation=province,
        kind=Committee.Kind.INSPECTION,
        name="Ủy ban Kiểm tra Tỉnh ủy Hòa Bình (dữ liệu mẫu)",
        code="UBKTTU",
        term_start=datetime.date(2025, 10, 1),
    )
    cells_by_commune = {}
    committees = []
    for place, kind in COMMUNES:
        commune = organisation_create(
            name=f"Đảng bộ {kind} {place}", level=levels["commune"], parent=province, founded_on=TERM_START
        )
        committees.append(_commune_committees(commune, place, kind))
        cells_by_commune[commune] = [
            organisation_create(name=name, level=levels["cell"], parent=commune)
            for name in _cell_names(rng, place, kind)
        ]
    first_cells = cells_by_commune[next(iter(cells_by_commune))]
    office_cell = first_cells[0]
    subject_cell = next(cell for cell in first_cells if cell.name == f"Chi bộ thôn {FIRST_VILLAGE}")
    demo_members = _demo_members(office_cell, subject_cell)
    generated = _generated_members(rng, cells_by_commune, MEMBER_COUNT - len(demo_members))
    PartyMember.objects.bulk_create([*demo_members.values(), *generated], batch_size=500)
    _positions(rng, cells_by_commune, generated, demo_members)
    _spouse_of_subject(demo_members["doituong"], generated)
    _users(demo_members, committees[0], province)
    _cell_body(subject_cell, demo_members)


def _commune_committees(commune: Organisation, place: str, kind: str) -> Committee:
    """Create the inspection committee, standing board and executive; return the first."""
    # Documents of the standing board and the executive are both numbered ".../ĐU".
    bodies = [
        (Committee.Kind.INSPECTION, f"Ủy ban Kiểm tra Đảng ủy {kind} {place}", "UBKTĐU"),
        (Committee.Kind.STANDING, f"Ban Thường vụ Đảng ủy {kind} {place}", "ĐU"),
        (Committee.Kind.EXECUTIVE, f"Ban Chấp hành Đảng bộ {kind} {place}", "ĐU"),
    ]
    created = [
        Committee.objects.create(organisation=commune, kind=k, name=name, code=code, term_start=TERM_START)
        for k, name, code in bodies
    ]
    return created[0]


def _institution_names(place: str, kind: str) -> list[str]:
    """Cells of public bodies; the first is the party office, the others have a head of unit."""
    return [
        f"Chi bộ Cơ quan Đảng ủy {kind} {place}",
        f"Chi bộ Cơ quan Hội đồng nhân dân - Ủy ban nhân dân {kind} {place}",
        f"Chi bộ Cơ quan Mặt trận Tổ quốc và các đoàn thể {kind} {place}",
        f"Chi bộ Công an {kind} {place}",
        f"Chi bộ Quân sự {kind} {place}",
        f"Chi bộ Trạm Y tế {kind} {place}",
        f"Chi bộ Trường Mầm non {place}",
        f"Chi bộ Trường Tiểu học {place}",
        f"Chi bộ Trường Trung học cơ sở {place}",
        f"Chi bộ Hợp tác xã nông nghiệp {place}" if kind == "xã" else f"Chi bộ Chợ {place}",
    ]


def _cell_names(rng: random.Random, place: str, kind: str) -> list[str]:
    names = _institution_names(place, kind)
    if kind == "phường":
        half = VILLAGE_CELLS_PER_COMMUNE // 2
        names += [f"Chi bộ khu phố {n}" for n in range(1, half + 1)]
        names += [f"Chi bộ tổ dân phố {n}" for n in range(1, VILLAGE_CELLS_PER_COMMUNE - half + 1)]
        return names
    villages = sorted({f"{p} {s}" for p in VILLAGE_PREFIXES for s in VILLAGE_SUFFIXES if p != s} - {FIRST_VILLAGE})
    names.append(f"Chi bộ thôn {FIRST_VILLAGE}")
    # Villages are called "thôn", and in the Mường uplands often "xóm" or "bản".
    for village in rng.sample(villages, VILLAGE_CELLS_PER_COMMUNE - 1):
        names.append(f"Chi bộ {rng.choice(['thôn', 'thôn', 'xóm', 'bản'])} {village}")
    return names


def _demo_members(office_cell: Organisation, subject_cell: Organisation) -> dict[str, PartyMember]:
    members = {}
    for username, (full_name, sex, birth, card) in DEMO_PEOPLE.items():
        if card is None:
            continue
        members[username] = PartyMember(
            full_name=full_name,
            sex=sex,
            birth_date=birth,
            card_number=card,
            organisation=subject_cell if username in CELL_PEOPLE else office_cell,
            joined_on=birth + datetime.timedelta(days=ADULT_DAYS + 2000),
            status=PartyMember.Status.FULL,
        )
    name, sex, birth, card = CELL_SUBJECT
    members["cell_subject"] = PartyMember(
        full_name=name,
        sex=sex,
        birth_date=birth,
        card_number=card,
        organisation=subject_cell,
        joined_on=birth + datetime.timedelta(days=ADULT_DAYS + 3000),
        status=PartyMember.Status.FULL,
    )
    return members


def _generated_members(rng: random.Random, cells_by_commune: dict, count: int) -> list[PartyMember]:
    """Members spread over every cell, at least three full members per cell to hold posts."""
    cells = [cell for cells in cells_by_commune.values() for cell in cells]
    weights = [rng.uniform(0.5, 1.5) for _ in cells]
    placements = [(cell, True) for cell in cells for _ in range(3)]
    placements += [(cell, False) for cell in rng.choices(cells, weights=weights, k=count - len(placements))]
    cards = _free_card_numbers(rng, count)
    return [
        _random_member(rng, cell, card, force_full) for (cell, force_full), card in zip(placements, cards, strict=True)
    ]


def _free_card_numbers(rng: random.Random, count: int) -> list[str]:
    cards = [f"{n:08d}" for n in rng.sample(range(10_000_000, 100_000_000), count + 200)]
    taken = set()
    for start in range(0, len(cards), 500):
        chunk = cards[start : start + 500]
        taken.update(PartyMember.objects.filter(card_number__in=chunk).values_list("card_number", flat=True))
    return [card for card in cards if card not in taken][:count]


def _random_member(rng: random.Random, cell: Organisation, card: str, force_full: bool) -> PartyMember:
    sex = "F" if rng.random() < 0.36 else "M"
    family = rng.choices(list(FAMILY_NAMES), weights=list(FAMILY_NAMES.values()))[0]
    middle = rng.choice(MIDDLE_NAMES[sex]).replace("_", " ")
    birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randint(0, 51 * 365 - 1))
    adult = birth + datetime.timedelta(days=ADULT_DAYS)
    probationary = not force_full and rng.random() < (0.12 if birth.year >= 1990 else 0.01)
    if probationary:
        joined = PROBATION_FROM + datetime.timedelta(days=rng.randint(0, (PROBATION_TO - PROBATION_FROM).days))
    else:
        span = (min(FULL_JOINED_BY, adult + datetime.timedelta(days=40 * 365)) - adult).days
        joined = adult + datetime.timedelta(days=int(rng.triangular(0, span, span * 0.15)))
    return PartyMember(
        full_name=f"{family} {middle} {rng.choice(GIVEN_NAMES[sex])}",
        sex=sex,
        birth_date=birth,
        card_number=card,
        organisation=cell,
        joined_on=joined,
        status=PartyMember.Status.PROBATIONARY if probationary else PartyMember.Status.FULL,
    )


def _positions(rng: random.Random, cells_by_commune: dict, generated: list, demo_members: dict) -> None:
    """Cell secretaries (and some deputies), heads of public bodies, and commune leaders."""
    by_cell: dict[int, list[PartyMember]] = {}
    for member in generated:
        if member.status == PartyMember.Status.FULL:
            by_cell.setdefault(member.organisation.pk, []).append(member)
    positions = []
    institutions = len(_institution_names("", ""))

    def hold(member, org, kind, on=None):
        start = on or max(
            datetime.date(2020, 7, 1) + datetime.timedelta(days=rng.randint(0, 5 * 365)),
            member.joined_on + datetime.timedelta(days=365),
        )
        positions.append(Position(member=member, organisation=org, kind=kind, started_on=start))

    for commune, cells in cells_by_commune.items():
        for index, cell in enumerate(cells):
            holders = by_cell[cell.pk]
            if cell.pk == demo_members["bithu"].organisation.pk:
                # The demo secretary and deputy hold the subject cell's posts.
                hold(demo_members["bithu"], cell, Position.Kind.SECRETARY, TERM_START)
                hold(demo_members["phobithu"], cell, Position.Kind.DEPUTY_SECRETARY, TERM_START)
            else:
                hold(holders[0], cell, Position.Kind.SECRETARY)
                if rng.random() < 0.5:
                    hold(holders[1], cell, Position.Kind.DEPUTY_SECRETARY)
            if 0 < index < institutions:
                hold(holders[2], cell, Position.Kind.HEAD_OF_UNIT)
        leaders = by_cell[cells[0].pk]  # commune leaders belong to the party office's cell
        hold(leaders[1], commune, Position.Kind.SECRETARY, TERM_START)
        hold(leaders[2], commune, Position.Kind.DEPUTY_SECRETARY, TERM_START)
    first_commune = next(iter(cells_by_commune))
    # The chairman comes from the party committee's own ranks (domain.md §2.2).
    hold(demo_members["chunhiem"], first_commune, Position.Kind.COMMITTEE_MEMBER, TERM_START)
    Position.objects.bulk_create(positions, batch_size=500)


def _spouse_of_subject(subject: PartyMember, generated: list[PartyMember]) -> None:
    """Declare the subject's wife, a plain member of his cell, for conflict-of-interest demos."""
    # The first three members of each cell hold its posts (see _generated_members).
    cell_mates = [m for m in generated if m.organisation == subject.organisation][3:]
    wife = next((m for m in cell_mates if m.sex == PartyMember.Sex.FEMALE), None)
    if wife is not None:
        Kinship.objects.create(member=subject, relative=wife, relation=Kinship.Relation.SPOUSE)


def _users(demo_members: dict, inspection_committee: Committee, province: Organisation) -> None:
    for username, (full_name, *_rest) in DEMO_PEOPLE.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, full_name=full_name, member=demo_members.get(username))
            user.is_staff = user.is_superuser = username == "admin"
            user.set_password(DEMO_PASSWORD)
            user.save()
        if username in SEATS:
            CommitteeSeat.objects.create(
                committee=inspection_committee, user=user, role=SEATS[username], started_on=TERM_START
            )
        if username == "kiemsoat":
            AuditMandate.objects.create(
                user=user,
                organisation=province,
                valid_from=datetime.date(2025, 1, 1),
                valid_to=datetime.date(2030, 12, 31),
            )


def _cell_body(cell: Organisation, demo_members: dict) -> None:
    """The subject's cell as a body (Committee.Kind.CELL): the secretary chairs it, the
    deputy secretary is its deputy; it opens its own inspections (issue 9 point 9)."""
    body = Committee.objects.create(
        organisation=cell, kind=Committee.Kind.CELL, name=cell.name, code=CELL_CODE, term_start=TERM_START
    )
    users = {u.username: u for u in User.objects.filter(username__in=CELL_SEATS)}
    for username, role in CELL_SEATS.items():
        CommitteeSeat.objects.create(committee=body, user=users[username], role=role, started_on=TERM_START)
