"""Who must use two-factor authentication."""

import pytest
from django.contrib.auth.models import AnonymousUser

from workflow.security.policy import requires_two_factor

REQUIRED = ["chair", "deputy", "auditor", "auditor2", "admin"]
NOT_REQUIRED = ["staff", "member", "former_chair", "former_auditor"]


@pytest.mark.parametrize("who", REQUIRED)
def test_requires_two_factor_chairs_deputies_auditors_superusers(people, who):
    assert requires_two_factor(people[who]) is True


@pytest.mark.parametrize("who", NOT_REQUIRED)
def test_requires_two_factor_not_staff_members_or_ended_roles(people, who):
    assert requires_two_factor(people[who]) is False


def test_requires_two_factor_not_anonymous():
    assert requires_two_factor(AnonymousUser()) is False


def test_requires_two_factor_is_one_query(people, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert requires_two_factor(people["staff"]) is False
    with django_assert_num_queries(1):
        assert requires_two_factor(people["auditor"]) is True
