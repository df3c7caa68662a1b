"""A world for complaint tests and helpers that drive a complaint through the real views.

One province; under it the commune whose bodies resolve complaints (its inspection
committee UBKT, whose staff run the cases; its standing committee; its executive
committee); under the commune a cell with the disciplined member. The discipline kind (E)
is built on another branch, so discipline records are written here directly, on a
discipline case opened through the shared case_create service (`make_record`).
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from inspections.models import Case, CaseKind, DisciplineRecord, KeyArea
from inspections.services.cases import case_create
from people.models import Committee, CommitteeSeat, OrgLevel, PartyMember, Position, User
from people.services.organisations import organisation_create
from tests.workflow.conftest import pdf
from tests.workflow.helpers import complete, declare

OPEN_URL = "workflow:flows:disciplinecomplaint:open_complaint:execute"
TERM = datetime.date(2025, 7, 1)


def day(d: datetime.date) -> str:
    return d.strftime("%d/%m/%Y")


def ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def build_world() -> dict:
    """The complaint world; test modules wrap it in a `cworld` fixture."""
    level = {code: OrgLevel.objects.get(code=code) for code in ("province", "commune", "cell")}
    province = organisation_create(name="Đảng bộ tỉnh Thử", level=level["province"])
    commune = organisation_create(name="Đảng bộ xã An Hòa", level=level["commune"], parent=province)
    other_commune = organisation_create(name="Đảng bộ xã Khác", level=level["commune"], parent=province)
    cell = organisation_create(name="Chi bộ thôn Tây", level=level["cell"], parent=commune)

    def committee(org, kind, name, code):
        return Committee.objects.create(organisation=org, kind=kind, name=name, code=code, term_start=TERM)

    ic = committee(commune, Committee.Kind.INSPECTION, "Ủy ban kiểm tra Đảng ủy xã An Hòa", "UBKTĐU")
    standing = committee(commune, Committee.Kind.STANDING, "Ban Thường vụ Đảng ủy xã An Hòa", "BTVĐU")
    executive = committee(commune, Committee.Kind.EXECUTIVE, "Ban Chấp hành Đảng bộ xã An Hòa", "ĐU")
    other_ic = committee(other_commune, Committee.Kind.INSPECTION, "Ủy ban kiểm tra xã Khác", "UBKTK")
    numbers = iter(range(5000, 6000))

    def member(name, org):
        return PartyMember.objects.create(
            full_name=name,
            birth_date=datetime.date(1979, 3, 3),
            sex="M",
            card_number=f"K{next(numbers)}",
            organisation=org,
            joined_on=datetime.date(2004, 2, 3),
        )

    def user(username, name, seat=None, on=ic, org=province):
        u = User.objects.create_user(
            # No password: the tests sign in with force_login, and hashing one per user
            # per test would dominate the run.
            username=username,
            password=None,
            full_name=name,
            member=member(name, org),
        )
        if seat:
            CommitteeSeat.objects.create(committee=on, user=u, role=seat, started_on=TERM)
        return u

    users = {
        "staff": user("staff", "Nguyễn Thị Lan", CommitteeSeat.Role.STAFF),
        "staff2": user("staff2", "Đặng Văn Sổ", CommitteeSeat.Role.STAFF),
        "leader": user("leader", "Trần Văn Hùng", CommitteeSeat.Role.MEMBER),
        "member": user("member", "Lê Thị Mai", CommitteeSeat.Role.MEMBER),
        "director": user("director", "Bùi Văn Phụ", CommitteeSeat.Role.DEPUTY),
        "chair": user("chair", "Phạm Đức Minh", CommitteeSeat.Role.CHAIR),
        "outsider": user("outsider", "Hoàng Văn Nam", CommitteeSeat.Role.STAFF, on=other_ic),
        "subject": user("subject", "Vũ Văn Tâm", org=cell),
    }
    secretary = member("Đỗ Thị Hoa", cell)
    Position.objects.create(member=secretary, organisation=cell, kind=Position.Kind.SECRETARY, started_on=TERM)
    KeyArea.objects.get_or_create(code="kn-test", defaults={"name": "Khiếu nại (thử)", "order": 99})
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


def make_record(
    w,
    *,
    form="warning",
    member=None,
    organisation=None,
    decided_on=None,
    deciding_body="Chi bộ thôn Tây",
    number="05-QĐ/CB",
) -> DisciplineRecord:
    """A discipline case (kind E) and the in-force record its decision wrote."""
    if member is None and organisation is None:
        member = w["subject_member"]
    case = case_create(
        actor=w["users"]["staff"],
        committee=w["ic"],
        kind=CaseKind.DISCIPLINE,
        title="Xem xét, thi hành kỷ luật",
        grounds="Kết luận kiểm tra",
        subject_member=member,
        subject_organisation=organisation,
    )
    decided_on = decided_on or ago(40)
    return DisciplineRecord.objects.create(
        case=case,
        member=member,
        organisation=organisation,
        form=form,
        deciding_body=deciding_body,
        decision_number=number,
        decided_on=decided_on,
        announced_on=decided_on,
        effective_on=decided_on,
    )


def intake_data(w, record, /, **overrides) -> dict:
    u = w["users"]
    data = {
        "committee": w["ic"].pk,
        "record": record.pk,
        "representative": "",
        "decision_received_on": day(ago(20)),
        "received_on": day(ago(5)),
        "about": ["form"],
        "request": "Đề nghị xem xét giảm hình thức kỷ luật",
        "letter": pdf("don-khieu-nai.pdf"),
        "imposed_by_kind": "cell",
        "imposed_by_organisation": w["cell"].pk,
        "resolving_body": w["ic"].pk,
        "leader": u["leader"].pk,
        "members": [u["member"].pk],
        "director": u["director"].pk,
    }
    data.update(overrides)
    return data


def open_complaint(client, w, record, /, *, declare_team=True, expect=302, **overrides) -> Case | None:
    client.force_login(w["users"]["staff"])
    response = client.post(reverse(OPEN_URL), intake_data(w, record, **overrides))
    assert response.status_code == expect, response.content.decode()[:3000]
    if expect != 302:
        return response
    case = Case.objects.filter(kind=CaseKind.DISCIPLINE_COMPLAINT).latest("pk")
    if declare_team:
        for role in case.roles.filter(role__in=["leader", "member", "director"], revoked_at__isnull=True):
            declare(client, role.user, case)
    return case


def review_data(**overrides) -> dict:
    data = {"differences": "Đơn cho rằng vi phạm nhẹ hơn nhận định của chi bộ"}
    for aspect in ("content", "form", "procedure", "authority"):
        data[f"{aspect}_verdict"] = "wrong"
        data[f"{aspect}_text"] = f"Nhận xét về {aspect}"
    data.update(overrides)
    return data


def carry_to_meeting(client, w, case, *, proposed="keep", proposed_form=""):
    """Admit the complaint and take it to the competent body's meeting."""
    u = w["users"]
    complete(client, u["director"], case, "check_admissibility", {"decision": "accept", "reasons": []})
    complete(
        client,
        u["member"],
        case,
        "meet_imposing_body",
        {"met_on": day(ago(3)), "minutes": pdf("bb-co-quan.pdf"), "file_obtained": "on"},
    )
    complete(client, u["member"], case, "meet_complainant", {"met_on": day(ago(2)), "minutes": pdf("bb-nguoi-kn.pdf")})
    complete(client, u["member"], case, "review_aspects", review_data())
    complete(
        client,
        u["leader"],
        case,
        "write_report",
        {"text": "Báo cáo kết quả", "proposed_outcome": proposed, "proposed_form": proposed_form},
    )
    complete(client, u["chair"], case, "review_report", {"decision": "accept"})


def finish(client, w, case, *, outcome="keep", new_form="", votes=(5, 3), restoration=False):
    """From the meeting to the close: vote, decision, notification."""
    u = w["users"]
    base, votes_for = votes
    complete(
        client,
        u["chair"],
        case,
        "hold_meeting",
        {
            "meeting_on": day(ago(1)),
            "outcome": outcome,
            "new_form": new_form,
            "reasons": "Kết luận của hội nghị",
            "count_base": base,
            "votes_for": votes_for,
        },
    )
    complete(
        client,
        u["staff"],
        case,
        "issue_decision",
        {"number": "12-QĐ/UBKT", "signed_on": day(ago(1)), "file": pdf("quyet-dinh.pdf")},
    )
    data = {
        "complainant_on": day(timezone.localdate()),
        "imposing_body_on": day(timezone.localdate()),
        "managing_org_on": day(timezone.localdate()),
        "notice": pdf("thong-bao.pdf"),
    }
    if restoration:
        data["restoration_notice"] = pdf("khoi-phuc.pdf")
    complete(client, u["staff"], case, "notify_decision", data)
