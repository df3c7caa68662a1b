"""Garbage for the two forms outside the task steps: the start form of a planned
inspection and the login form. Never a 500; a refused start writes nothing; a login never
redirects off the site."""

from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from hypothesis import event, given, settings
from hypothesis import strategies as st

from inspections.models import Confidentiality, KeyArea
from people.models import Committee, Organisation, PartyMember, User
from tests.fuzz.drive import ACCEPTABLE, assert_nothing_written, snapshot, valid_start
from tests.fuzz.strategies import DATES, FILES, FUZZ, TEXT, choice, form_data, ids
from tests.workflow.helpers import OPEN_URL

pytestmark = pytest.mark.django_db


def start_fields() -> dict[str, st.SearchStrategy]:
    users = User.objects.values_list("pk", flat=True)
    return {
        "committee": ids(Committee.objects.values_list("pk", flat=True)),
        "title": TEXT,
        "subject_card_number": st.one_of(
            st.sampled_from(list(PartyMember.objects.values_list("card_number", flat=True))), TEXT
        ),
        "subject_organisation": ids(Organisation.objects.values_list("pk", flat=True)),
        "key_areas": ids(KeyArea.objects.values_list("pk", flat=True)),
        "grounds": TEXT,
        "period_start": DATES,
        "period_end": DATES,
        "confidentiality": choice(Confidentiality.values),
        "leader": ids(users),
        "members": ids(users),
        "director": ids(users),
        "decision_file": FILES,
    }


@settings(max_examples=25, **FUZZ)
@given(data=st.data())
def test_garbage_start_form_never_errors_and_writes_nothing_when_refused(client, world, data):
    client.force_login(world["users"]["staff"])
    post = data.draw(form_data(start_fields(), valid=lambda: valid_start(world)), label="POST")

    before = snapshot()
    response = client.post(reverse(OPEN_URL), post)

    event(f"HTTP {response.status_code}")
    assert response.status_code in ACCEPTABLE
    if response.status_code != 302:
        assert_nothing_written(before, snapshot(), response)


NEXT = st.one_of(
    st.sampled_from(
        [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "\\\\evil.example",
            "http:evil.example",
            "javascript:alert(1)",
            "/cases/",
            "/%2F%2Fevil.example",
            " https://evil.example",
        ]
    ),
    TEXT,
)


HEADER_VALUE = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00\r\n"), max_size=60),
    st.integers(min_value=300, max_value=5000).map(lambda n: "Mozilla/5.0 " * n),
)


@settings(max_examples=40, **FUZZ)
@given(data=st.data())
def test_garbage_login_never_errors_nor_redirects_off_site(client, world, data):
    client.logout()
    usernames = [u.username for u in world["users"].values()]
    post = data.draw(
        form_data(
            {
                "username": st.one_of(st.sampled_from(usernames), TEXT),
                "password": st.one_of(st.just("pw-Kiemtra-2026!"), TEXT),
                "next": NEXT,
            }
        ),
        label="POST",
    )
    query = data.draw(st.one_of(st.just(""), NEXT.map(lambda n: "?" + urlencode({"next": n}))), label="query")

    # Headers that django-axes stores with each failed login. No NUL, CR or LF: HTTP forbids
    # them in a field value and the servers in front of Django refuse such a request.
    headers = data.draw(st.fixed_dictionaries({"user-agent": HEADER_VALUE, "accept": HEADER_VALUE}), label="headers")

    response = client.post(django_settings.LOGIN_URL + query, post, headers=headers)

    event(f"HTTP {response.status_code}")
    # 429: a lockout after repeated failures, where one is configured.
    assert response.status_code in ACCEPTABLE | {429}
    if response.status_code == 302:
        target = urlsplit(response["Location"])
        assert not target.scheme and not target.netloc, response["Location"]
        assert not response["Location"].startswith(("//", "/\\")), response["Location"]
