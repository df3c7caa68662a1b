"""A province's data set for benchmarks (issue 10 point 1): organisations, members, staff,
committees with seats, cases of every kind with their viewflow processes and tasks, roles
and object permissions as inspections.access grants them, conflict declarations, audit
mandates and hash-chained journal entries — written with bulk inserts, reproducible from
the seed (the same seed on an empty database gives the same rows).

It writes the rows the services would write, without calling the services one case at a
time (100,000 cases through the services would take hours):
- roles: CaseRole rows and, per role, exactly the permission rows of
  access.ROLE_PERMISSIONS (what access.grant_role gives through guardian's assign_perm);
- tasks: each kind's flow is walked from its human start along the first branch of every
  gateway; a case stopped at step k has the nodes before k DONE and step k open — assigned
  to its sole role holder when the step auto-assigns (lead, approve), else unowned in the
  queue with the step's permission on the case, as viewflow's View node leaves it;
- journal: "case.opened" then one "status.changed" per completed step, each entry chained
  with inspections.journal.entry_hash, so `verify_journal` passes.

Workloads are skewed as in a real province: five heavy staff sit on ~5% of all teams each,
each committee's chair approves all its cases, one auditor holds a wide mandate (the
province for the last two years) and one a narrow one (a commune, all years).
"""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from viewflow.workflow import STATUS, flow
from viewflow.workflow.models import Task

from inspections import access
from inspections.hashchain import GENESIS, canonical, iso
from inspections.journal import entry_hash
from inspections.kinds.registry import registry as kinds
from inspections.models import (
    Case,
    CaseKind,
    CaseRole,
    CaseStatus,
    CaseUserObjectPermission,
    ConflictDeclaration,
    JournalEntry,
)
from people.models import AuditMandate, Committee, CommitteeSeat, Organisation, OrgLevel, PartyMember, User
from workflow.kinds.registry import registry as flows
from workflow.models import CaseProcess
from workflow.nodes import CaseTask


@dataclass(frozen=True)
class Scale:
    communes: int
    cells_per_commune: int
    members: int
    staff_per_committee: int
    cases: int


SCALES = {
    # The test suite's size: every kind, every state, in a second.
    "tiny": Scale(communes=3, cells_per_commune=2, members=120, staff_per_committee=6, cases=60),
    # About 10,000 cases: the SQLite default (issue 10 point 1).
    "district": Scale(communes=30, cells_per_commune=10, members=20_000, staff_per_committee=6, cases=10_000),
    # design.md "Scale we design for": ~5,000 organisations, ~200,000 members, ~2,000 staff,
    # ~100,000 cases over five years, ~1,000,000 tasks.
    "province": Scale(communes=100, cells_per_commune=50, members=200_000, staff_per_committee=20, cases=100_000),
}

# Share of each kind among the cases (illustrative of a province's annual programme).
KIND_WEIGHTS = {
    CaseKind.PLANNED_INSPECTION: 25,
    CaseKind.SIGNS_INSPECTION: 10,
    CaseKind.REGULAR_SUPERVISION: 5,
    CaseKind.THEMATIC_SUPERVISION: 10,
    CaseKind.DENUNCIATION: 15,
    CaseKind.DISCIPLINE: 15,
    CaseKind.DISCIPLINE_COMPLAINT: 5,
    CaseKind.FINANCE_INSPECTION: 10,
    CaseKind.LOWER_BODY_INSPECTION: 5,
}
# Kinds whose subject is an organisation (the others inspect a member).
ORGANISATION_KINDS = {CaseKind.FINANCE_INSPECTION, CaseKind.LOWER_BODY_INSPECTION, CaseKind.THEMATIC_SUPERVISION}

SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Mai Cao".split()
MIDDLE_MALE = "Văn Hữu Đức Minh Quốc Thanh Xuân Công Đình Quang".split()
MIDDLE_FEMALE = "Thị Ngọc Thu Thanh Hoài Minh Kim Phương Diệu Bích".split()
GIVEN_MALE = "An Bình Cường Dũng Hải Hùng Khánh Long Nam Phúc Quân Sơn Tâm Thắng Tuấn Việt Vinh Hiếu Trung Lâm".split()
GIVEN_FEMALE = "Anh Hà Hằng Hương Lan Linh Mai Ngọc Nhung Oanh Phượng Quyên Thảo Trang Tuyết Vân Yến Hoa Hạnh".split()
PLACES = (
    "Tân Lập Hòa Bình Đồng Tâm Thanh Xuân Phú Lộc An Khánh Quang Trung Hưng Đạo Tiên Phong Thống Nhất "
    "Đoàn Kết Hợp Tiến Minh Đức Nghĩa Hưng Xuân Sơn Cẩm Bình Yên Mỹ Thạch Hà Kỳ Anh Đức Thọ Hương Khê "
    "Cam Lộ Vĩnh Linh Triệu Phong Hải Lăng Gio Linh Phong Điền Quảng Điền Phú Vang Hương Trà Nam Đông"
).split()
HAMLETS = "Đông Tây Nam Bắc Trung Thượng Hạ Tân Cựu Phú".split()

TITLES = {
    CaseKind.PLANNED_INSPECTION: "Kiểm tra việc chấp hành Cương lĩnh, Điều lệ Đảng",
    CaseKind.SIGNS_INSPECTION: "Kiểm tra khi có dấu hiệu vi phạm trong quản lý đất đai",
    CaseKind.REGULAR_SUPERVISION: "Giám sát thường xuyên việc thực hiện nhiệm vụ được giao",
    CaseKind.THEMATIC_SUPERVISION: "Giám sát chuyên đề công tác phòng, chống tham nhũng",
    CaseKind.DENUNCIATION: "Giải quyết tố cáo đối với đảng viên",
    CaseKind.DISCIPLINE: "Thi hành kỷ luật đảng viên vi phạm",
    CaseKind.DISCIPLINE_COMPLAINT: "Giải quyết khiếu nại kỷ luật đảng",
    CaseKind.FINANCE_INSPECTION: "Kiểm tra thu, chi ngân sách và tài chính đảng",
    CaseKind.LOWER_BODY_INSPECTION: "Kiểm tra cấp dưới thực hiện nhiệm vụ kiểm tra, giám sát",
}

# The role on a case that performs a step needing each access action (nodes.ACTION_ROLES).
ACTION_ROLE = {
    "approve": CaseRole.Role.APPROVER,
    "lead": CaseRole.Role.LEADER,
    "work": CaseRole.Role.MEMBER,
    "direct": CaseRole.Role.DIRECTOR,
    "vote": CaseRole.Role.VOTER,
}
BATCH = 2000


def person_name(rng: random.Random) -> tuple[str, str]:
    sex = rng.choice("MF")
    middle, given = (MIDDLE_MALE, GIVEN_MALE) if sex == "M" else (MIDDLE_FEMALE, GIVEN_FEMALE)
    return f"{rng.choice(SURNAMES)} {rng.choice(middle)} {rng.choice(given)}", sex


def main_path(flow_class) -> list:
    """The nodes of one run of the flow: from its human start, the first branch of every
    gateway, never a node twice (a "return for redrafting" loop is not taken), to an end."""
    nodes = list(flow_class.instance.nodes())
    node = next(n for n in nodes if n.task_type == "HUMAN_START")
    path, seen = [], set()
    while node is not None and node not in seen:
        seen.add(node)
        path.append(node)
        if isinstance(node, flow.End):
            break
        node = next((e.dst for e in node._outgoing() if e.dst not in seen), None)
    return path


def final_status(kind: str, step: CaseTask) -> str:
    final = [s for s in step.statuses if kinds.is_final(kind, s)]
    return final[0] if final else step.statuses[0]


