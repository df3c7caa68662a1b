"""Garbage POSTed to the complaint forms (domain.md §5(F)) through the real views: the
start form, the admissibility decision, the aspect review and the meeting's outcome.
Never a 500; a refused POST writes nothing (case rows, complaint, discipline records,
documents, journal, files, tasks)."""

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from inspections.models import Complaint, ComplaintReview, DisciplineRecord
from people.models import Committee, Organisation, User
from tests.fuzz.drive import ACCEPTABLE, assert_nothing_written, snapshot
from tests.fuzz.strategies import DATES, FILES, FUZZ, TEXT, choice, form_data, ids
from tests.workflow.conftest import pdf
from tests.workflow.discipline_complaint_helpers import (
    OPEN_URL,
    ago,
    build_world,
    day,
    intake_data,
    make_record,
    open_complaint,
    review_data,
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
    return state


def start_fields() -> dict:
    users = list(User.objects.values_list("pk", flat=True))
    return {
        "committee": ids(Committee.objects.values_list("pk", flat=True)),
        "record": ids(DisciplineRecord.objects.values_list("pk", flat=True)),
        "representative": TEXT,
        "decision_received_on": DATES,
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


MEETING = {
    "meeting_on": DATES,
    "outcome": choice(["keep", "increase", "reduce", "remove"]),
    "new_form": choice(["", "reprimand", "warning", "dismissal", "expulsion", "dissolution", "strike_off"]),
    "reasons": TEXT,
    "count_base": st.one_of(st.integers(min_value=-5, max_value=70000).map(str), TEXT),
    "votes_for": st.one_of(st.integers(min_value=-5, max_value=70000).map(str), TEXT),
}
STEPS = {
    "check_admissibility": (
        "director",
        {
            "decision": choice(["accept", "reject"]),
            "reasons": choice(["sentenced", "on_behalf", "out_of_time"]),
            "note": TEXT,
        },
        lambda: {"decision": "accept"},
    ),
    "review_aspects": (
        "member",
        {
            "differences": TEXT,
            "file": FILES,
            **{f"{a}_verdict": choice(["right", "wrong", "partly"]) for a in ("content", "form", "procedure")},
            **{f"{a}_text": TEXT for a in ("content", "authority")},
        },
        review_data,
    ),
    "hold_meeting": (
        "chair",
        MEETING,
        lambda: {"meeting_on": day(ago(1)), "outcome": "keep", "reasons": "x", "count_base": "5", "votes_for": "3"},
    ),
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
