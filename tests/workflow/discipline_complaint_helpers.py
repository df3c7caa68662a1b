"""A world for complaint tests and helpers that drive a complaint through the real views.

One province; under it the commune whose bodies resolve complaints (its inspection
committee UBKT, whose staff run the cases; its standing committee; its executive
committee); under the commune a cell with the disciplined member. The discipline kind (E)
has its own tests (and the end-to-end path in test_discipline_to_complaint.py): here
discipline records are written directly, on a discipline case opened through the shared
case_create service (`make_record`). The competent body votes by secret ballot through the
shared cast page (`vote`, `finish`).
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from inspections.models import Case, CaseKind, Complaint, DisciplineRecord
from inspections.selectors.discipline import body_voters
from inspections.services.cases import case_create
from people.models import CommitteeSeat, User
from tests.factories.cases import DisciplineRecordFactory
from tests.roster import pad_roster
from tests.workflow.conftest import pdf
from tests.workflow.discipline_helpers import cast
from tests.workflow.helpers import complete, declare
from tests.world import WorldBuilder, complaint_world

OPEN_URL = "workflow:flows:disciplinecomplaint:open_complaint:execute"
TERM = datetime.date(2025, 7, 1)


def day(d: datetime.date) -> str:
    return d.strftime("%d/%m/%Y")


def ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def build_world() -> dict:
    """The complaint world (tests/world.py); test modules wrap it in a `cworld` fixture."""
    return complaint_world()


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
    return DisciplineRecordFactory(
        case=case,
        member=member,
        organisation=organisation,
        form=form,
        deciding_body=deciding_body,
        decision_number=number,
        decided_on=decided_on or ago(40),
    )


def intake_data(w, record, /, **overrides) -> dict:
    u = w["users"]
    data = {
        "committee": w["ic"].pk,
        "record": record.pk,
        "representative": "",
        "decision_received_on": day(ago(20)),
        "announced_on": day(ago(20)),
        "sent_on": day(ago(6)),
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


def body_members(w, committee, n=2) -> list[User]:
    """Users sitting on `committee` with a vote (not its staff), after adding `n` members to
    it once per committee, so that the votes of its members outside the team can reach more
    than half of the count base."""
    key = f"voters-{committee.pk}"
    if key not in w:
        build = WorldBuilder(term_start=TERM, born=datetime.date(1975, 5, 5), joined=datetime.date(2001, 1, 1), sex="F")
        w[key] = [
            build.person(
                f"uv{committee.pk}x{i}",
                f"Ủy viên {committee.code} {i}",
                w["province"],
                card=f"V{committee.pk}-{i}",
                seat=CommitteeSeat.Role.MEMBER,
                on=committee,
            )
            for i in range(n)
        ]
    return list(body_voters(committee=committee, organisation=None, on=timezone.localdate()))


def hold_meeting(client, w, case, present, *, total=None, on=None, expect=302, **extra):
    """The chair records the meeting and opens the secret ballot."""
    if total is not None:  # absent members make the roster, and so the count base, this long
        pad_roster(committee=Complaint.objects.get(case=case).resolving_body, total=total)
    data = {
        "meeting_on": day(on or ago(1)),
        "mode": "online",
        "present": [u.pk for u in present],
        **extra,
    }
    return complete(client, w["users"]["chair"], case, "hold_meeting", data, expect=expect)


def close_ballot(client, w, case, *, reasons="Kết luận của hội nghị", expect=302, **extra):
    data = {"confirm": "on", "reasons": reasons, **extra}
    return complete(client, w["users"]["chair"], case, "close_ballot", data, expect=expect)


def voters_of(case) -> list[User]:
    """Who holds a paper on the open ballot (the VOTER role)."""
    ids = case.roles.filter(role="voter", revoked_at__isnull=True).values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=ids).order_by("pk"))


def vote(client, w, case, option, *, against=None, close=True, on=None):
    """The resolving body's members all attend (the meeting on `on`, by default yesterday);
    every paper goes to `option` (or, for the first len(against) voters, to the options
    listed in `against`); the chair closes."""
    complaint = Complaint.objects.select_related("resolving_body").get(case=case)
    members = body_members(w, complaint.resolving_body)
    hold_meeting(client, w, case, members, on=on)
    voters = voters_of(case)
    against = list(against or [])
    for i, voter in enumerate(voters):
        cast(client, voter, case, against[i] if i < len(against) else option)
    if close:
        close_ballot(client, w, case)
    return voters


def finish(client, w, case, *, outcome="keep", new_form="", restoration=False):
    """From the meeting to the close: the secret ballot, the decision, the notification."""
    u = w["users"]
    vote(client, w, case, f"{outcome}:{new_form}" if new_form else outcome)
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
