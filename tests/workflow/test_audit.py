"""Auditors (issue 4 point 5) and history (point 6) through the real URLs: auditors read
the cases of their jurisdiction and period and nothing else, every read is journaled,
the search is scoped and filters, the timeline tells every change, and the journal
export is access-checked."""

import datetime
import json
from types import SimpleNamespace

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inspections import journal
from inspections.models import CaseKind, CaseStatus, Document, JournalEntry, KeyArea, Recommendation
from inspections.selectors.audit import audit_search
from inspections.services.cases import case_open, decision_sign
from inspections.services.conclusions import conclusion_draft, conclusion_notice_record, conclusion_review
from inspections.services.documents import document_add
from inspections.services.inspection_steps import (
    notice_record,
    self_report_receive,
    team_report_review,
    team_report_submit,
    verification_record,
)
from inspections.services.teams import conflict_declare, team_change
from people.models import CommitteeSeat, Organisation
from tests.factories.people import AuditMandateFactory
from tests.workflow.conftest import pdf
from tests.workflow.helpers import complete, open_case
from tests.world import WORKFLOW_PASSWORD, WorldBuilder
from workflow.views.cases import TIMELINE_LABELS

pytestmark = pytest.mark.django_db

AREA = "nguyen-tac-to-chuc"
OTHER_AREA = "phong-chong-tham-nhung"


def today():
    return timezone.localdate().strftime("%d/%m/%Y")


def future(days=60):
    return (timezone.localdate() + datetime.timedelta(days=days)).strftime("%d/%m/%Y")


@pytest.fixture
def auditors(world):
    """One auditor whose mandate covers the committee's commune today; one whose subtree
    (a cell) does not hold the case's jurisdiction; one whose period has ended."""
    day = timezone.localdate()
    year = datetime.timedelta(days=365)

    build = WorldBuilder(term_start=world["committee"].term_start, password=WORKFLOW_PASSWORD)

    def auditor(username, name, organisation, valid_from, valid_to):
        return build.auditor(username, name, organisation, valid_from=valid_from, valid_to=valid_to)

    return SimpleNamespace(
        inside=auditor("kiemsoat", "Kiểm Soát Trong", world["province"], day - year, day + year),
        elsewhere=auditor("kiemsoat-khac", "Kiểm Soát Chi Bộ", world["cell"], day - year, day + year),
        expired=auditor("kiemsoat-cu", "Kiểm Soát Nhiệm Kỳ Cũ", world["province"], day - 3 * year, day - year),
    )


@pytest.fixture
def case_with_doc(client, world):
    u = world["users"]
    case = open_case(client, world, decision_file=pdf("quyet-dinh.pdf"))
    complete(client, u["chair"], case, "sign_decision", {"signed_on": today()})
    return case, Document.objects.get(case=case)


def _reads(case):
    return list(JournalEntry.objects.filter(case=case, action="audit.read").order_by("seq"))


def _urls(case, doc):
    return {
        "page": reverse("cases:detail", args=[case.pk]),
        "document": reverse("cases:document", args=[case.pk, doc.pk]),
        "export": reverse("cases:journal_export", args=[case.pk]),
    }


# --- Who reads what ---------------------------------------------------------------------


