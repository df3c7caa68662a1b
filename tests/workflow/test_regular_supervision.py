"""The regular supervision log (C1) through the real views: opening, entries of every kind,
the log page (paginated, constant queries), access for named people and outsiders, bad
input, escalation to a thematic supervision (C2) and the request for an inspection upon
signs (B)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from viewflow.workflow import STATUS
from viewflow.workflow.models import Task

from inspections import access
from inspections.journal import verify_chain
from inspections.models import (
    Case,
    CaseKind,
    CaseLink,
    CaseStatus,
    Document,
    DocumentKind,
    JournalEntry,
    SignsProposal,
    SupervisionEntry,
    SupervisionLog,
)
from inspections.selectors.supervision import signs_proposals_pending
from inspections.services.regular_supervision import entry_add
from tests.factories.people import CommitteeSeatFactory
from tests.workflow.conftest import pdf
from tests.workflow.helpers import complete, declare, open_task
from tests.workflow.supervision_helpers import add_entry, day, log_url, open_log

pytestmark = pytest.mark.django_db


def _counts(case):
    return (
        SupervisionEntry.objects.filter(case=case).count(),
        Document.objects.filter(case=case).count(),
        JournalEntry.objects.filter(case=case).count(),
        SignsProposal.objects.count(),
        Case.objects.count(),
    )


def test_log_is_a_monitoring_case_without_process_listed_for_its_people_only(client, world):
    u = world["users"]
    case = open_log(client, world)
    assert case.kind == CaseKind.REGULAR_SUPERVISION
    assert case.status == CaseStatus.MONITORING
    assert not hasattr(case, "process") or case.process is None
    assert SupervisionLog.objects.get(case=case).committee == world["committee"]
    assert {r.role for r in case.roles.filter(revoked_at__isnull=True)} == {"drafter", "leader", "member", "approver"}
    for name in ("staff", "leader", "member", "chair"):
        client.force_login(u[name])
        assert case.number in client.get(reverse("cases:index")).content.decode(), name
    for name in ("outsider", "subject"):
        client.force_login(u[name])
        assert case.number not in client.get(reverse("cases:index")).content.decode(), name
    # The case page shows the log card with a link to the log.
    client.force_login(u["leader"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="supervision-log"' in page and log_url(case) in page


def test_entries_of_every_kind_are_added_listed_newest_first_and_journaled(client, world):
    u = world["users"]
    case = open_log(client, world)
    add_entry(
        client,
        u["member"],
        case,
        kind="observation",
        source="report",
        occurred_on=day(-10),
        text="Nghiên cứu báo cáo sáu tháng của chi bộ",
        files=[pdf("bao-cao-6-thang.pdf"), pdf("phu-luc.pdf")],
    )
    add_entry(
        client,
        u["leader"],
        case,
        kind="observation",
        source="cell_meeting",
        occurred_on=day(-5),
        text="Dự sinh hoạt chi bộ tháng 3",
    )
    add_entry(client, u["leader"], case, kind="meeting", occurred_on=day(-3), text="Dự hội nghị kiểm điểm", source="")
    add_entry(
        client,
        u["staff"],
        case,
        kind="reminder",
        occurred_on=day(),
        text="Nhắc nhở chậm nộp báo cáo",
        # A source sent with a reminder is ignored: only observations have one.
        source="press",
        files=[pdf("van-ban-nhac-nho.pdf")],
    )
    entries = list(SupervisionEntry.objects.filter(case=case).order_by("occurred_on"))
    assert [(e.kind, e.method, e.source) for e in entries] == [
        ("observation", "indirect", "report"),
        ("observation", "direct", "cell_meeting"),
        ("meeting", "", ""),
        ("reminder", "", ""),
    ]
    assert entries[0].documents.count() == 2
    assert entries[3].documents.get().kind == DocumentKind.SUPERVISION_REMINDER
    assert {d.kind for d in entries[0].documents.all()} == {DocumentKind.EVIDENCE}

    client.force_login(u["chair"])
    response = client.get(log_url(case))
    assert response.status_code == 200
    page = response.content.decode()
    order = [
        page.index(text) for text in ("Nhắc nhở chậm nộp", "Dự hội nghị kiểm điểm", "Dự sinh hoạt chi bộ", "sáu tháng")
    ]
    assert order == sorted(order), "newest first"
    assert "Trực tiếp – Ủy viên dự sinh hoạt chi bộ" in page
    doc = entries[3].documents.get()
    assert reverse("cases:document", args=[case.pk, doc.pk]) in page

    actions = list(JournalEntry.objects.filter(case=case).values_list("action", flat=True))
    assert actions.count("supervision.entry_added") == 4
    assert verify_chain(case.pk) is None
    timeline = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Ghi vào sổ theo dõi giám sát thường xuyên" in timeline


def test_named_person_writes_chair_reads_outsiders_see_nothing(client, world):
    u = world["users"]
    case = open_log(client, world)
    add_entry(client, u["member"], case, text="Ghi nhận của thành viên")
    before = _counts(case)
    # The chair reads the log but has no form and may not write.
    client.force_login(u["chair"])
    response = client.get(log_url(case))
    assert response.status_code == 200 and 'id="add-entry"' not in response.content.decode()
    assert client.post(log_url(case), {"kind": "meeting", "occurred_on": day(), "text": "x"}).status_code == 403
    # Outsiders and the subject: as if the log did not exist.
    for name in ("outsider", "subject"):
        client.force_login(u[name])
        assert client.get(log_url(case)).status_code == 404
        assert client.post(log_url(case), {"kind": "meeting", "occurred_on": day(), "text": "x"}).status_code == 404
        for url in ("cases:supervision_escalate", "cases:supervision_propose"):
            assert client.get(reverse(url, args=[case.pk])).status_code == 404
    assert _counts(case) == before
    # Anonymous visitors are sent to log in.
    client.logout()
    assert client.get(log_url(case)).status_code == 302


def test_keeper_must_declare_before_seeing_the_log(client, world):
    u = world["users"]
    case = open_log(client, world, declare_keepers=False)
    client.force_login(u["member"])
    response = client.get(log_url(case))
    assert response.status_code == 302 and response.url == reverse("cases:declare", args=[case.pk])
    declare(client, u["member"], case)
    assert client.get(log_url(case)).status_code == 200


def test_log_page_of_another_kind_of_case_is_not_found(client, world):
    from tests.workflow.helpers import open_case

    planned = open_case(client, world)
    client.force_login(world["users"]["leader"])
    assert client.get(log_url(planned)).status_code == 404
    assert client.get(reverse("cases:supervision_escalate", args=[planned.pk])).status_code == 404


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"source": ""}, "source", "Chọn nguồn thông tin"),
        ({"text": ""}, "text", None),
        ({"occurred_on": "31/02/2026"}, "occurred_on", None),
        ({"occurred_on": day(3)}, None, "không được sau ngày hôm nay"),
        ({"occurred_on": "01/01/2020"}, None, "trước nhiệm kỳ"),
        ({"kind": "rumour"}, "kind", None),
        ({"source": "gossip"}, "source", None),
        (
            {
                "files": [
                    SimpleUploadedFile("x.pdf", b"<html><script>1</script></html>", content_type="application/pdf")
                ]
            },
            None,
            "Loại tệp không được chấp nhận",
        ),
    ],
)
def test_bad_entry_input_shows_a_message_and_writes_nothing(client, world, data, field, message):
    case = open_log(client, world)
    before = _counts(case)
    response = add_entry(client, world["users"]["member"], case, expect=200, **data)
    form = response.context["form"]
    if field:
        assert field in form.errors
    if message:
        assert message in response.content.decode()
    assert _counts(case) == before


def test_one_log_per_committee_and_subject(client, world):
    open_log(client, world)
    cases = Case.objects.count()
    response = open_log(client, world, expect=200)
    assert "đã mở sổ theo dõi giám sát thường xuyên đối với đảng viên này" in response.content.decode()
    assert Case.objects.count() == cases
    # The same committee may keep a log of an organisation, and of another member.
    open_log(client, world, subject_card_number="", subject_organisation=world["cell"].pk)
    assert SupervisionLog.objects.count() == 2


def test_only_committee_seats_open_logs_and_bad_opening_input_is_refused(client, world):
    u = world["users"]
    client.force_login(u["subject"])
    assert client.get(reverse("cases:supervision_log_open")).status_code == 403
    # Staff of another committee cannot open a log for this one.
    client.force_login(u["outsider"])
    response = client.post(
        reverse("cases:supervision_log_open"),
        {
            "committee": world["committee"].pk,
            "title": "X",
            "grounds": "Y",
            "subject_card_number": world["subject_member"].card_number,
            "leader": u["leader"].pk,
            "confidentiality": "normal",
        },
    )
    assert response.status_code == 200 and "committee" in response.context["form"].errors
    # Both a member and an organisation, or neither: refused.
    response = open_log(client, world, expect=200, subject_organisation=world["cell"].pk)
    assert "Chọn đúng một đối tượng" in response.content.decode()
    # The subject cannot keep their own log (conflict of interest).
    CommitteeSeatFactory(
        committee=world["committee"], user=u["subject"], role="member", started_on=datetime.date(2025, 7, 1)
    )
    response = open_log(client, world, expect=200, leader=u["subject"].pk)
    assert "là đối tượng của hồ sơ" in response.content.decode()
    assert not Case.objects.filter(kind=CaseKind.REGULAR_SUPERVISION).exists()


def test_log_page_is_paginated_with_constant_queries(client, world):
    u = world["users"]
    case = open_log(client, world)

    def fill(n):
        from django.db import transaction

        for i in range(n):
            with transaction.atomic():
                entry_add(
                    actor=u["member"],
                    case=case,
                    kind=["observation", "meeting", "reminder"][i % 3],
                    source="press" if i % 3 == 0 else "",
                    occurred_on=datetime.date.today() - datetime.timedelta(days=i % 30),
                    text=f"Ghi nhận số {i}",
                    uploads=[pdf(f"tl-{i}.pdf")] if i % 2 else [],
                )

    client.force_login(u["leader"])

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(log_url(case))
        assert response.status_code == 200
        return len(ctx.captured_queries)

    fill(3)
    few = queries()
    fill(40)
    many = queries()
    assert many == few, (few, many)
    page = client.get(log_url(case)).content.decode()
    assert page.count('class="kt-entry"') == 25
    second = client.get(log_url(case), {"page": 2}).content.decode()
    assert second.count('class="kt-entry"') == 18
    assert client.get(log_url(case), {"page": "x"}).status_code == 200
    # The case page with its log card stays constant too.
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("cases:detail", args=[case.pk]))
    fill(10)
    with CaptureQueriesContext(connection) as ctx2:
        client.get(reverse("cases:detail", args=[case.pk]))
    assert len(ctx2.captured_queries) == len(ctx.captured_queries)


def test_escalation_to_thematic_supervision_opens_a_linked_c2_case_with_its_flow(client, world):
    u = world["users"]
    log = open_log(client, world)
    add_entry(client, u["member"], log, kind="reminder", text="Nhắc nhở lần 2, chưa khắc phục", source="")
    client.force_login(u["member"])
    url = reverse("cases:supervision_escalate", args=[log.pk])
    # Bad input first: nothing is opened.
    response = client.post(url, {"title": "Giám sát chuyên đề", "grounds": "Kết quả theo dõi", "reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert not Case.objects.filter(kind=CaseKind.THEMATIC_SUPERVISION).exists()

    response = client.post(
        url,
        {
            "title": "Giám sát việc khắc phục hạn chế",
            "grounds": "Kết quả theo dõi thường xuyên",
            "reason": "Nhắc nhở hai lần chưa khắc phục",
        },
    )
    assert response.status_code == 302
    thematic = Case.objects.get(kind=CaseKind.THEMATIC_SUPERVISION)
    assert response.url == reverse("cases:detail", args=[thematic.pk])
    assert thematic.status == CaseStatus.DRAFT
    assert thematic.subject_member == log.subject_member and thematic.committee == log.committee
    link = CaseLink.objects.get()
    assert (link.source, link.target, link.relation) == (log, thematic, CaseLink.Relation.ESCALATED)
    assert JournalEntry.objects.filter(case=log, action="supervision.escalated").exists()
    assert JournalEntry.objects.filter(case=thematic, action="link.added").exists()
    # Its flow started with the staff set-up task (the escalating keeper drafted it).
    task = open_task(thematic, "set_up")
    assert task.status == STATUS.NEW
    assert access.can(u["member"], "work", thematic)
    complete(client, u["member"], thematic, "set_up", {"leader": u["leader"].pk, "members": [], "plan_file": pdf()})
    assert open_task(thematic, "sign_decision").owner_id == u["chair"].pk
    assert Task.objects.filter(process__caseprocess__case=thematic).count() >= 3


def test_escalation_refused_to_reader_and_on_a_closed_log(client, world):
    u = world["users"]
    log = open_log(client, world)
    client.force_login(u["chair"])
    url = reverse("cases:supervision_escalate", args=[log.pk])
    data = {"title": "T", "grounds": "G", "reason": "R"}
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    Case.objects.filter(pk=log.pk).update(status=CaseStatus.CLOSED)
    client.force_login(u["member"])
    response = client.post(url, data)
    assert response.status_code == 200 and "Sổ theo dõi giám sát thường xuyên đã đóng" in response.content.decode()
    assert Case.objects.count() == 1


def test_request_for_inspection_upon_signs_is_recorded_for_the_committee(client, world):
    u = world["users"]
    log = open_log(client, world)
    client.force_login(u["leader"])
    url = reverse("cases:supervision_propose", args=[log.pk])
    response = client.post(url, {"content": "   "})
    assert response.status_code == 200 and "content" in response.context["form"].errors
    assert not SignsProposal.objects.exists()
    response = client.post(url, {"content": "Dấu hiệu vi phạm quy định về quản lý đất đai"})
    assert response.status_code == 302
    proposal = SignsProposal.objects.get()
    assert (proposal.origin, proposal.proposed_by, proposal.spawned_case) == (log, u["leader"], None)
    assert JournalEntry.objects.filter(case=log, action="supervision.signs_proposed").exists()
    # The hook a later integration uses: pending proposals, scoped by access.
    assert list(signs_proposals_pending(u["chair"])) == [proposal]
    assert list(signs_proposals_pending(u["outsider"])) == []
    page = client.get(reverse("cases:detail", args=[log.pk])).content.decode()
    assert "Dấu hiệu vi phạm quy định về quản lý đất đai" in page and "Chờ Ủy ban xem xét" in page
    # Every entry of the log's journal has a label on the timeline.
    from workflow.views.cases import TIMELINE_LABELS

    add_entry(client, u["leader"], log, text="Ghi nhận")
    client.force_login(u["member"])
    client.post(reverse("cases:supervision_escalate", args=[log.pk]), {"title": "T", "grounds": "G", "reason": "Lý do"})
    actions = set(JournalEntry.objects.filter(case=log).values_list("action", flat=True))
    assert {"supervision.entry_added", "supervision.escalated", "supervision.signs_proposed"} <= actions
    assert actions <= set(TIMELINE_LABELS), actions - set(TIMELINE_LABELS)
    client.force_login(u["leader"])
    # Readers may not propose.
    client.force_login(u["chair"])
    assert client.post(url, {"content": "Khác"}).status_code == 403
    assert SignsProposal.objects.count() == 1
