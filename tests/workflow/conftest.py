"""A small world for workflow tests: one commune with its inspection committee, a cell,
staff, a team leader, a team member, the chair, an outsider and the subject."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from viewflow.workflow.signals import task_finished

from people.models import Committee, CommitteeSeat, OrgLevel, PartyMember, Position, User
from people.services.organisations import organisation_create
from workflow.nodes import CaseTask, case_of

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="tai-lieu.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _level(code, rank):
    level, _ = OrgLevel.objects.get_or_create(
        code=f"wf-{code}", defaults={"name": code, "structure": "current", "rank": rank}
    )
    return level


@pytest.fixture
def world(db):
    province = organisation_create(name="Đảng bộ tỉnh Thử", level=_level("province", 1))
    commune = organisation_create(name="Đảng bộ xã Thử", level=_level("commune", 2), parent=province)
    other_commune = organisation_create(name="Đảng bộ xã Khác", level=_level("commune", 2), parent=province)
    cell = organisation_create(name="Chi bộ thôn 1", level=_level("cell", 3), parent=commune)
    start = datetime.date(2025, 7, 1)
    committee = Committee.objects.create(
        organisation=commune,
        kind=Committee.Kind.INSPECTION,
        name="UBKT Đảng ủy xã Thử",
        code="UBKTĐU",
        term_start=start,
    )
    other_committee = Committee.objects.create(
        organisation=other_commune, kind=Committee.Kind.INSPECTION, name="UBKT xã Khác", code="UBKTK", term_start=start
    )
    n = iter(range(1000, 2000))

    def member(name, org):
        return PartyMember.objects.create(
            full_name=name,
            birth_date=datetime.date(1980, 1, 1),
            sex="M",
            card_number=f"C{next(n)}",
            organisation=org,
            joined_on=datetime.date(2005, 1, 1),
        )

    def user(username, name, seat=None, committee_=committee, org=province):
        u = User.objects.create_user(
            username=username, password="pw-Kiemtra-2026!", full_name=name, member=member(name, org)
        )
        if seat:
            CommitteeSeat.objects.create(committee=committee_, user=u, role=seat, started_on=start)
        return u

    users = {
        "staff": user("staff", "Nguyễn Thị Lan", CommitteeSeat.Role.STAFF),
        "leader": user("leader", "Trần Văn Hùng", CommitteeSeat.Role.MEMBER),
        "member": user("member", "Lê Thị Mai", CommitteeSeat.Role.MEMBER),
        "chair": user("chair", "Phạm Đức Minh", CommitteeSeat.Role.CHAIR),
        "outsider": user("outsider", "Hoàng Văn Nam", CommitteeSeat.Role.STAFF, committee_=other_committee),
        "subject": user("subject", "Vũ Văn Tâm", org=cell),
    }
    secretary = member("Đỗ Thị Hoa", cell)
    Position.objects.create(member=secretary, organisation=cell, kind=Position.Kind.SECRETARY, started_on=start)
    return {
        "province": province,
        "commune": commune,
        "cell": cell,
        "committee": committee,
        "users": users,
        "subject_member": users["subject"].member,
        "secretary": secretary,
    }


def _check_declared_status(sender, process, task, **kwargs):
    if not isinstance(task.flow_task, CaseTask):
        return
    case = case_of(process)
    status = type(case).objects.values_list("status", flat=True).get(pk=case.pk)
    assert status in task.flow_task.statuses, (
        f"{sender.__name__}.{task.flow_task.name} left the case {status}, declared {task.flow_task.statuses}"
    )


@pytest.fixture(autouse=True)
def task_leads_to_declared_status():
    """Every step a workflow test completes leaves the case in a status its node declares
    (CaseTask(status=...)): the declarations the flow-graph test reads are checked against
    what the services really do."""
    task_finished.connect(_check_declared_status, dispatch_uid="kiemtra-declared-status")
    yield
    task_finished.disconnect(dispatch_uid="kiemtra-declared-status")
