"""Admin pages for people: they load, stay within a query budget, and create through services."""

import pytest
from django.urls import reverse

from people.models import Organisation
from tests.factories.people import (
    CommitteeSeatFactory,
    KinshipFactory,
    OrganisationFactory,
    PartyMemberFactory,
    PositionFactory,
    org_level,
)

MODELS = [
    "user",
    "orglevel",
    "organisation",
    "organisationsuccession",
    "partymember",
    "position",
    "committee",
    "committeeseat",
    "kinship",
    "auditmandate",
]


@pytest.fixture
def tree():
    province = OrganisationFactory(name="Đảng bộ tỉnh Thử nghiệm", level_code="province")
    communes = [OrganisationFactory(level_code="commune", parent=province) for _ in range(3)]
    cells = [OrganisationFactory(level_code="cell", parent=communes[i % 3]) for i in range(30)]
    return province, communes, cells


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS)
def test_people_admin_changelist_loads(admin_client, model):
    response = admin_client.get(reverse(f"admin:people_{model}_changelist"))

    assert response.status_code == 200


@pytest.mark.django_db
def test_organisation_changelist_query_count_does_not_grow_with_rows(admin_client, tree, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = admin_client.get(reverse("admin:people_organisation_changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == 34


@pytest.mark.django_db
def test_partymember_changelist_query_count_does_not_grow_with_rows(admin_client, tree, django_assert_max_num_queries):
    _, _, cells = tree
    for cell in cells:
        PartyMemberFactory.create_batch(2, organisation=cell)

    with django_assert_max_num_queries(8):
        response = admin_client.get(reverse("admin:people_partymember_changelist"), {"q": "", "status": "full"})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 60


@pytest.mark.django_db
def test_related_changelists_stay_within_query_budget(admin_client, django_assert_max_num_queries):
    for _ in range(10):
        PositionFactory()
        KinshipFactory()
        CommitteeSeatFactory()

    for model in ("position", "kinship", "committeeseat", "committee"):
        with django_assert_max_num_queries(8):
            response = admin_client.get(reverse(f"admin:people_{model}_changelist"))
        assert response.status_code == 200


@pytest.mark.django_db
def test_organisation_admin_add_creates_through_service_with_path(admin_client, tree):
    province, communes, _ = tree
    data = {"name": "Chi bộ thôn Mới", "short_name": "", "level": org_level("cell").pk, "parent": communes[0].pk}

    response = admin_client.post(reverse("admin:people_organisation_add"), data)

    assert response.status_code == 302
    created = Organisation.objects.get(name="Chi bộ thôn Mới")
    assert created.path == f"/{province.pk}/{communes[0].pk}/{created.pk}/"


@pytest.mark.django_db
def test_organisation_admin_add_shows_level_rule_next_to_the_form(admin_client, tree):
    _, communes, _ = tree
    before = Organisation.objects.count()
    data = {"name": "Sai cấp", "short_name": "", "level": org_level("province").pk, "parent": communes[0].pk}

    response = admin_client.post(reverse("admin:people_organisation_add"), data)

    assert response.status_code == 200
    assert "Cấp của tổ chức phải thấp hơn" in response.content.decode()
    assert response.context["adminform"].form.errors["parent"]
    assert Organisation.objects.count() == before


@pytest.mark.django_db
def test_organisation_admin_change_keeps_place_in_tree_read_only(admin_client, tree):
    province, communes, cells = tree
    url = reverse("admin:people_organisation_change", args=[cells[0].pk])

    form = admin_client.get(url).context["adminform"].form
    response = admin_client.post(
        url, {"name": "Đổi tên", "short_name": "", "is_active": "on", "parent": communes[1].pk, "level": 1}
    )

    assert "parent" not in form.fields and "level" not in form.fields
    assert response.status_code == 302
    cells[0].refresh_from_db()
    assert (cells[0].name, cells[0].parent_id) == ("Đổi tên", communes[0].pk)
