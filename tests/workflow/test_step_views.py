"""The generic step views (workflow.views.base): how a form's cleaned fields become the
service's keyword arguments, and what a one-line declaration builds."""

from types import SimpleNamespace

from django import forms
from django.contrib.auth import get_user_model

from workflow.views.base import CaseAction, StartStep, TaskStep, verdict_kwargs


def _record(**kwargs):
    return kwargs


class _Form(forms.Form):
    pass


def _cleaned(**data):
    return SimpleNamespace(cleaned_data=data)


def test_fields_pass_on_renamed_and_excluded():
    view = TaskStep.define(form=_Form, service=_record, rename={"reason": "why"}, exclude=("confirm",))()
    kwargs = view.service_kwargs(_cleaned(file="f", subject_card_number="m", reason="r", confirm=True, on=1))
    assert kwargs == {"upload": "f", "subject_member": "m", "why": "r", "on": 1}


def test_a_queryset_becomes_a_list():
    view = TaskStep.define(form=_Form, service=_record)()
    kwargs = view.service_kwargs(_cleaned(members=get_user_model().objects.none()))
    assert kwargs == {"members": []}


def test_a_declaration_is_a_subclass_of_its_base_in_the_callers_module():
    declared = CaseAction.define(form=_Form, service=_record, done_message="done")
    assert issubclass(declared, CaseAction)
    assert declared.__module__ == __name__
    assert declared.form_class is _Form
    assert declared.done_message == "done"
    assert declared().get_service() is _record  # read from the class: never bound


def test_the_service_gets_the_actor_and_the_case_then_the_fields():
    view = TaskStep.define(form=_Form, service=_record)()
    view.request = SimpleNamespace(user="actor")
    view._case = "case"
    assert view.perform(_cleaned(note="n")) == {"actor": "actor", "case": "case", "note": "n"}


def test_a_start_step_passes_no_case():
    view = StartStep.define(form=_Form, service=_record)()
    view.request = SimpleNamespace(user="actor")
    assert view.perform(_cleaned(title="t")) == {"actor": "actor", "title": "t"}


def test_a_review_verdict_becomes_the_services_boolean():
    view = TaskStep.define(form=_Form, service=_record, service_kwargs=verdict_kwargs("approve"))()
    assert view.service_kwargs(_cleaned(decision="accept", note="ok")) == {"approve": True, "note": "ok"}
    assert view.service_kwargs(_cleaned(decision="return", note=""))["approve"] is False
