"""What the fuzz tests found, pinned as plain examples so that each stays fixed (and fails
the same way every run until it is): no hostile input may end in a 500."""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from inspections.models import Document
from tests.fuzz.drive import (
    assert_nothing_written,
    binding_open,
    claimed_task,
    day,
    drive_to,
    post_notice,
    snapshot,
    valid_start,
)
from tests.fuzz.strategies import POLYGLOT
from tests.workflow.helpers import OPEN_URL, task_url

pytestmark = pytest.mark.django_db

# One past the largest signed 64-bit integer: SQLite cannot bind it as a parameter
# (OverflowError), PostgreSQL compares it as a numeric and finds nothing.
BEYOND_INT64 = 2**63


@pytest.mark.parametrize("field", ["key_areas", "members"])
def test_start_form_with_an_id_beyond_64_bits_in_a_multiple_choice_is_a_form_error(client, world, field):
    client.force_login(world["users"]["staff"])
    before = snapshot()

    response = client.post(reverse(OPEN_URL), {**valid_start(world), field: [str(BEYOND_INT64)]})

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert_nothing_written(before, snapshot(), response)


def test_follow_up_with_an_id_beyond_64_bits_is_a_form_error(client, world):
    case = drive_to(client, world, "follow_up")
    task = claimed_task(client, world["users"]["member"], case, "follow_up")
    before = snapshot(case)

    response = client.post(task_url(task), {"done": [str(BEYOND_INT64)], "done_on": day()})

    assert response.status_code == 200
    assert "done" in response.context["form"].errors
    assert_nothing_written(before, snapshot(case), response)
    assert binding_open(case).count() == 2


def test_flow_urls_with_ids_beyond_64_bits_are_not_found(client, world):
    case = drive_to(client, world, "verify")
    client.force_login(world["users"]["member"])
    flow = "workflow:flows:plannedinspection"
    big = BEYOND_INT64

    assert client.get(reverse(f"{flow}:process_detail", args=[big])).status_code == 404
    assert client.get(reverse(f"{flow}:verify:index", args=[big, big])).status_code == 404
    for view in ("execute", "assign"):
        response = client.post(reverse(f"{flow}:verify:{view}", args=[big, big]), {})
        assert response.status_code == 404, view
    assert case.pk  # the case exists; only the ids in the URL are out of range


def test_flow_index_for_an_anonymous_visitor_is_not_an_error(client, world):
    response = client.get(reverse("workflow:flows:index"), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(django_settings.LOGIN_URL)


def test_login_with_a_username_longer_than_any_column_is_refused_not_an_error(client, world):
    response = client.post(django_settings.LOGIN_URL, {"username": "A" * 300, "password": "x"})

    assert response.status_code in {200, 403, 429}


@pytest.mark.parametrize(
    ("uploaded", "downloaded"),
    [
        ("report.html", "report.html.pdf"),
        ("drawing.svg", "drawing.svg.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe.pdf"),
    ],
)
def test_a_pdf_uploaded_under_another_extension_is_downloaded_as_pdf(client, world, uploaded, downloaded):
    """Found by the upload fuzzing (fixed in inspections/services/documents.py): the name
    kept the uploaded extension, so a PDF/HTML polyglot was saved by the browser as a page."""
    case, _, response = post_notice(client, world, uploaded, POLYGLOT)
    assert response.status_code == 302
    doc = Document.objects.get(case=case)

    download = client.get(reverse("cases:document", args=[case.pk, doc.pk]))

    assert b"".join(download.streaming_content) == POLYGLOT
    assert download["Content-Disposition"] == f'attachment; filename="{downloaded}"'
