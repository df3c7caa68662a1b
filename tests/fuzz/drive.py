"""Bring a planned inspection to any step through the real views, and take a snapshot of
everything a step could write, so a fuzz test can tell that a refused POST wrote nothing.
Also: valid start data, and an upload posted as a hostile client would."""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from viewflow.workflow import STATUS
from viewflow.workflow.models import Task

from inspections.models import (
    Case,
    CaseRole,
    Conclusion,
    Document,
    Finding,
    JournalEntry,
    KeyArea,
    Recommendation,
    TeamReport,
)
from tests.fuzz.strategies import PDF
from tests.workflow.helpers import claim, complete, open_case, task_url

# What a refused POST may answer: the form again with errors, or a refusal. 302 means the
# garbage happened to be valid.
ACCEPTABLE = {200, 302, 400, 403, 404, 409}


def day(offset: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).strftime("%d/%m/%Y")


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("tai-lieu.pdf", PDF, content_type="application/pdf")


def binding_open(case: Case):
    return Recommendation.objects.filter(case=case, conclusion__status="accepted", status="open").order_by("pk")


@dataclass(frozen=True)
class Step:
    name: str
    actor: str
    valid: Callable[[Case], dict[str, Any]]


# The planned-inspection flow, in order, with data that completes each step.
STEPS = [
    Step("sign_decision", "chair", lambda case: {"signed_on": day()}),
    Step("notify_subject", "member", lambda case: {"sent_on": day(), "file": pdf()}),
    Step("receive_self_report", "member", lambda case: {"received_on": day(), "file": pdf()}),
    Step("verify", "member", lambda case: {"strengths": "Duy trì sinh hoạt", "shortcomings": "Chưa ghi biên bản"}),
    Step("write_team_report", "leader", lambda case: {"text": "Báo cáo kết quả kiểm tra"}),
    Step("review_team_report", "chair", lambda case: {"decision": "accept", "note": ""}),
    Step(
        "draft_conclusion",
        "leader",
        lambda case: {"text": "Kết luận", "recommendations": f"{day(60)} | Kiện toàn sổ sách\n{day(90)} | Báo cáo"},
    ),
    Step("approve_conclusion", "chair", lambda case: {"decision": "accept"}),
    Step("notify_conclusion", "staff", lambda case: {"sent_on": day()}),
    Step("follow_up", "member", lambda case: {"done": [binding_open(case)[0].pk], "done_on": day(), "note": "Xong"}),
]
STEP = {step.name: step for step in STEPS}


def find_open(case: Case, step: str) -> Task | None:
    for task in Task.objects.filter(process__caseprocess__case=case).exclude(status__in=[STATUS.DONE, STATUS.CANCELED]):
        if task.flow_task.name == step:
            return task
    return None


def drive_to(client, world, step: str) -> Case:
    """A fresh case whose open task is `step`, every earlier step done through the views."""
    case = open_case(client, world)
    for earlier in STEPS:
        if earlier.name == step:
            return case
        complete(client, world["users"][earlier.actor], case, earlier.name, earlier.valid(case))
    raise AssertionError(f"unknown step {step}")


def claimed_task(client, user, case: Case, step: str) -> Task:
    """The open task of `step`, claimed by `user` if it sat in the queue."""
    client.force_login(user)
    task = find_open(case, step)
    assert task is not None, f"no open task {step} on case {case.pk}"
    if task.owner_id is None:
        claim(client, task)
        task.refresh_from_db()
    return task


def execute_url(task: Task) -> str:
    return task_url(task)


def media_files() -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(str(p) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def snapshot(case: Case | None = None) -> dict[str, Any]:
    """Everything a step or the start form could write."""
    state: dict[str, Any] = {
        "cases": Case.objects.count(),
        "roles": CaseRole.objects.count(),
        "documents": Document.objects.count(),
        "journal": JournalEntry.objects.count(),
        "findings": Finding.objects.count(),
        "team_reports": list(TeamReport.objects.order_by("pk").values_list("pk", "status", "review_note")),
        "conclusions": list(Conclusion.objects.order_by("pk").values_list("pk", "status", "review_note")),
        "recommendations": list(
            Recommendation.objects.order_by("pk").values_list("pk", "status", "done_on", "result_note")
        ),
        "tasks": Task.objects.count(),
        "media": media_files(),
    }
    if case is not None:
        state["case"] = Case.objects.filter(pk=case.pk).values().get()
        state["open_tasks"] = sorted(
            Task.objects.filter(process__caseprocess__case=case)
            .exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
            .values_list("pk", flat=True)
        )
    return state


def assert_nothing_written(before: dict[str, Any], after: dict[str, Any], response) -> None:
    changed = {key: (before[key], after.get(key)) for key in before if before[key] != after.get(key)}
    assert not changed, f"refused POST ({response.status_code}) wrote: {changed}"


def valid_start(world) -> dict:
    u = world["users"]
    return {
        "committee": world["committee"].pk,
        "title": "Kiểm tra việc chấp hành nguyên tắc tập trung dân chủ",
        "subject_card_number": world["subject_member"].card_number,
        "key_areas": [KeyArea.objects.get(code="nguyen-tac-to-chuc").pk],
        "grounds": "Chương trình kiểm tra, giám sát năm 2026",
        "period_start": "01/01/2025",
        "period_end": "30/06/2025",
        "confidentiality": "normal",
        "leader": u["leader"].pk,
        "members": [u["member"].pk],
    }


def multipart(fields: dict[str, str], file_field: str, filename: str, content: bytes, content_type: str):
    """A multipart body written by hand: the test client would strip the path from the
    file name, and the point is to send it as a hostile client would."""
    boundary = f"kiemtra-fuzz-{uuid.uuid4().hex}"
    body = b""
    for name, value in fields.items():
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    body += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n"
    ).encode() + content
    body += f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def post_notice(client, world, filename: str, content: bytes, content_type="application/pdf"):
    """Upload through the real view, as the notice of the decision."""
    case = drive_to(client, world, "notify_subject")
    member = world["users"]["member"]
    task = claimed_task(client, member, case, "notify_subject")
    body, body_type = multipart({"sent_on": day()}, "file", filename, content, content_type)
    before = snapshot(case)
    response = client.post(execute_url(task), body, content_type=body_type)
    return case, before, response
