"""Generic step views: a form class and a service, the form's cleaned fields named as the
service's keyword arguments (style.md, "Step views are generic").

- `StartStep`: the start of a flow. The service opens the case; the view binds it to the
  process, completes the start task and shows the case page.
- `TaskStep`: a human task of a flow. The service acts on the task's case; the view then
  completes the task.
- `CaseAction`: an action on the case page outside the flow's tasks (archive, extend,
  withdraw, open a linked case, ...). It finds no case itself: a mixin of the page
  answers `get_case()` with the access checks that page needs.

A view is declared, not written: ``XView = TaskStep.define(form=XForm, service=x_record)``.
Its arguments pass straight on: ``actor`` (the user), the case (as `case_argument`), then
every cleaned field, renamed by `ARGUMENT_OF_FIELD` and `rename`, minus `exclude`;
`service_kwargs(form)` is the hook for the odd conversion. A broken rule
(`RuleViolation`) is shown next to the form and nothing is written (services are atomic).
"""

import sys

from django.contrib import messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from workflow.nodes import case_of
from workflow.spawn import start_flow_for
from workflow.views.outcomes import rules_to_form

# Field names that mean the same argument in every service: a step's attached file is the
# service's `upload`; the subject's card number (cleaned to the member) is `subject_member`.
ARGUMENT_OF_FIELD = {"file": "upload", "subject_card_number": "subject_member"}


def _argument(value):
    # A multiple choice of rows cleans to a queryset; services take plain lists.
    return list(value) if isinstance(value, QuerySet) else value


def verdict_kwargs(argument: str):
    """`service_kwargs` of a review step: the form's "accept"/"return" choice becomes the
    service's boolean `argument` (accept, approve), beside the note."""

    def service_kwargs(self, form) -> dict:
        data = form.cleaned_data
        return {argument: data["decision"] == "accept", "note": data["note"]}

    return service_kwargs


class ServiceStep:
    """What the three generic views share: the form's arguments, the service call."""

    service = None  # the service the step calls (read from the class: never bound)
    rename: dict = {}  # form field -> service argument, beside ARGUMENT_OF_FIELD
    exclude: tuple = ()  # fields the service does not take (a confirmation box)
    form_gets: tuple = ()  # names passed to the form's constructor, read from get_<name>()
    case_argument = "case"

    @classmethod
    def define(cls, *, service, form=None, **attributes):
        """A step declared in one line: the class of `cls` with this service and form
        (by default the form of `cls`)."""
        name = f"{cls.__name__}({service.__name__})"
        # The caller's module, as for a class statement (tracebacks, the debug page).
        module = sys._getframe(1).f_globals.get("__name__", __name__)
        attributes = {"service": service, "__module__": module, **attributes}
        if form is not None:
            attributes["form_class"] = form
        return type(name, (cls,), attributes)

    def get_user(self):
        return self.request.user

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update({name: getattr(self, f"get_{name}")() for name in self.form_gets})
        return kwargs

    def get_service(self):
        return type(self).service

    def service_context(self) -> dict:
        """The service's arguments that do not come from the form (besides the actor)."""
        return {self.case_argument: self.get_case()}

    def service_kwargs(self, form) -> dict:
        names = {**ARGUMENT_OF_FIELD, **self.rename}
        return {
            names.get(field, field): _argument(value)
            for field, value in form.cleaned_data.items()
            if field not in self.exclude
        }

    def perform(self, form):
        """Call the service; returns what it returns. Subclasses add what follows it."""
        service = self.get_service()
        return service(actor=self.request.user, **self.service_context(), **self.service_kwargs(form))

    def performed(self, form) -> bool:
        """Perform, turning a broken rule into form errors; True when it went through."""
        with rules_to_form(form) as outcome:
            self.result = self.perform(form)
        return not outcome.refused


class StartStep(ServiceStep, FormView):
    """The start of a case flow: the form gets the user (the committees they may open a
    case for); the service returns the case it opened."""

    template_name = "kiemtra/start.html"
    form_gets = ("user",)
    success_message = gettext_lazy("Đã lập hồ sơ %(number)s.")

    def service_context(self) -> dict:
        return {}

    def get_success_message(self, case) -> str:
        return self.success_message % {"number": case.number}

    def started(self, case) -> None:
        """The new case becomes the process's, and the start task is done."""
        self.request.activation.process.case = case
        self.request.activation.execute()

    def form_valid(self, form):
        if not self.performed(form):
            return self.form_invalid(form)
        case = self.result
        self.started(case)
        messages.success(self.request, self.get_success_message(case))
        return HttpResponseRedirect(reverse("cases:detail", args=[case.pk]))


class TaskStep(ServiceStep, FormView):
    """A human task of a case flow; then viewflow completes it (design.md, "One request,
    end to end")."""

    template_name = "kiemtra/task.html"
    success_message = gettext_lazy("Đã hoàn thành bước “%(task)s”.")

    def get_case(self):
        if not hasattr(self, "_case"):
            self._case = case_of(self.request.activation.process)
        return self._case

    def get_context_data(self, **kwargs):
        return super().get_context_data(case=self.get_case(), **kwargs)

    def form_valid(self, form):
        if not self.performed(form):
            return self.form_invalid(form)
        self.request.activation.execute()
        task = self.request.activation.flow_task.task_title
        messages.success(self.request, self.success_message % {"task": task})
        return HttpResponseRedirect(reverse("cases:detail", args=[self.get_case().pk]))


class CaseAction(ServiceStep, FormView):
    """An action from the case page. The page's access mixin supplies `get_case()`
    (404 / 403 as that page needs); then the service, a message and the case page."""

    template_name = "kiemtra/case_form.html"
    title = ""
    intro = ""
    done_message = ""
    atomic = False  # True: the service and what `perform` adds commit together

    def get_context_data(self, **kwargs):
        return super().get_context_data(**{"case": self.get_case(), "title": self.title, "intro": self.intro, **kwargs})

    def get_done_message(self) -> str:
        return self.done_message

    def performed(self, form) -> bool:
        if not self.atomic:
            return super().performed(form)
        with rules_to_form(form) as outcome, transaction.atomic():
            self.result = self.perform(form)
        return not outcome.refused

    def form_valid(self, form):
        if not self.performed(form):
            return self.form_invalid(form)
        messages.success(self.request, self.get_done_message())
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return reverse("cases:detail", args=[self.get_case().pk])


class OpenLinkedCase(CaseAction):
    """A case action whose service opens a case linked to this one: the new case's flow
    starts in the same transaction (workflow.spawn), so a refusal writes nothing; then
    the new case's page."""

    case_argument = "origin"

    def perform(self, form):
        with transaction.atomic():
            spawned = super().perform(form)
            start_flow_for(spawned)
        return spawned

    def get_success_url(self):
        return reverse("cases:detail", args=[self.result.pk])
