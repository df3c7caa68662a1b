"""Security tests: a committee with two chairs-or-deputies, two auditors, two staff, and a
superuser; django-axes state is reset around every test."""

import datetime

import pytest
from axes.utils import reset as axes_reset
from django.utils import timezone

from people.models import CommitteeSeat
from tests.factories.people import AuditMandateFactory, CommitteeFactory, CommitteeSeatFactory, UserFactory


@pytest.fixture(autouse=True)
def _axes_clean(db):
    axes_reset()
    yield
    axes_reset()


@pytest.fixture
def two_factor_on(settings):
    settings.KIEMTRA_OTP_REQUIRED = True


@pytest.fixture
def people(db):
    today = timezone.localdate()
    committee = CommitteeFactory()

    def seated(username, role, **seat):
        user = UserFactory(username=username)
        CommitteeSeatFactory(committee=committee, user=user, role=role, **seat)
        return user

    def auditor(username, valid_from, valid_to):
        user = UserFactory(username=username)
        AuditMandateFactory(user=user, organisation=committee.organisation, valid_from=valid_from, valid_to=valid_to)
        return user

    year = datetime.timedelta(days=365)
    return {
        "chair": seated("chunhiem", CommitteeSeat.Role.CHAIR),
        "deputy": seated("phochunhiem", CommitteeSeat.Role.DEPUTY),
        "auditor": auditor("kiemsoat", today - year, today + year),
        "auditor2": auditor("kiemsoat2", today, today),
        "staff": seated("canbo", CommitteeSeat.Role.STAFF),
        "member": seated("uyvien", CommitteeSeat.Role.MEMBER),
        "former_chair": seated(
            "chunhiemcu", CommitteeSeat.Role.CHAIR, started_on=today - 2 * year, ended_on=today - year
        ),
        "former_auditor": auditor("kiemsoatcu", today - 2 * year, today - datetime.timedelta(days=1)),
        "admin": UserFactory(username="quantri", is_superuser=True, is_staff=True),
    }
