"""Garbage POSTed to the complaint forms (domain.md §5(F)) through the real views: the
start form, the admissibility decision, the aspect review, the meeting that opens the
secret ballot, the chair's close of the ballot, a voter's paper, and the page opening a
complaint from the discipline case. Never a 500; a refused POST writes nothing (case
rows, complaint, discipline records, ballots and papers, documents, journal, files,
tasks)."""

import datetime
from functools import partial

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from inspections.models import (
    Ballot,
    BallotParticipation,
    BallotVote,
    Complaint,
    ComplaintReview,
    DisciplineRecord,
    Holiday,
)
from inspections.services.complaint_checks import filing_time
from people.models import Committee, Organisation, User
from tests.fuzz.drive import ACCEPTABLE, assert_nothing_written, snapshot
from tests.fuzz.strategies import DATES, FILES, FUZZ, TEXT, choice, form_data, ids
from tests.workflow.conftest import pdf
from tests.workflow.discipline_complaint_helpers import (
    OPEN_URL,
    ago,
    body_members,
    build_world,
    day,
    hold_meeting,
    intake_data,
    make_record,
    open_complaint,
    review_data,
    vote,
)
from tests.workflow.helpers import claim, complete, open_task, task_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def cworld(db):
    return build_world()


def full_snapshot(case=None) -> dict:
    state = snapshot(case)
    state["complaints"] = list(Complaint.objects.order_by("pk").values())
    state["reviews"] = list(ComplaintReview.objects.order_by("pk").values_list("aspect", "verdict", "text"))
    state["records"] = list(DisciplineRecord.objects.order_by("pk").values())
    state["ballots"] = list(Ballot.objects.order_by("pk").values())
    state["papers"] = (BallotParticipation.objects.count(), BallotVote.objects.count())
    return state


def start_fields() -> dict:
    users = list(User.objects.values_list("pk", flat=True))
    return {
        "committee": ids(Committee.objects.values_list("pk", flat=True)),
        "record": ids(DisciplineRecord.objects.values_list("pk", flat=True)),
        "representative": TEXT,
        "decision_received_on": DATES,
        "announced_on": DATES,
        "sent_on": DATES,
        "received_on": DATES,
        "about": choice(["content", "form", "procedure"]),
        "request": TEXT,
        "letter": FILES,
        "imposed_by_kind": choice(["cell", "inspection", "standing", "executive"]),
        "imposed_by_organisation": ids(Organisation.objects.values_list("pk", flat=True)),
        "resolving_body": ids(Committee.objects.values_list("pk", flat=True)),
        "leader": ids(users),
        "members": ids(users),
        "director": ids(users),
    }


@settings(max_examples=20, **FUZZ)
@given(data=st.data())
def test_garbage_start_form_never_errors_and_writes_nothing_when_refused(client, cworld, data):
    from django.urls import reverse

    record = DisciplineRecord.objects.filter(state="in_force", complaints__isnull=True).first() or make_record(cworld)
    client.force_login(cworld["users"]["staff"])
    post = data.draw(form_data(start_fields(), valid=lambda: intake_data(cworld, record)), label="POST")
    before = full_snapshot()
    response = client.post(reverse(OPEN_URL), post)
    event(f"HTTP {response.status_code}")
    assert response.status_code in ACCEPTABLE
    if response.status_code != 302:
        assert_nothing_written(before, full_snapshot(), response)


@settings(max_examples=40, **FUZZ)
@given(
    announced=st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2026, 12, 31)),
    offset=st.integers(min_value=0, max_value=70),
)
@example(announced=datetime.date(2025, 2, 1), offset=42)  # sent the Saturday after the last day: late
def test_filing_time_is_in_time_iff_at_most_30_working_days_from_announcement_to_sending(cworld, announced, offset):
    """domain.md §11b.1, against a count made here: the days after the announcement up to
    the sending day that are neither weekend nor in the holiday calendar; the 30th such day
    is the last day."""
    sent = announced + datetime.timedelta(days=offset)
    holidays = set(Holiday.objects.values_list("day", flat=True))
    counted = sum(
        1
        for n in range(1, offset + 1)
        if (d := announced + datetime.timedelta(days=n)).weekday() < 5 and d not in holidays
    )
    filing = filing_time(announced_on=announced, sent_on=sent)
    # The limit runs out at the end of the 30th working day: a paper sent on the weekend or
    # holiday after it is late, although that day adds no working day to the count.
    sent_on_working_day = sent.weekday() < 5 and sent not in holidays
    assert filing.in_time == (counted < 30 or (counted == 30 and sent_on_working_day))
    assert filing.limit.provisional and filing.limit.amount == 30


def meeting_fields(w) -> dict:
    users = list(User.objects.values_list("pk", flat=True))
    return {
        "meeting_on": DATES,
        "mode": choice(["online", "paper", "mixed", "x"]),
        "away": ROSTER_KEYS,
        "exempted_absent": ROSTER_KEYS,
        "present": ids(users),
        "file": FILES,
    }


def valid_meeting(w) -> dict:
    members = body_members(w, w["ic"])
    return {"meeting_on": day(ago(1)), "mode": "online", "present": [m.pk for m in members]}


