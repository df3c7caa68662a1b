"""What every demo builder uses: the demo cases' titles, and a signed-in person (Browser)
posting forms to the real views."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow import STATUS
from viewflow.workflow.models import Task

from inspections.models import Case, CaseKind

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

TITLES = {
    CaseKind.SIGNS_INSPECTION: "Kiểm tra khi có dấu hiệu vi phạm trong quản lý đất đai (dữ liệu mẫu)",
    CaseKind.REGULAR_SUPERVISION: "Theo dõi việc thực hiện chức trách, nhiệm vụ (dữ liệu mẫu)",
    CaseKind.THEMATIC_SUPERVISION: "Giám sát việc thực hiện quy chế làm việc của chi bộ (dữ liệu mẫu)",
    CaseKind.DISCIPLINE: "Xem xét kỷ luật đảng viên vi phạm những điều đảng viên không được làm (dữ liệu mẫu)",
    CaseKind.FINANCE_INSPECTION: "Kiểm tra thu, nộp, quản lý đảng phí năm 2025 (dữ liệu mẫu)",
    CaseKind.LOWER_BODY_INSPECTION: "Kiểm tra chi bộ thực hiện nhiệm vụ kiểm tra, giám sát (dữ liệu mẫu)",
}
# A second B case: the one the demo cell opens on its own member (issue 9 point 9).
CELL_SIGNS_TITLE = "Chi bộ kiểm tra đảng viên khi có dấu hiệu vi phạm (dữ liệu mẫu)"
DENUNCIATION_REGISTER = "TC-MAU-01"
# A discipline case carried to its announced decision, whose record the demo complaint (F)
# is about.
RECORD_TITLE = "Thi hành kỷ luật đảng viên vi phạm quy định về giao đất (dữ liệu mẫu, đã công bố)"


class DemoStepFailed(RuntimeError):
    """A demo step was refused by its view: the demo no longer matches the flows."""


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def day(offset: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).strftime("%d/%m/%Y")


class Browser:
    """A signed-in person posting forms to the real views."""

    def __init__(self):
        self.client = Client()

    def post(self, user, url, data, *, expect=302):
        self.client.force_login(user)
        # secure: a production setting that redirects plain HTTP must not swallow the post.
        response = self.client.post(url, data, secure=True)
        if response.status_code != expect:
            raise DemoStepFailed(
                f"{url} as {user.username}: {response.status_code}\n{response.content.decode()[:3000]}"
            )
        return response

    def declare(self, case):
        for role in case.roles.filter(role__in=["leader", "member", "director"], revoked_at__isnull=True):
            if not role.user.conflictdeclaration_set.filter(case=case).exists():
                self.post(role.user, reverse("cases:declare", args=[case.pk]), {"has_conflict": "0", "statement": ""})

    def complete(self, user, case, step, data):
        task = open_task(case, step)
        url = task.flow_task.reverse("execute", args=[task.process_id, task.pk])
        if task.owner_id is None:
            self.post(user, task.flow_task.reverse("assign", args=[task.process_id, task.pk]), {})
        return self.post(user, url, data)


def open_task(case, step):
    tasks = Task.objects.filter(process__caseprocess__case=case).exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
    for task in tasks.order_by("pk"):
        if task.flow_task.name == step:
            return task
    raise DemoStepFailed(f"no open task {step} on case {case.number}")


def latest(kind) -> Case:
    return Case.objects.filter(kind=kind).latest("pk")


def team(demo) -> dict:
    u = demo["users"]
    return {"leader": u["truongdoan"].pk, "members": [u["uyvien"].pk]}
