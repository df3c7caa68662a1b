"""The time to file a complaint against discipline, through the services (domain.md §11b.1,
issue 9 point 3): 30 working days (a provisional rule-table row) from the announcement of
the decision to the day the complaint was sent, in person or by postmark, counted with
the holiday calendar; a late complaint is registered and declined at admissibility with
the notice; impossible dates are refused and nothing is written."""

import datetime

import pytest
from django.utils import timezone

from inspections import rulebook
from inspections.exceptions import RuleViolation
from inspections.models import Case, CaseStatus, Complaint, DisciplineRecord, Document, JournalEntry
from inspections.rules.deadlines import Unit, add_working_days
from inspections.services import discipline_complaint as services
from tests.inspections.services.test_discipline_complaint import open_
from tests.workflow.conftest import pdf
from tests.workflow.discipline_complaint_helpers import ago, build_world, make_record

pytestmark = pytest.mark.django_db

# Monday 2/2/2026; the seeded Tết Nguyên đán 2026 (14–22/2) holds five working days.
ANNOUNCED = datetime.date(2026, 2, 2)
DAY_30 = datetime.date(2026, 3, 23)
DAY_31 = datetime.date(2026, 3, 24)


@pytest.fixture
def cworld(db):
    return build_world()


def filed(w, *, sent_on, received_on, **overrides):
    record = make_record(w, decided_on=ANNOUNCED - datetime.timedelta(days=3))
    dates = {"decision_received_on": ANNOUNCED, "announced_on": ANNOUNCED}
    return open_(w, record, sent_on=sent_on, received_on=received_on, **{**dates, **overrides})


def test_the_shipped_rule_is_30_working_days_from_the_announcement_provisional_with_its_source():
    limit = rulebook.time_limit("F.file", on=datetime.date(2001, 1, 1))
    assert (limit.amount, limit.unit, limit.clock_starts) == (30, Unit.WORKING_DAYS, "announced")
    assert limit.provisional
    assert limit.source == "QĐ 30-QĐ/TW (2016) điểm 5.2.1; QĐ 46-QĐ/TW (2011) điểm 5.2.1"


def test_30_working_days_over_tet(cworld):
    case = filed(cworld, sent_on=DAY_30, received_on=DAY_30)
    complaint = Complaint.objects.get(case=case)
    assert complaint.filing_due_on == DAY_30
    assert add_working_days(ANNOUNCED, 30, frozenset()) == datetime.date(2026, 3, 16)  # without the holiday


def test_sent_on_day_30_by_post_arriving_later_is_admissible(cworld):
    u = cworld["users"]
    case = filed(cworld, sent_on=DAY_30, received_on=DAY_30 + datetime.timedelta(days=7))
    complaint = services.complaint_admissibility_decide(actor=u["director"], case=case, admissible=True, reasons=[])
    assert complaint.admissible and complaint.not_handled_reasons == []
    assert Case.objects.get(pk=case.pk).status == CaseStatus.VERIFYING


def test_sent_on_day_31_is_registered_then_declined_with_the_notice(cworld):
    u = cworld["users"]
    case = filed(cworld, sent_on=DAY_31, received_on=DAY_31)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED
    with pytest.raises(RuleViolation) as refused:
        services.complaint_admissibility_decide(actor=u["director"], case=case, admissible=True, reasons=[])
    message = str(refused.value)
    for part in ("Quá thời hạn khiếu nại", "02/02/2026", "23/03/2026", "24/03/2026", "30 ngày làm việc", "5.2.1"):
        assert part in message
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED
    complaint = services.complaint_admissibility_decide(actor=u["director"], case=case, admissible=False, reasons=[])
    assert complaint.not_handled_reasons == ["out_of_time"]
    services.complaint_refusal_notify(actor=u["staff"], case=case, sent_on=timezone.localdate(), upload=pdf())
    assert Document.objects.filter(case=case, kind="complaint_refusal").count() == 1
    assert Case.objects.get(pk=case.pk).closed_on == timezone.localdate()


def test_the_postmark_counts_not_the_arrival(cworld):
    """Sent on day 31, even arriving the same week as one sent on day 30, is late."""
    u = cworld["users"]
    late = filed(cworld, sent_on=DAY_31, received_on=DAY_31 + datetime.timedelta(days=1))
    with pytest.raises(RuleViolation, match="Quá thời hạn khiếu nại"):
        services.complaint_admissibility_decide(actor=u["director"], case=late, admissible=True, reasons=[])
    on_time = filed(cworld, sent_on=DAY_30, received_on=DAY_31 + datetime.timedelta(days=1))
    services.complaint_admissibility_decide(actor=u["director"], case=on_time, admissible=True, reasons=[])


def test_the_announcement_defaults_to_the_one_the_discipline_case_recorded(cworld):
    record = make_record(cworld, decided_on=ago(30))
    DisciplineRecord.objects.filter(pk=record.pk).update(announced_on=ago(25))
    record.refresh_from_db()
    case = open_(cworld, record, announced_on=None)
    assert Complaint.objects.get(case=case).announced_on == ago(25)
    record2 = make_record(cworld, decided_on=ago(30))
    DisciplineRecord.objects.filter(pk=record2.pk).update(announced_on=None)
    record2.refresh_from_db()
    with pytest.raises(RuleViolation, match="Cần ghi ngày công bố quyết định kỷ luật"):
        open_(cworld, record2, announced_on=None)


LATER = timezone.localdate() + datetime.timedelta(days=2)


@pytest.mark.parametrize(
    "dates, message",
    [
        ({"announced_on": ago(5), "sent_on": ago(10)}, "không được trước ngày công bố quyết định kỷ luật"),
        ({"announced_on": LATER, "sent_on": LATER, "received_on": LATER}, "Ngày công bố quyết định kỷ luật không"),
        ({"sent_on": LATER, "received_on": LATER}, "Ngày gửi đơn khiếu nại không được sau ngày hôm nay"),
        ({"sent_on": ago(4), "received_on": ago(5)}, "Ngày nhận đơn khiếu nại không được trước ngày gửi đơn"),
        ({"announced_on": ago(60)}, "Ngày công bố quyết định kỷ luật không được trước ngày ra quyết định"),
    ],
)
def test_impossible_dates_are_refused_and_nothing_is_written(cworld, dates, message):
    record = make_record(cworld)
    before = (Case.objects.count(), JournalEntry.objects.count())
    with pytest.raises(RuleViolation, match=message):
        open_(cworld, record, **dates)
    assert (Case.objects.count(), JournalEntry.objects.count()) == before
    assert not Complaint.objects.exists()
