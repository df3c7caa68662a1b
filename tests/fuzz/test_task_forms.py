"""Garbage POSTed to every step of the planned-inspection flow, through the real views.

Whatever arrives, the answer is never a 500. A POST that is not accepted (anything but a
redirect) writes nothing: the case row, its documents, journal, findings, team reports,
conclusions and recommendations, the stored files and the open tasks are as they were.
When garbage happens to be valid (302) the step is done; the next example drives a fresh
case to the step.
"""

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from inspections.models import Recommendation
from tests.fuzz.drive import (
    ACCEPTABLE,
    STEP,
    STEPS,
    assert_nothing_written,
    binding_open,
    claimed_task,
    drive_to,
    execute_url,
    find_open,
    snapshot,
)
from tests.fuzz.strategies import DATES, FILES, FUZZ, TEXT, choice, form_data, ids

pytestmark = pytest.mark.django_db

REVIEW = {"decision": choice(["accept", "return"]), "note": TEXT}
RECOMMENDATION_LINES = st.one_of(
    TEXT,
    st.lists(st.tuples(DATES, st.sampled_from([" | ", "|", "||", "", "｜", " / "]), TEXT).map("".join), max_size=4).map(
        "\n".join
    ),
)


def fields_for(step: str, case) -> dict[str, st.SearchStrategy]:
    if step == "follow_up":
        # Open recommendations of this case, and those of every other case: the form may
        # only accept the first.
        recs = [r.pk for r in binding_open(case)] + list(Recommendation.objects.values_list("pk", flat=True))
        return {"done": ids(recs), "progress": ids(recs), "done_on": DATES, "note": TEXT, "file": FILES}
    return {
        "sign_decision": {"signed_on": DATES},
        "notify_subject": {"sent_on": DATES, "file": FILES},
        "receive_self_report": {"received_on": DATES, "file": FILES},
        "verify": {"strengths": TEXT, "shortcomings": TEXT, "violations": TEXT, "file": FILES},
        "write_team_report": {"text": TEXT, "file": FILES},
        "review_team_report": REVIEW,
        "draft_conclusion": {
            "text": TEXT,
            "violation_found": choice(["on", "1", "true", "", "0", "false", "off"]),
            "recommendations": RECOMMENDATION_LINES,
            "file": FILES,
        },
        "approve_conclusion": REVIEW,
        "notify_conclusion": {"sent_on": DATES, "file": FILES},
    }[step]


@pytest.fixture
def current():
    """The case being fuzzed, kept across the examples of one test."""
    return {}


@pytest.mark.parametrize("step", [step.name for step in STEPS])
@settings(max_examples=12, **FUZZ)
@given(data=st.data())
def test_garbage_post_to_step_never_errors_and_writes_nothing_when_refused(client, world, current, step, data):
    case = current.get("case")
    if case is None or find_open(case, step) is None:
        case = current["case"] = drive_to(client, world, step)
    task = claimed_task(client, world["users"][STEP[step].actor], case, step)
    post = data.draw(form_data(fields_for(step, case), valid=lambda: STEP[step].valid(case)), label="POST")

    before = snapshot(case)
    response = client.post(execute_url(task), post)

    event(f"HTTP {response.status_code}")
    assert response.status_code in ACCEPTABLE
    if response.status_code != 302:
        assert_nothing_written(before, snapshot(case), response)
        assert find_open(case, step) is not None


BODY_TYPES = st.one_of(
    st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=utf-16",
            "application/x-www-form-urlencoded; charset=nonexistent",
            "multipart/form-data",
            "multipart/form-data; boundary=x",
            'multipart/form-data; boundary=""',
            "multipart/form-data; boundary=" + "b" * 300,
            "application/json",
            "text/plain",
        ]
    ),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60),
)


@settings(max_examples=30, **FUZZ)
@given(
    body=st.one_of(st.binary(max_size=4096), st.sampled_from([b"signed_on=%ZZ&%%", b"--x\r\n\r\n", b"\xff\xfe"])),
    content_type=BODY_TYPES,
)
def test_raw_garbage_body_to_a_step_never_errors_and_writes_nothing_when_refused(
    client, world, current, body, content_type
):
    """Bytes no form encoder would produce, under any content type."""
    step = "sign_decision"
    case = current.get("case")
    if case is None or find_open(case, step) is None:
        case = current["case"] = drive_to(client, world, step)
    task = claimed_task(client, world["users"]["chair"], case, step)

    before = snapshot(case)
    # generic() sends the bytes as they are (post() would re-encode them to the charset named
    # in the content type, and fail in the test client itself).
    response = client.generic("POST", execute_url(task), body, content_type=content_type)

    event(f"HTTP {response.status_code}")
    assert response.status_code in ACCEPTABLE
    if response.status_code != 302:
        assert_nothing_written(before, snapshot(case), response)