def test_auditor_in_jurisdiction_reads_the_case_its_documents_and_its_journal(client, world, auditors, case_with_doc):
    case, doc = case_with_doc
    client.force_login(auditors.inside)
    urls = _urls(case, doc)

    page = client.get(urls["page"])
    assert page.status_code == 200
    assert case.title in page.content.decode() and 'id="timeline"' in page.content.decode()
    download = client.get(urls["document"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    export = client.get(urls["export"])
    assert export.status_code == 200 and export["Content-Type"] == "application/json"
    assert export["Content-Disposition"].startswith("attachment")
    assert json.loads(export.content)["case_number"] == case.number


@pytest.mark.parametrize("who", ["elsewhere", "expired"])
def test_auditor_outside_jurisdiction_or_period_reads_nothing(client, world, auditors, case_with_doc, who):
    case, doc = case_with_doc
    client.force_login(getattr(auditors, who))
    before = JournalEntry.objects.filter(case=case).count()

    for url in _urls(case, doc).values():
        assert client.get(url).status_code == 404, url
    body = client.get(reverse("cases:audit")).content.decode()
    assert case.number not in body
    assert case.number not in client.get(reverse("cases:index")).content.decode()
    assert JournalEntry.objects.filter(case=case).count() == before


@pytest.mark.parametrize("who", ["outsider", "subject"])
def test_people_the_case_does_not_name_cannot_export_its_journal(client, world, case_with_doc, who):
    case, doc = case_with_doc
    client.force_login(world["users"][who])
    assert client.get(_urls(case, doc)["export"]).status_code == 404


def test_auditor_cannot_act_on_the_case(client, world, auditors, case_with_doc):
    case, _doc = case_with_doc
    client.force_login(auditors.inside)
    assert client.get(reverse("cases:team", args=[case.pk])).status_code in (403, 404)
    assert client.post(reverse("cases:team", args=[case.pk]), {}).status_code in (403, 404)


# --- Every read by an auditor is journaled ------------------------------------------------


def test_each_open_by_an_auditor_is_journaled_once(client, world, auditors, case_with_doc):
    case, doc = case_with_doc
    client.force_login(auditors.inside)
    urls = _urls(case, doc)

    client.get(urls["page"])
    reads = _reads(case)
    assert len(reads) == 1
    assert (reads[0].actor, reads[0].actor_name) == (auditors.inside, "Kiểm Soát Trong")
    assert journal.decoded(reads[0]) == {"read": "case"}

    client.get(urls["page"])
    b"".join(client.get(urls["document"]).streaming_content)
    client.get(urls["export"])
    reads = _reads(case)
    assert len(reads) == 4
    assert journal.decoded(reads[2]) == {
        "read": "document",
        "document": doc.pk,
        "title": doc.title,
        "sha256": doc.sha256,
    }
    assert journal.decoded(reads[3]) == {"read": "journal_export"}
    assert journal.verify_chain(case.pk) is None

    # The auditor sees their own reads in the timeline.
    page = client.get(urls["page"]).content.decode()
    assert page.count('data-action="audit.read"') == 5
    assert "Kiểm soát viên xem hồ sơ" in page


def test_people_the_case_names_are_not_journaled_for_reading_their_file(client, world, case_with_doc):
    case, doc = case_with_doc
    for who in ("staff", "leader", "member", "chair"):
        client.force_login(world["users"][who])
        for url in _urls(case, doc).values():
            response = client.get(url)
            assert response.status_code == 200, (who, url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
    assert _reads(case) == []


def test_a_named_person_who_also_holds_a_mandate_is_not_journaled_as_auditor(client, world, case_with_doc):
    case, _doc = case_with_doc
    chair = world["users"]["chair"]
    AuditMandateFactory(
        user=chair,
        organisation=world["province"],
        valid_from=timezone.localdate() - datetime.timedelta(days=1),
        valid_to=timezone.localdate() + datetime.timedelta(days=1),
    )
    client.force_login(chair)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    assert _reads(case) == []


def test_the_export_verifies_and_includes_the_auditors_read(client, world, auditors, case_with_doc):
    case, doc = case_with_doc
    client.force_login(auditors.inside)
    data = json.loads(client.get(_urls(case, doc)["export"]).content)

    assert data["entries"][-1]["action"] == "audit.read"
    assert [e["seq"] for e in data["entries"]] == list(range(1, len(data["entries"]) + 1))
    assert data["entries"][-1]["hash"] == JournalEntry.objects.filter(case=case).order_by("-seq").first().hash


# --- The timeline -----------------------------------------------------------------------


def _seated(world, username, name, card):
    build = WorldBuilder(
        term_start=datetime.date(2025, 7, 1),
        password=WORKFLOW_PASSWORD,
        born=datetime.date(1982, 3, 3),
        joined=datetime.date(2008, 1, 1),
        sex="F",
    )
    return build.person(
        username, name, world["province"], card=card, seat=CommitteeSeat.Role.MEMBER, on=world["committee"]
    )


def test_timeline_tells_every_transition_assignment_version_and_edit(client, world, auditors):
    u = world["users"]
    case = open_case(client, world)
    complete(client, u["chair"], case, "sign_decision", {"signed_on": today()})
    newcomer = _seated(world, "moi", "Nguyễn Văn Mới", "N0001")
    team_change(actor=u["chair"], case=case, add_members=[newcomer])
    conflict_declare(actor=newcomer, case=case, has_conflict=False)
    complete(client, u["member"], case, "notify_subject", {"sent_on": today(), "file": pdf("thong-bao.pdf")})
    complete(client, u["member"], case, "receive_self_report", {"received_on": today(), "file": pdf("bao-cao.pdf")})
    complete(client, u["member"], case, "verify", {"strengths": "Sinh hoạt định kỳ", "shortcomings": "Thiếu biên bản"})
    complete(client, u["leader"], case, "write_team_report", {"text": "Báo cáo kết quả kiểm tra"})
    complete(client, u["chair"], case, "review_team_report", {"decision": "accept", "note": ""})
    complete(
        client,
        u["leader"],
        case,
        "draft_conclusion",
        {"text": "Kết luận", "violation_found": "", "recommendations": f"{future()} | Kiện toàn sổ sách"},
    )
    complete(client, u["chair"], case, "approve_conclusion", {"decision": "accept"})
    complete(client, u["staff"], case, "notify_conclusion", {"sent_on": today()})
    rec = Recommendation.objects.get(case=case, conclusion__status="accepted")
    complete(client, u["member"], case, "follow_up", {"done": [rec.pk], "done_on": today(), "note": "Đã xong"})

    client.force_login(auditors.inside)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()

    actions = set(JournalEntry.objects.filter(case=case).values_list("action", flat=True))
    assert actions <= set(TIMELINE_LABELS), actions - set(TIMELINE_LABELS)
    for action in actions:
        assert f'data-action="{action}"' in page
        assert str(TIMELINE_LABELS[action]) in page
    # Transitions, with the statuses' names.
    assert "trạng thái: Dự thảo quyết định → Đã ký quyết định" in page
    assert "trạng thái: Theo dõi thực hiện kết luận → Đã kết thúc" in page
    # Assignments: the team before and after, by name.
    assert "thành viên đoàn: Lê Thị Mai → Lê Thị Mai, Nguyễn Văn Mới" in page
    assert "trưởng đoàn Trần Văn Hùng" in page
    # Document versions: kind, title and the start of the content hash.
    decision = Document.objects.filter(case=case, kind="self_report").get()
    assert f"Báo cáo tự kiểm tra: Báo cáo tự kiểm tra · SHA-256 {decision.sha256[:12]}" in page
    # Edits in place: before → after.
    assert "trạng thái: Chờ xem xét → Được chấp nhận" in page
    assert f"kiến nghị #{rec.pk} – trạng thái: Đang thực hiện → Đã thực hiện" in page
    assert f"kiến nghị #{rec.pk} – ngày hoàn thành: — → {today()}" in page
    assert f"kiến nghị #{rec.pk} – kết quả thực hiện: — → Đã xong" in page


def test_case_page_queries_stay_constant_as_the_journal_grows(client, world, auditors):
    u = world["users"]
    case = open_case(client, world)
    complete(client, u["chair"], case, "sign_decision", {"signed_on": today()})
    client.force_login(auditors.inside)
    url = reverse("cases:detail", args=[case.pk])
    client.get(url)  # warm the per-process caches (content types, permissions)

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(3):
        person = _seated(world, f"them{i}", f"Người Thêm {i}", f"T000{i}")
        team_change(actor=u["chair"], case=case, add_members=[person])
        conflict_declare(actor=person, case=case, has_conflict=False)
        document_add(actor=u["member"], case=case, kind="evidence", title=f"Chứng cứ {i}", upload=pdf())
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200

    assert len(many.captured_queries) == len(few.captured_queries), (
        len(few.captured_queries),
        len(many.captured_queries),
    )


# --- The auditor search -----------------------------------------------------------------


def _case(
    world, *, kind=CaseKind.PLANNED_INSPECTION, area=AREA, subject_organisation=None, title="Hồ sơ", committee=None
):
    u = world["users"]
    case = case_open(
        actor=u["staff"],
        committee=committee or world["committee"],
        kind=kind,
        title=title,
        grounds="Chương trình kiểm tra năm",
        subject_member=None if subject_organisation else world["subject_member"],
        subject_organisation=subject_organisation,
        key_areas=[KeyArea.objects.get(code=area)],
        leader=u["leader"],
        members=[u["member"]],
    )
    for who in ("leader", "member"):
        conflict_declare(actor=u[who], case=case, has_conflict=False)
    return case


def _conclude(world, case, *, violation: bool, close: bool = False):
    """Carry a case to an approved conclusion through the services, as the steps do."""
    u = world["users"]
    day = timezone.localdate()
    decision_sign(actor=u["chair"], case=case)
    notice_record(actor=u["member"], case=case, sent_on=day)
    self_report_receive(actor=u["member"], case=case, received_on=day, upload=pdf())
    verification_record(actor=u["member"], case=case, findings=[("violation" if violation else "strength", "Nội dung")])
    team_report_submit(actor=u["leader"], case=case, text="Báo cáo")
    team_report_review(actor=u["chair"], case=case, accept=True)
    conclusion_draft(actor=u["leader"], case=case, text="Kết luận", violation_found=violation, recommendations=[])
    conclusion_review(actor=u["chair"], case=case, approve=True)
    if close:
        conclusion_notice_record(actor=u["member"], case=case, sent_on=day)
    case.refresh_from_db()
    return case


@pytest.fixture
def several(world):
    other_commune = Organisation.objects.get(name="Đảng bộ xã Khác")
    # The other commune's case is its own committee's: a committee inspects only its own
    # subtree (issue 9 point 9). The staff and the chair sit on it too.
    other_committee = other_commune.committees.get()
    build = WorldBuilder(term_start=other_committee.term_start)
    build.seat(other_committee, world["users"]["staff"], CommitteeSeat.Role.STAFF)
    build.seat(other_committee, world["users"]["chair"], CommitteeSeat.Role.CHAIR)
    cases = SimpleNamespace(
        draft=_case(world, title="Dự thảo"),
        signs=_case(world, kind=CaseKind.SIGNS_INSPECTION, area=OTHER_AREA, title="Dấu hiệu"),
        decided=_case(world, subject_organisation=world["cell"], title="Đã ký"),
        elsewhere=_case(world, subject_organisation=other_commune, title="Xã khác", committee=other_committee),
        violation=_case(world, title="Có vi phạm"),
        clean=_case(world, title="Không vi phạm"),
    )
    decision_sign(actor=world["users"]["chair"], case=cases.decided)
    decision_sign(actor=world["users"]["chair"], case=cases.elsewhere)
    _conclude(world, cases.violation, violation=True)
    _conclude(world, cases.clean, violation=False, close=True)
    return cases


def _found(user, query: str = "", **kwargs) -> set[str]:
    search = audit_search(user, QueryDict(query), **kwargs)
    assert not search.form.errors, search.form.errors
    return {c.title for c in search.cases}


ALL = {"Dự thảo", "Dấu hiệu", "Đã ký", "Xã khác", "Có vi phạm", "Không vi phạm"}


def test_search_each_filter_narrows_the_visible_cases(world, auditors, several):
    auditor = auditors.inside
    later = timezone.localdate() + datetime.timedelta(days=400)
    area = KeyArea.objects.get(code=OTHER_AREA)
    other_commune = Organisation.objects.get(name="Đảng bộ xã Khác")

    assert _found(auditor) == ALL
    assert _found(auditor, f"kind={CaseKind.SIGNS_INSPECTION}") == {"Dấu hiệu"}
    assert _found(auditor, f"status={CaseStatus.DECIDED}") == {"Đã ký", "Xã khác"}
    assert _found(auditor, f"status={CaseStatus.CLOSED}") == {"Không vi phạm"}
    assert _found(auditor, f"key_area={area.pk}") == {"Dấu hiệu"}
    # Organisation: the subject (an organisation, or a member's cell) or the committee, in the subtree.
    assert _found(auditor, f"organisation={other_commune.pk}") == {"Xã khác"}
    assert _found(auditor, f"organisation={world['cell'].pk}") == ALL - {"Xã khác"}
    assert _found(auditor, f"organisation={world['commune'].pk}") == ALL - {"Xã khác"}
    assert _found(auditor, f"organisation={world['province'].pk}") == ALL
    # Opened period.
    assert _found(auditor, f"opened_from={today()}&opened_to={today()}") == ALL
    assert _found(auditor, f"opened_from={future(1)}") == set()
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    assert _found(auditor, f"opened_to={yesterday}") == set()
    # Overdue: past the due date and not closed (cases without a decision have no due date).
    assert _found(auditor, "overdue=true") == set()
    assert _found(auditor, "overdue=true", today=later) == {"Đã ký", "Xã khác", "Có vi phạm"}
    assert _found(auditor, "overdue=false", today=later) == {"Dự thảo", "Dấu hiệu", "Không vi phạm"}
    # Outcome of the approved conclusion.
    assert _found(auditor, "outcome=violation") == {"Có vi phạm"}
    assert _found(auditor, "outcome=no_violation") == {"Không vi phạm"}
    assert _found(auditor, "outcome=pending") == ALL - {"Có vi phạm", "Không vi phạm"}
    # Filters combine.
    assert _found(auditor, f"status={CaseStatus.DECIDED}&organisation={world['cell'].pk}") == {"Đã ký"}


@pytest.mark.parametrize("who", ["elsewhere", "expired"])
def test_search_never_shows_a_case_outside_the_mandate(world, auditors, several, who):
    auditor = getattr(auditors, who)
    assert _found(auditor) == set()
    assert _found(auditor, "outcome=pending") == set()
    assert _found(auditor, f"organisation={world['province'].pk}") == set()


@pytest.mark.parametrize("who", ["outsider", "subject"])
def test_search_finds_nothing_for_people_no_case_names(world, several, who):
    user = world["users"][who]
    assert _found(user) == set()
    assert _found(user, f"organisation={world['province'].pk}&outcome=pending") == set()


def test_search_by_a_team_member_stays_within_their_cases(world, several):
    assert _found(world["users"]["leader"]) == ALL
    newcomer = _seated(world, "khac", "Người Khác Đoàn", "K0001")
    assert _found(newcomer) == set()


def test_search_with_invalid_input_finds_nothing_and_says_why(client, world, auditors, several):
    search = audit_search(auditors.inside, QueryDict("opened_from=31/02/2026&kind=ZZ"))
    assert set(search.form.errors) == {"opened_from", "kind"}
    assert not search.cases.exists()

    client.force_login(auditors.inside)
    response = client.get(reverse("cases:audit"), {"opened_from": "31/02/2026"})
    assert response.status_code == 200
    assert 'id="form-errors"' in response.content.decode()


def test_search_page_shows_the_rows_with_an_overdue_badge(client, world, auditors, several):
    client.force_login(auditors.inside)
    response = client.get(reverse("cases:audit"), {"status": CaseStatus.DECIDED})
    body = response.content.decode()

    assert response.status_code == 200
    assert several.decided.number in body and several.elsewhere.number in body
    assert several.draft.number not in body
    assert several.decided.due_on.strftime("%d/%m/%Y") in body
    assert "kt-overdue" not in body  # due in 60 working days
    # The menu offers the search to everyone signed in.
    assert reverse("cases:audit") in client.get(reverse("cases:index")).content.decode()


def _count(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode().count('href="/cases/')


def test_search_runs_a_constant_number_of_queries(client, world, auditors):
    for i in range(3):
        _case(world, title=f"Hồ sơ {i}")
    client.force_login(auditors.inside)
    url = reverse("cases:audit")
    area = KeyArea.objects.get(code=AREA)
    filters = {
        "kind": CaseKind.PLANNED_INSPECTION,
        "key_area": area.pk,
        "organisation": world["commune"].pk,
        "opened_from": today(),
        "overdue": "false",
        "outcome": "pending",
    }
    client.get(url)  # warm the per-process caches

    few = {name: _count(client, url, params) for name, params in [("all", {}), ("filtered", filters)]}
    for i in range(7):
        _case(world, title=f"Hồ sơ thêm {i}")
    many = {name: _count(client, url, params) for name, params in [("all", {}), ("filtered", filters)]}

    for name in few:
        assert many[name][0] == few[name][0], (name, few[name], many[name])
        assert many[name][1] - few[name][1] == 7, name
    assert many["filtered"][0] <= 12
