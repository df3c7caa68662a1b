"""Garbage POSTed to the denunciation forms through the real views: the intake, the
triage, the verification with its per-allegation fields, and the case actions
(withdrawal, its decision, the extension, pausing). Never a 500; a POST that is not
accepted writes nothing (the case, its register row, parties and sealed scans,
allegations, notices, journal, stored files and open tasks are as they were)."""

import pytest
from django.urls import reverse
from hypothesis import event, given, settings
from hypothesis import strategies as st

from inspections.models import (
    Allegation,
    CaseParty,
    DeadlineExtension,
    Denunciation,
    DenunciationNotice,
    DenunciationPause,
    KeyArea,
    PartyDocument,
    Withdrawal,
)
from people.models import Committee, Organisation, PartyMember
from tests.fuzz.drive import ACCEPTABLE, assert_nothing_written, claimed_task, execute_url, find_open, snapshot
from tests.fuzz.strategies import DATES, FILES, FUZZ, TEXT, choice, form_data, ids
from tests.workflow.denunciation_helpers import INTAKE_URL, intake_data, meet, register, triage

pytestmark = pytest.mark.django_db


def d_snapshot(case=None) -> dict:
    state = snapshot(case)
    state["denunciations"] = list(Denunciation.objects.order_by("pk").values())
    for model in (CaseParty, PartyDocument, Allegation, DenunciationNotice, Withdrawal, DeadlineExtension):
        state[model.__name__] = list(model.objects.order_by("pk").values())
    state["pauses"] = list(DenunciationPause.objects.order_by("pk").values())
    return state


@settings(max_examples=15, **FUZZ)
@given(data=st.data())
def test_garbage_intake_never_errors_and_writes_nothing_when_refused(client, world, data):
    client.force_login(world["users"]["staff"])
    fields = {
        "committee": ids(Committee.objects.values_list("pk", flat=True)),
        "register_number": TEXT,
        "received_on": DATES,
        "letter_dated": DATES,
        "forwarded_by": TEXT,
        "first_received_on": DATES,
        "subject_card_number": st.one_of(
            st.sampled_from(list(PartyMember.objects.values_list("card_number", flat=True))), TEXT
        ),
        "subject_organisation": ids(Organisation.objects.values_list("pk", flat=True)),
        "title": TEXT,
        "key_areas": ids(KeyArea.objects.values_list("pk", flat=True)),
        "allegations": TEXT,
        "denouncer_name": TEXT,
        "denouncer_card_number": TEXT,
        "denouncer_address": TEXT,
        "denouncer_contact": TEXT,
        "other_signatories": TEXT,
        "signatory_count": st.one_of(st.integers(-5, 1200).map(str), TEXT),
        "letter_scan": FILES,
        "proposal": TEXT,
        "confidentiality": choice(["normal", "confidential", "secret"]),
    }
    post = data.draw(form_data(fields, valid=lambda: intake_data(world)), label="POST")
    before = d_snapshot()
    response = client.post(reverse(INTAKE_URL), post)
    event(f"HTTP {response.status_code}")
    assert response.status_code in ACCEPTABLE
    if response.status_code != 302:
        assert_nothing_written(before, d_snapshot(), response)


@pytest.fixture
def current():
    return {}


@settings(max_examples=15, **FUZZ)
@given(data=st.data())
def test_garbage_triage_never_errors_and_writes_nothing_when_refused(client, world, current, data):
    case = current.get("case")
    if case is None or find_open(case, "triage") is None:
        current["n"] = current.get("n", 0) + 1
        case = current["case"] = register(client, world, register_number=f"F-{current['n']}")
    task = claimed_task(client, world["users"]["chair"], case, "triage")
    fields = {
        "decision": choice(["handled", "not_handled", "transferred", "split", "pending"]),
        "criteria": choice(["anonymous", "repeated", "unspecific", "several_signatories", "x"]),
        "new_evidence": choice(["on", "", "1"]),
        "reason": TEXT,
        "transfer_committee": ids(Committee.objects.values_list("pk", flat=True)),
        "transfer_body": TEXT,
        "complaint_part": TEXT,
    }
    post = data.draw(form_data(fields, valid=lambda: {"decision": "handled"}), label="POST")
    before = d_snapshot(case)
    response = client.post(execute_url(task), post)
    event(f"HTTP {response.status_code}")
    assert response.status_code in ACCEPTABLE
    if response.status_code != 302:
        assert_nothing_written(before, d_snapshot(case), response)


@settings(max_examples=15, **FUZZ)
@given(data=st.data())
def test_garbage_to_the_case_actions_never_errors_and_writes_nothing_when_refused(client, world, current, data):
    case = current.get("case")
    if case is None:
        current["n"] = current.get("n", 0) + 1
        case = current["case"] = register(client, world, register_number=f"A-{current['n']}")
        triage(client, world, case)
        meet(client, world, case)
    action, who, fields = data.draw(
        st.sampled_from(
            [
                ("denunciation_withdrawal", "staff", {"received_on": DATES, "file": FILES, "note": TEXT}),
                (
                    "denunciation_withdrawal_decide",
                    "chair",
                    {"decision": choice(["stop", "continue"]), "finding": TEXT},
                ),
                ("denunciation_extend", "chair", {"reason": TEXT}),
                (
                    "denunciation_pause",
                    "chair",
                    {"reason": choice(["congress", "awaiting", "other"]), "note": TEXT, "paused_on": DATES},
                ),
                ("denunciation_resume", "chair", {"resumed_on": DATES}),
            ]
        ),
        label="action",
    )
    client.force_login(world["users"][who])
    post = data.draw(form_data(fields, valid=dict), label="POST")
    before = d_snapshot(case)
    response = client.post(reverse(f"cases:{action}", args=[case.pk]), post)
    event(f"{action} HTTP {response.status_code}")
    assert response.status_code in ACCEPTABLE
    if response.status_code != 302:
        assert_nothing_written(before, d_snapshot(case), response)
    else:
        current.pop("case")  # something changed: the next example starts afresh
