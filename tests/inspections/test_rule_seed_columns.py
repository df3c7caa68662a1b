"""The seeding migrations call `seed_defaults` with their historical models: a shipped
default that does not fit a column as it was then (a later migration widens it) is left
to that later migration, so that PostgreSQL, which enforces lengths, migrates a fresh
database (issue 9 point 2's longer subject kinds broke 0007 there)."""

from types import SimpleNamespace

from django.db import models

from inspections.services.rules import _known_fields


def _historical(**columns):
    fields = []
    for name, field in columns.items():
        field.name = name
        fields.append(field)
    return SimpleNamespace(_meta=SimpleNamespace(fields=fields))


def test_a_default_longer_than_the_historical_column_waits_for_the_widening_migration():
    then = _historical(subject_kind=models.CharField(max_length=20), form=models.CharField(max_length=20))
    assert _known_fields(then, {"subject_kind": "higher_managed_cadre_x", "form": "warning"}) is None
    assert _known_fields(then, {"subject_kind": "member", "form": "warning"}) == {
        "subject_kind": "member",
        "form": "warning",
    }
    later = _historical(subject_kind=models.CharField(max_length=40), form=models.CharField(max_length=20))
    assert _known_fields(later, {"subject_kind": "higher_managed_cadre_x", "form": "warning"})


def test_a_default_needing_a_column_the_model_lacks_waits_too():
    then = _historical(form=models.CharField(max_length=20))
    assert _known_fields(then, {"form": "warning", "provisional": True}) is None
    assert _known_fields(then, {"form": "warning", "provisional": False}) == {"form": "warning"}