class Generator:
    def __init__(self, *, seed: int, scale: "str | Scale", out=None):
        self.rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security  # nosec B311
        self.seed = seed
        self.scale = SCALES[scale] if isinstance(scale, str) else scale
        self.out = out or (lambda message: None)
        self.today = timezone.localdate()
        self.counts: dict[str, int] = {}

    # --- organisations, members, staff --------------------------------------------------

    def _organisations(self) -> None:
        province_level = OrgLevel.objects.get(code="province")
        commune_level = OrgLevel.objects.get(code="commune")
        cell_level = OrgLevel.objects.get(code="cell")
        founded = datetime.date(1975, 1, 1)
        self.province = Organisation.objects.create(
            name=f"Đảng bộ tỉnh Phú Thịnh {self.seed}", level=province_level, path="-", founded_on=founded
        )
        self.province.path = f"/{self.province.pk}/"
        self.province.save(update_fields=["path"])
        communes = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Đảng bộ xã {PLACES[i % len(PLACES)]} {i // len(PLACES) + 1}",
                    level=commune_level,
                    parent=self.province,
                    path="-",
                    founded_on=founded,
                )
                for i in range(self.scale.communes)
            ]
        )
        if communes[0].pk is None:  # a backend that returns no ids
            communes = list(Organisation.objects.filter(parent=self.province).order_by("pk"))
        for commune in communes:
            commune.path = f"{self.province.path}{commune.pk}/"
        Organisation.objects.bulk_update(communes, ["path"], batch_size=BATCH)
        cells = []
        for commune in communes:
            for j in range(self.scale.cells_per_commune):
                hamlet = f"{HAMLETS[j % len(HAMLETS)]} {j // len(HAMLETS) + 1}"
                cells.append(
                    Organisation(
                        name=f"Chi bộ thôn {hamlet}, {commune.name[len('Đảng bộ ') :]}",
                        level=cell_level,
                        parent=commune,
                        path="-",
                        founded_on=founded,
                    )
                )
        cells = Organisation.objects.bulk_create(cells, batch_size=BATCH)
        by_parent = {c.pk: c for c in communes}
        for cell in cells:
            cell.path = f"{by_parent[cell.parent_id].path}{cell.pk}/"
        Organisation.objects.bulk_update(cells, ["path"], batch_size=BATCH)
        self.communes = communes
        self.cells_of = {c.pk: [] for c in communes}
        for cell in cells:
            self.cells_of[cell.parent_id].append(cell)
        self.counts["organisations"] = 1 + len(communes) + len(cells)

    def _members(self) -> None:
        cells = [cell for group in self.cells_of.values() for cell in group]
        self.members_of: dict[int, list[int]] = {c.pk: [] for c in self.communes}
        rng = self.rng
        created = 0
        for start in range(0, self.scale.members, BATCH * 5):
            rows = []
            for i in range(start, min(start + BATCH * 5, self.scale.members)):
                name, sex = person_name(rng)
                cell = cells[i % len(cells)]
                born = datetime.date(1950 + rng.randrange(50), rng.randrange(1, 13), rng.randrange(1, 29))
                rows.append(
                    PartyMember(
                        full_name=name,
                        sex=sex,
                        birth_date=born,
                        card_number=f"{self.seed % 1000:03d}{i:09d}",
                        organisation=cell,
                        joined_on=born.replace(year=born.year + 18 + rng.randrange(8)),
                    )
                )
            rows = PartyMember.objects.bulk_create(rows, batch_size=BATCH)
            for m in rows:
                self.members_of[m.organisation.parent_id].append(m.pk)
            created += len(rows)
        self.counts["members"] = created

    def _committees(self) -> None:
        """One inspection committee per commune and one for the province, with their seats:
        a chair, a deputy, two members and the rest staff."""
        rng = self.rng
        term = datetime.date(self.today.year - 6, 1, 1)
        bodies = [self.province, *self.communes]
        committees = Committee.objects.bulk_create(
            [
                Committee(
                    organisation=org,
                    kind=Committee.Kind.INSPECTION,
                    name=f"Ủy ban Kiểm tra {org.name.replace('Đảng bộ', 'Đảng ủy')}",
                    code="UBKTTU" if org is self.province else "UBKTĐU",
                    term_start=term,
                )
                for org in bodies
            ]
        )
        # Generated accounts cannot sign in with a password (the benchmarks use force_login).
        password = make_password(None)
        users, seats = [], []
        for n in range(len(committees)):
            for k in range(self.scale.staff_per_committee):
                name, _sex = person_name(rng)
                users.append(
                    User(username=f"s{self.seed}c{n:03d}u{k:02d}", full_name=name, password=password, is_active=True)
                )
        users = User.objects.bulk_create(users, batch_size=BATCH)
        if users[0].pk is None:
            users = list(User.objects.filter(username__startswith=f"s{self.seed}c").order_by("username"))
        per = self.scale.staff_per_committee
        self.staff: dict[int, dict[str, list[User]]] = {}
        for n, committee in enumerate(committees):
            mine = users[n * per : (n + 1) * per]
            roles = {"chair": mine[:1], "deputy": mine[1:2], "member": mine[2:4], "staff": mine[4:]}
            self.staff[committee.pk] = roles
            for role, holders in roles.items():
                seats.extend(CommitteeSeat(committee=committee, user=u, role=role, started_on=term) for u in holders)
        CommitteeSeat.objects.bulk_create(seats, batch_size=BATCH)
        self.committees = committees
        self.heavy = [u for c in committees[:1] for u in self.staff[c.pk]["staff"][:5]]
        # The auditors (people.AuditMandate): a wide mandate and a narrow one.
        wide, narrow = User.objects.bulk_create(
            [
                User(username=f"s{self.seed}auditor", full_name="Trần Thị Kiểm Soát", password=password),
                User(username=f"s{self.seed}auditor2", full_name="Lê Văn Giám Sát", password=password),
            ]
        )
        AuditMandate.objects.bulk_create(
            [
                AuditMandate(
                    user=wide,
                    organisation=self.province,
                    valid_from=self.today - datetime.timedelta(days=730),
                    valid_to=self.today,
                ),
                AuditMandate(
                    user=narrow,
                    organisation=self.communes[0],
                    valid_from=self.today - datetime.timedelta(days=5 * 365),
                    valid_to=self.today,
                ),
            ]
        )
        self.auditors = [wide, narrow]
        self.counts["users"] = len(users) + 2
        self.counts["committees"] = len(committees)

    # --- cases ------------------------------------------------------------------------

    def _kind_plans(self) -> None:
        self.paths = {}
        for spec in flows.with_flows():
            self.paths[spec.kind] = main_path(spec.flow)
        self.kind_choices = list(KIND_WEIGHTS)
        self.kind_weights = [KIND_WEIGHTS[k] for k in self.kind_choices]
        self.perm_ids = {
            p.codename: p.pk
            for p in Permission.objects.filter(
                content_type__app_label="inspections", codename__in=access.ACTIONS.values()
            )
        }
        self.case_ct = ContentType.objects.get_for_model(Case)

    def _team(self, committee) -> dict[str, list[User]]:
        """The roles on one case: the body's staff drafts, its chair approves, a team of a
        leader, a member and a director; a heavy user joins ~5% of teams each."""
        rng = self.rng
        seats = self.staff[committee.pk]
        pool = seats["staff"] + seats["member"] + seats["deputy"]
        drafter = rng.choice(seats["staff"])
        team = rng.sample([u for u in pool if u is not drafter], 2)
        roles = {
            CaseRole.Role.DRAFTER: [drafter],
            CaseRole.Role.APPROVER: seats["chair"],
            CaseRole.Role.LEADER: [team[0]],
            CaseRole.Role.MEMBER: [team[1]],
            CaseRole.Role.DIRECTOR: seats["deputy"] if seats["deputy"][0] not in team else [],
            CaseRole.Role.VOTER: [],
        }
        for heavy in self.heavy:
            if rng.random() < 0.05 and all(heavy not in holders for holders in roles.values()):
                roles[CaseRole.Role.MEMBER].append(heavy)
        return roles

    def _cases(self) -> None:
        total = self.scale.cases
        days = 5 * 365
        start_day = self.today - datetime.timedelta(days=days)
        sequences: dict[tuple[int, int], int] = {}
        done = 0
        for start in range(0, total, BATCH):
            with transaction.atomic():
                self._case_batch(range(start, min(start + BATCH, total)), start_day, days, sequences)
            done = min(start + BATCH, total)
            self.out(f"  {done}/{total}")

    def _case_batch(self, indexes, start_day, days, sequences) -> None:
        rng = self.rng
        plans = []
        for i in indexes:
            committee = self.committees[0] if i % 10 == 0 else rng.choice(self.committees[1:])
            kind = rng.choices(self.kind_choices, self.kind_weights)[0]
            opened = start_day + datetime.timedelta(days=((i + 1) * days) // self.scale.cases)
            key = (committee.pk, opened.year)
            sequences[key] = sequences.get(key, 0) + 1
            org_subject = kind in ORGANISATION_KINDS
            # The province's committee inspects anywhere in the province; a commune's, its own.
            is_province = committee is self.committees[0]
            commune_pk = rng.choice(self.communes).pk if is_province else committee.organisation.pk
            path = self.paths.get(kind, [])
            age = (self.today - opened).days
            # Older cases are finished; recent ones stop anywhere along their flow.
            closed = bool(path) and (age > 240 or rng.random() < 0.2)
            stop = len(path) if closed else (rng.randrange(1, len(path)) if path else 0)
            plans.append((committee, kind, opened, sequences[key], org_subject, commune_pk, path, stop, closed))
        cases = []
        for committee, kind, opened, seq, org_subject, commune_pk, path, stop, closed in plans:
            steps = [n for n in path[:stop] if isinstance(n, CaseTask)]
            status = (final_status(kind, steps[-1]) if closed else steps[-1].statuses[0]) if steps else CaseStatus.DRAFT
            if kind == CaseKind.REGULAR_SUPERVISION:  # C1 is a log with no process
                status = CaseStatus.MONITORING if CaseStatus.MONITORING in kinds.pipeline_of(kind) else status
            subject_org = rng.choice(self.cells_of[commune_pk]) if org_subject else None
            subject_member = None if org_subject else rng.choice(self.members_of[commune_pk])
            cases.append(
                Case(
                    committee=committee,
                    jurisdiction_path=committee.organisation.path,
                    year=opened.year,
                    sequence=seq,
                    number=f"{seq:02d}-{opened.year}/{committee.code}",
                    kind=kind,
                    title=TITLES[kind],
                    grounds="Chương trình kiểm tra, giám sát năm " + str(opened.year),
                    subject_organisation=subject_org,
                    subject_member_id=subject_member,
                    status=status,
                    opened_on=opened,
                    decided_on=opened + datetime.timedelta(days=3) if stop > 1 else None,
                    closed_on=opened + datetime.timedelta(days=60) if closed else None,
                    created_by=self.staff[committee.pk]["staff"][0],
                )
            )
        cases = Case.objects.bulk_create(cases, batch_size=BATCH)
        roles, perms, declarations, processes, journal, task_plans = [], [], [], [], [], []
        for case, (committee, kind, opened, _seq, _o, _c, path, stop, closed) in zip(cases, plans, strict=True):
            team = self._team(committee)
            for role, holders in team.items():
                for user in holders:
                    roles.append(CaseRole(case=case, user=user, role=role))
                    # What access.grant_role gives: the role's permissions (policy.ROLE_PERMISSIONS).
                    perms.extend(
                        CaseUserObjectPermission(user=user, permission_id=self.perm_ids[c], content_object=case)
                        for c in sorted(access.ROLE_PERMISSIONS[role])
                    )
                    if role in access.TEAM_ROLES:
                        declarations.append(ConflictDeclaration(case=case, user=user, has_conflict=False))
            at = timezone.make_aware(datetime.datetime.combine(opened, datetime.time(8, 0)))
            entries = [("case.opened", {"kind": kind, "number": case.number}, at, team[CaseRole.Role.DRAFTER][0])]
            status = CaseStatus.DRAFT
            for k, node in enumerate(path[:stop]):
                if isinstance(node, CaseTask):
                    new = final_status(kind, node) if closed and k == stop - 1 else node.statuses[0]
                    actor = team[ACTION_ROLE[node.action]][0] if team[ACTION_ROLE[node.action]] else None
                    entries.append(
                        ("status.changed", {"from": status, "to": new}, at + datetime.timedelta(days=k + 1), actor)
                    )
                    status = new
            journal.extend(self._chain(case, entries))
            if path:
                processes.append(
                    CaseProcess(
                        flow_class=path[0].flow_class,
                        status=STATUS.DONE if closed else STATUS.NEW,
                        created=at,
                        finished=at + datetime.timedelta(days=stop) if closed else None,
                        case=case,
                    )
                )
                task_plans.append((case, team, path, stop, closed, at))
        CaseRole.objects.bulk_create(roles, batch_size=BATCH)
        CaseUserObjectPermission.objects.bulk_create(perms, batch_size=BATCH)
        ConflictDeclaration.objects.bulk_create(declarations, batch_size=BATCH)
        JournalEntry.objects.bulk_create(journal, batch_size=BATCH)
        processes = self._processes(processes)
        tasks = []
        for process, (case, team, path, stop, closed, at) in zip(processes, task_plans, strict=True):
            for k, node in enumerate(path[: stop + (0 if closed else 1)]):
                tasks.append(self._task(process, case, team, node, k, at, done=k < stop))
        Task.objects.bulk_create(tasks, batch_size=BATCH)
        self.counts["cases"] = self.counts.get("cases", 0) + len(cases)
        self.counts["tasks"] = self.counts.get("tasks", 0) + len(tasks)
        self.counts["permissions"] = self.counts.get("permissions", 0) + len(perms)
        self.counts["journal"] = self.counts.get("journal", 0) + len(journal)

    def _processes(self, processes: list[CaseProcess]) -> list[CaseProcess]:
        """CaseProcess is a multi-table child of viewflow's Process, which bulk_create cannot
        write: the parent rows in bulk, then the child rows (process_ptr_id, case_id)."""
        from viewflow.workflow.models import Process

        parents = Process.objects.bulk_create(
            [
                Process(flow_class=p.flow_class, status=p.status, created=p.created, finished=p.finished)
                for p in processes
            ],
            batch_size=BATCH,
        )
        table = connection.ops.quote_name(CaseProcess._meta.db_table)
        ptr = connection.ops.quote_name(CaseProcess._meta.pk.column)
        case_col = connection.ops.quote_name(CaseProcess._meta.get_field("case").column)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({ptr}, {case_col}) VALUES (%s, %s)",  # noqa: S608 - names from model meta  # nosec B608
                [(parent.pk, p.case.pk) for parent, p in zip(parents, processes, strict=True)],
            )
        for parent, p in zip(parents, processes, strict=True):
            p.pk = p.process_ptr_id = parent.pk
        return processes

    def _task(self, process, case, team, node, k, at, *, done: bool) -> Task:
        created = at + datetime.timedelta(days=k)
        task = Task(
            process_id=process.pk,
            flow_task=node,
            flow_task_type=node.task_type,
            status=STATUS.DONE if done else STATUS.NEW,
            created=created,
        )
        if done:
            task.started = task.finished = created + datetime.timedelta(hours=1)
        if node.task_type == "HUMAN_START":
            task.owner = team[CaseRole.Role.DRAFTER][0]
        elif isinstance(node, CaseTask):
            codename = access.ACTIONS[node.action]
            task.owner_permission = f"inspections.{codename}"
            task.owner_permission_content_type = self.case_ct
            task.owner_permission_obj_pk = str(case.pk)
            holders = team[ACTION_ROLE[node.action]]
            auto = node.action in ("lead", "approve") and len(holders) == 1
            if done:
                task.owner = holders[0] if holders else team[CaseRole.Role.LEADER][0]
                task.assigned = created
            elif auto:
                task.owner, task.status, task.assigned = holders[0], STATUS.ASSIGNED, created
        return task

    def _chain(self, case, entries) -> list[JournalEntry]:
        rows, prev = [], GENESIS
        for seq, (action, payload, at, actor) in enumerate(entries, start=1):
            body = canonical(payload)
            name = str(actor)[:200] if actor is not None else ""
            digest = entry_hash(
                case_id=case.pk,
                seq=seq,
                at_iso=iso(at),
                actor_id=actor.pk if actor else None,
                actor_name=name,
                action=action,
                payload=body,
                prev=prev,
            )
            rows.append(
                JournalEntry(
                    case=case,
                    seq=seq,
                    at=at,
                    actor=actor,
                    actor_name=name,
                    action=action,
                    payload=body,
                    prev_hash=prev,
                    hash=digest,
                )
            )
            prev = digest
        return rows

    def run(self) -> dict[str, int]:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # A bulk load: losing the last commits on a crash costs nothing here.
                cursor.execute("SET synchronous_commit TO off")
        with transaction.atomic():
            self._organisations()
            self.out(f"organisations: {self.counts['organisations']}")
            self._members()
            self.out(f"members: {self.counts['members']}")
            self._committees()
            self.out(f"users: {self.counts['users']}")
        self._kind_plans()
        self._cases()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return self.counts
