"""The roll call and paper ballots through the real pages (issue 9 point 1; domain.md §6.2):
the meeting page lists the body's roster by name and asks who attends without an account;
the close page asks the counting board's paper count and its minutes; a count that does not
add up is refused in Vietnamese and writes nothing; the case page shows the roster and the
paper count; nobody but the chair closes."""

import pytest
from django.test import Client
from django.urls import reverse

from inspections.models import Ballot, BallotVote, DisciplineCase, JournalEntry
from tests.factories.people import PartyMemberFactory
from tests.workflow.conftest import pdf
from tests.workflow.discipline_helpers import (
    add_cell_voters,
    cast,
    complete,
    day,
    open_discipline,
    report,
    self_criticism,
)
from tests.workflow.helpers import open_task, task_url

pytestmark = pytest.mark.django_db


def _to_meeting(client, world):
    voters = add_cell_voters(world, 3)
    paper_member = PartyMemberFactory(organisation=world["cell"], full_name="Mai Văn Giấy", card_number="PB-0001")
    case = open_discipline(client, world)
    self_criticism(client, world, case)
    report(client, world, case)
    return case, voters, paper_member


def test_a_mixed_meeting_through_the_pages(client, world):
    u = world["users"]
    case, voters, paper_member = _to_meeting(client, world)
    client.force_login(u["chair"])
    task = open_task(case, "meeting")
    if task.owner_id is None:
        client.post(task_url(task, "assign"), {})
    page = client.get(task_url(task)).content.decode()
    # The roster by name, the member without an account offered on paper.
    assert "Danh sách thành viên của" in page and "Mai Văn Giấy" in page
    assert 'name="present_on_paper"' in page and f'value="m{paper_member.pk}"' in page
    assert 'name="members_total"' not in page
    present = [*voters, u["subject"]]
    data = {"outcome": "hold", "meeting_on": day(), "present": [v.pk for v in present]}
    # Online with a member on paper: refused with what to do, nothing written.
    response = complete(
        client, u["chair"], case, "meeting", {**data, "mode": "online", "present_on_paper": [f"m{paper_member.pk}"]},
        expect=200,
    )  # fmt: skip
    assert "chọn hình thức bỏ phiếu giấy hoặc kết hợp" in response.content.decode()
    assert not Ballot.objects.filter(case=case).exists()
    complete(
        client, u["chair"], case, "meeting", {**data, "mode": "mixed", "present_on_paper": [f"m{paper_member.pk}"]}
    )
    ballot = Ballot.objects.get(case=case)
    roster = {row["name"]: row for row in ballot.roster}
    assert ballot.members_total == len(roster) and ballot.count_base == ballot.members_total
    assert roster["Mai Văn Giấy"]["paper"] and not roster["Mai Văn Giấy"]["account"]
    assert ballot.paper_issued == 1 and ballot.voters_count == 5

    for voter in voters:
        cast(client, voter, case, "reprimand")
    # Only the chair closes: a voter and the outsider are refused.
    for who in (voters[0], u["outsider"]):
        other = Client()
        other.force_login(who)
        assert other.post(task_url(open_task(case, "close_ballot")), {"confirm": "on"}).status_code in (403, 404)
    client.force_login(u["chair"])
    task = open_task(case, "close_ballot")
    if task.owner_id is None:
        client.post(task_url(task, "assign"), {})
    page = client.get(task_url(task)).content.decode()
    assert 'name="paper_returned"' in page and 'name="paper_reprimand"' in page and 'name="paper_none"' in page
    assert 'id="paper-issued"' in page
    counts = {"paper_expulsion": 0, "paper_warning": 0, "paper_reprimand": 1, "paper_none": 0, "paper_invalid": 0}
    bad = [
        ({"paper_returned": 1, **counts}, None),  # no minutes
        ({"paper_returned": 2, **counts, "file": pdf()}, None),  # more returned than issued
        ({"paper_returned": 1, **counts, "paper_invalid": 1, "file": pdf()}, "phải bằng số phiếu thu về"),
        ({"paper_returned": "một", **counts, "file": pdf()}, None),
        ({"paper_returned": 1, **counts, "paper_reprimand": -1, "file": pdf()}, None),
    ]
    for extra, message in bad:
        response = client.post(task_url(task), {"confirm": "on", **extra})
        assert response.status_code == 200, extra
        if message:
            assert message in response.content.decode(), extra
        else:
            assert response.context["form"].errors, extra
        assert Ballot.objects.get(case=case).is_open
        assert not JournalEntry.objects.filter(case=case, action="ballot.closed").exists()
    response = client.post(task_url(task), {"confirm": "on", "paper_returned": 1, **counts, "file": pdf()})
    assert response.status_code == 302, response.content.decode()[:3000]
    ballot.refresh_from_db()
    assert ballot.result == "reprimand" and ballot.tally["reprimand"] == 4 and ballot.paper_returned == 1
    assert BallotVote.objects.filter(ballot=ballot).count() == 3
    assert DisciplineCase.objects.get(case=case).outcome == "decided"
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Phiếu giấy: phát ra / thu về / không hợp lệ" in page and "Mai Văn Giấy" in page
    # The outsider sees nothing of it.
    other = Client()
    other.force_login(u["outsider"])
    assert other.get(reverse("cases:detail", args=[case.pk])).status_code in (403, 404)
