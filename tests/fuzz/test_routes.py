"""Every route of the site (the admin aside), found by walking the URL configuration, with
hostile path parameters (real ids of another case, ids out of every integer range, odd
slugs), query strings and form bodies, as any user or none. Whatever arrives, the answer
is below 500; routes added later are covered without changing this test.

The form bodies use the field names of every form the project defines, so each form's
view gets its own fields filled with garbage.
"""

from urllib.parse import urlencode

import pytest
from django import forms
from django.urls import URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, SlugConverter
from hypothesis import event, given, settings
from hypothesis import strategies as st
from viewflow.workflow.models import Process, Task

from inspections.models import Case, CaseRole, Document, Recommendation
from people.models import User
from tests.fuzz.drive import drive_to
from tests.fuzz.strategies import DATES, FILES, FUZZ, TEXT, form_data, ids

pytestmark = pytest.mark.django_db

PACKAGES = ("config", "people", "inspections", "workflow")


def routes() -> list[tuple[str, dict]]:
    """(qualified name, converters) of every named route outside the admin."""
    found = []

    def walk(patterns, namespace, converters):
        for pattern in patterns:
            seen = {**converters, **getattr(pattern.pattern, "converters", {})}
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                walk(pattern.url_patterns, ":".join(filter(None, [namespace, pattern.namespace])), seen)
            elif pattern.name:
                found.append((":".join(filter(None, [namespace, pattern.name])), seen))

    walk(get_resolver().url_patterns, "", {})
    return sorted({name: conv for name, conv in found}.items())


def project_field_names() -> list[str]:
    """Field names of every form class the project defines (the URL configuration, loaded
    by routes(), has imported them all)."""
    names = set()
    todo = [forms.Form, forms.ModelForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in PACKAGES:
            names.update(cls.base_fields)
    return sorted(names)


def path_value(converter, real_ids) -> st.SearchStrategy:
    if isinstance(converter, IntConverter):
        return st.one_of(st.sampled_from(real_ids), st.integers(min_value=0, max_value=2**70))
    if isinstance(converter, SlugConverter):
        return st.one_of(st.sampled_from(["subject", "party", "team", "x"]), st.from_regex(r"\A[-a-zA-Z0-9_]{1,40}\Z"))
    return st.text(alphabet=st.characters(codec="utf-8", exclude_characters="/"), min_size=1, max_size=40)


@settings(max_examples=100, **FUZZ)
@given(data=st.data())
def test_any_route_with_hostile_ids_query_and_body_never_errors(client, world, route_world, data):
    all_routes, real_ids, field_names = route_world
    name, converters = data.draw(st.sampled_from(all_routes), label="route")
    kwargs = {key: data.draw(path_value(conv, real_ids), label=key) for key, conv in converters.items()}
    url = reverse(name, kwargs=kwargs)
    query = data.draw(
        st.dictionaries(st.sampled_from(["page", "status", "ordering", "q", "next", "o"]), TEXT, max_size=2),
        label="query",
    )
    user = data.draw(st.sampled_from([None, *world["users"].values()]), label="user")
    client.logout()
    if user is not None:
        client.force_login(user)

    if data.draw(st.booleans(), label="POST"):
        values = st.one_of(TEXT, DATES, ids(real_ids), FILES)
        fields = data.draw(st.lists(st.sampled_from(field_names), max_size=6, unique=True), label="fields")
        body = data.draw(form_data({field: values for field in fields}), label="body")
        response = client.post(f"{url}?{urlencode(query)}", body)
    else:
        response = client.get(url, query)

    event(f"HTTP {response.status_code}")
    assert response.status_code < 500, f"{name} {url}"


@pytest.fixture
def route_world(client, world):
    """The routes; a case taken to follow-up (documents, recommendations, tasks) and every
    id in play; the field names of the project's forms."""
    drive_to(client, world, "follow_up")
    real = set()
    for model in (Case, Document, Recommendation, CaseRole, Task, Process, User):
        real.update(model.objects.values_list("pk", flat=True))
    return routes(), sorted(real) + [0], project_field_names()
