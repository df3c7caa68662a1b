"""Merged organisations and complaint authority (issue 9 point 10): a decision taken by a
body of an organisation since merged into the commune is answered for by the commune's
bodies, as the commune's own; an organisation not merged into it stays another's."""

import pytest
from django.utils import timezone

from inspections.models import Complaint
from people.models import Organisation, OrganisationSuccession
from people.services.organisations import organisation_create
from tests.workflow.discipline_complaint_helpers import build_world, make_record, open_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def cworld(db):
    return build_world()


def _former(w, name, *, into=None, parent=None, level=None) -> Organisation:
    """An organisation (a commune under the province unless told), dissolved today; merged
    into `into` if given."""
    org = organisation_create(name=name, level=level or w["commune"].level, parent=parent or w["province"])
    if into is not None:
        OrganisationSuccession.objects.create(
            predecessor=org, successor=into, kind="merge", effective_on=timezone.localdate()
        )
    Organisation.objects.filter(pk=org.pk).update(is_active=False, dissolved_on=timezone.localdate())
    return org


def test_first_complaint_against_a_merged_communes_inspection_committee_goes_to_the_successors_standing_committee(
    client, cworld
):
    former = _former(cworld, "Đảng bộ xã Cũ", into=cworld["commune"])
    record = make_record(cworld, deciding_body="Ủy ban kiểm tra Đảng ủy xã Cũ")
    case = open_complaint(
        client,
        cworld,
        record,
        imposed_by_kind="inspection",
        imposed_by_organisation=former.pk,
        resolving_body=cworld["standing"].pk,
    )
    assert Complaint.objects.get(case=case).imposed_by_organisation == former


def test_the_successors_inspection_committee_still_may_not_take_that_first_complaint(client, cworld):
    former = _former(cworld, "Đảng bộ xã Cũ", into=cworld["commune"])
    record = make_record(cworld, deciding_body="Ủy ban kiểm tra Đảng ủy xã Cũ")
    response = open_complaint(
        client,
        cworld,
        record,
        expect=200,
        imposed_by_kind="inspection",
        imposed_by_organisation=former.pk,
        resolving_body=cworld["ic"].pk,
    )
    assert "Ban Thường vụ hoặc Ban Chấp hành" in response.content.decode()
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("where", ["merged_elsewhere", "dissolved_cell"])
def test_an_organisation_not_merged_into_it_is_not_offered(client, cworld, where):
    if where == "merged_elsewhere":
        other = Organisation.objects.get(name="Đảng bộ xã Khác")
        gone = _former(cworld, "Đảng bộ xã Sang Xã Khác", into=other)
    else:
        gone = _former(cworld, "Chi bộ thôn Giải Thể", parent=cworld["commune"], level=cworld["cell"].level)
    record = make_record(cworld, deciding_body=f"Ủy ban kiểm tra {gone.name}")
    response = open_complaint(
        client,
        cworld,
        record,
        expect=200,
        imposed_by_kind="inspection",
        imposed_by_organisation=gone.pk,
        resolving_body=cworld["standing"].pk,
    )
    assert "imposed_by_organisation" in response.context["form"].errors
    assert not Complaint.objects.exists()