ROSTER_KEYS = st.lists(st.one_of(st.integers(min_value=-5, max_value=5000).map(lambda n: f"u{n}"), TEXT), max_size=4)
CLOSE = {"confirm": choice(["on", "", "off"]), "reasons": TEXT, "file": FILES}
# step -> (actor, fields (a function of the world), valid POST (idem))
STEPS = {
    "check_admissibility": (
        "director",
        lambda w: {
            "decision": choice(["accept", "reject"]),
            "reasons": choice(["sentenced", "on_behalf", "out_of_time"]),
            "note": TEXT,
        },
        lambda w: {"decision": "accept"},
    ),
    "review_aspects": (
        "member",
        lambda w: {
            "differences": TEXT,
            "file": FILES,
            **{f"{a}_verdict": choice(["right", "wrong", "partly"]) for a in ("content", "form", "procedure")},
            **{f"{a}_text": TEXT for a in ("content", "authority")},
        },
        lambda w: review_data(),
    ),
    "hold_meeting": ("chair", meeting_fields, valid_meeting),
    "close_ballot": ("chair", lambda w: CLOSE, lambda w: {"confirm": "on", "reasons": "Kết luận"}),
}


def drive_to(client, w, step):
    u = w["users"]
    case = open_complaint(client, w, make_record(w))
    if step == "check_admissibility":
        return case
    complete(client, u["director"], case, "check_admissibility", {"decision": "accept"})
    complete(client, u["member"], case, "meet_imposing_body", {"met_on": day(ago(3)), "minutes": pdf()})
    complete(client, u["member"], case, "meet_complainant", {"met_on": day(ago(2)), "minutes": pdf()})
    if step == "review_aspects":
        return case
    complete(client, u["member"], case, "review_aspects", review_data())
    complete(client, u["leader"], case, "write_report", {"text": "Báo cáo", "proposed_outcome": "keep"})
    complete(client, u["chair"], case, "review_report", {"decision": "accept"})
    if step == "hold_meeting":
        return case
    vote(client, w, case, "keep", close=False)
    return case


@pytest.fixture
def current():
    return {}


@pytest.mark.parametrize("step", sorted(STEPS))
@settings(max_examples=10, **FUZZ)
@given(data=st.data())
def test_garbage_post_to_complaint_steps_never_errors(client, cworld, current, step, data):
    actor, fields, valid = STEPS[step]
    case = current.get("case")
    if case is None or not _is_open(case, step):
        case = current["case"] = drive_to(client, cworld, step)
    fields, valid = fields(cworld), partial(valid, cworld)
    user = cworld["users"][actor]
    client.force_login(user)
    task = open_task(case, step)
    if task.owner_id is None:
        claim(client, task)
        task.refresh_from_db()
    post = data.draw(form_data(fields, valid=valid), label="POST")
    before = full_snapshot(case)
    response = client.post(task_url(task), post)
    event(f"HTTP {response.status_code}")
    assert response.status_code in ACCEPTABLE
    if response.status_code != 302:
        assert_nothing_written(before, full_snapshot(case), response)
        assert _is_open(case, step)


def _is_open(case, step) -> bool:
    try:
        open_task(case, step)
    except AssertionError:
        return False
    return True


@settings(max_examples=15, **FUZZ)
@given(data=st.data())
def test_garbage_papers_never_error_and_a_refused_paper_writes_nothing(client, cworld, current, data):
    """The shared cast page on a complaint ballot: any option, any voter or non-voter."""
    from django.urls import reverse

    case = current.get("ballot_case")
    ballot = Ballot.objects.filter(case=case, closed_at__isnull=True).first() if case else None
    if ballot is None or BallotParticipation.objects.filter(ballot=ballot).count() == ballot.voters_count:
        # A ballot with papers left to cast, so that some examples are accepted.
        case = current["ballot_case"] = drive_to(client, cworld, "hold_meeting")
        hold_meeting(client, cworld, case, body_members(cworld, cworld["ic"]))
        ballot = Ballot.objects.get(case=case, closed_at__isnull=True)
    people = [*cworld["users"].values(), *body_members(cworld, cworld["ic"])]
    user = data.draw(st.sampled_from(people), label="user")
    option = data.draw(
        st.one_of(st.sampled_from([o["code"] for o in ballot.options] + ["-", ""]), TEXT), label="option"
    )
    client.force_login(user)
    before = full_snapshot(case)
    response = client.post(reverse("cases:ballot_cast", args=[case.pk, ballot.pk]), {"option": option})
    event(f"HTTP {response.status_code}")
    assert response.status_code in ACCEPTABLE
    if response.status_code != 302:
        assert_nothing_written(before, full_snapshot(case), response)


@settings(max_examples=15, **FUZZ)
@given(data=st.data())
def test_garbage_to_the_open_from_discipline_page_never_errors(client, cworld, data):
    from django.urls import reverse

    record = DisciplineRecord.objects.filter(state="in_force").first() or make_record(cworld)
    user = data.draw(st.sampled_from(list(cworld["users"].values())), label="user")
    post = data.draw(
        form_data(
            {"committee": ids(Committee.objects.values_list("pk", flat=True)), "note": TEXT},
            valid=lambda: {"committee": cworld["ic"].pk, "note": ""},
        ),
        label="POST",
    )
    client.force_login(user)
    before = full_snapshot()
    response = client.post(reverse("cases:complaint_from_discipline", args=[record.case_id]), post)
    event(f"HTTP {response.status_code}")
    assert response.status_code in ACCEPTABLE
    if response.status_code != 302:
        assert_nothing_written(before, full_snapshot(), response)
