"""A case that ended early (a letter not handled, transferred or withdrawn) is final: the
chair can archive it like a closed case, and it can no longer be transferred."""

import pytest
from django.urls import reverse

from inspections.models import Case, CaseStatus
from tests.workflow.denunciation_helpers import register, triage

pytestmark = pytest.mark.django_db


def test_a_letter_not_handled_can_be_archived_by_the_chair_only(client, world):
    u = world["users"]
    case = register(client, world)
    triage(client, world, case, "not_handled", criteria=["unspecific"], reason="Nội dung không cụ thể")
    case.refresh_from_db()
    assert case.status == CaseStatus.NOT_HANDLED

    client.force_login(u["staff"])
    response = client.post(reverse("cases:archive", args=[case.pk]), {"confirm": "on"})
    assert response.status_code in (403, 404)
    assert Case.objects.get(pk=case.pk).archived_at is None

    client.force_login(u["chair"])
    page = client.get(reverse("cases:detail", args=[case.pk]))
    assert reverse("cases:archive", args=[case.pk]) in page.content.decode()
    assert reverse("cases:transfer", args=[case.pk]) not in page.content.decode()
    response = client.post(reverse("cases:archive", args=[case.pk]), {"confirm": "on"})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).archived_at is not None
