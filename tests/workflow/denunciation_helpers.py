"""Drive a denunciation case through the real views (domain.md §5(D))."""

import datetime

from django.urls import reverse
from django.utils import timezone

from inspections.models import Allegation, Case
from tests.workflow.conftest import pdf
from tests.workflow.helpers import complete, declare

INTAKE_URL = "workflow:flows:denunciation:intake:execute"

NAME = "Đinh Thị Tố Giác"
ADDRESS = "Số 9 ngõ Kín, thôn Tây"
CONTACT = "0987 654 321"
CO_SIGNER = "Mạc Văn Đồng Ký"
SEALED = (NAME, ADDRESS, CONTACT, CO_SIGNER)


def day(offset: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).strftime("%d/%m/%Y")


def intake_data(world, **overrides) -> dict:
    data = {
        "committee": world["committee"].pk,
        "register_number": "TC-01",
        "received_on": day(-3),
        "letter_dated": day(-5),
        "forwarded_by": "",
        "first_received_on": "",
        "subject_card_number": world["subject_member"].card_number,
        "subject_organisation": "",
        "title": "",
        "allegations": "Lợi dụng chức vụ để trục lợi khi giao đất\nKhông kê khai tài sản theo quy định",
        "denouncer_name": NAME,
        "denouncer_card_number": "",
        "denouncer_address": ADDRESS,
        "denouncer_contact": CONTACT,
        "other_signatories": "",
        "signatory_count": "1",
        "letter_scan": pdf("don-to-cao.pdf"),
        "proposal": "Đề nghị thụ lý giải quyết",
        "confidentiality": "confidential",
    }
    data.update(overrides)
    return data


def register(client, world, *, expect=302, **overrides):
    client.force_login(world["users"]["staff"])
    response = client.post(reverse(INTAKE_URL), intake_data(world, **overrides))
    assert response.status_code == expect, response.content.decode()[:3000]
    if expect != 302:
        return response
    return Case.objects.latest("pk")


def triage(client, world, case, decision="handled", *, expect=302, **data):
    payload = {
        "decision": decision,
        "criteria": [],
        "reason": "",
        "transfer_committee": "",
        "transfer_body": "",
        "complaint_part": "",
    }
    payload.update(data)
    return complete(client, world["users"]["chair"], case, "triage", payload, expect=expect)


def meet(client, world, case, **data):
    payload = {
        "met_on": day(),
        "minutes": pdf("bien-ban-lam-viec.pdf"),
        "identity_confirmed": "on",
        "address_confirmed": "on",
        "denounced_confirmed": "on",
        "content_confirmed": "on",
        "more_allegations": "",
        "note": "Người tố cáo giữ nguyên nội dung",
    }
    payload.update(data)
    return complete(client, world["users"]["staff"], case, "meet_denouncer", payload)


def form_team(client, world, case, *, expect=302, **data):
    u = world["users"]
    payload = {"leader": u["leader"].pk, "members": [u["member"].pk], "decision": pdf("quyet-dinh.pdf")}
    payload.update(data)
    response = complete(client, u["staff"], case, "draft_decision", payload, expect=expect)
    if expect == 302:
        for role in case.roles.filter(role__in=["leader", "member", "director"], revoked_at__isnull=True):
            declare(client, role.user, case)
    return response


def carry_to_decided(client, world, case):
    triage(client, world, case)
    meet(client, world, case)
    form_team(client, world, case)
    complete(client, world["users"]["chair"], case, "sign_decision", {"signed_on": day()})


def carry_to_verifying(client, world, case):
    u = world["users"]
    carry_to_decided(client, world, case)
    complete(client, u["member"], case, "send_outline", {"sent_on": day(), "file": pdf("de-cuong.pdf")})
    complete(client, u["member"], case, "receive_explanation", {"received_on": day(), "file": pdf("giai-trinh.pdf")})


def verdicts(case, verdict="right", reasoning="Có căn cứ qua xác minh hồ sơ đất đai") -> dict:
    data = {}
    for allegation in Allegation.objects.filter(case=case):
        data[f"verdict_{allegation.pk}"] = verdict
        data[f"reasoning_{allegation.pk}"] = reasoning
    return data


def carry_to_concluded(client, world, case, *, recommendations=""):
    u = world["users"]
    carry_to_verifying(client, world, case)
    complete(client, u["member"], case, "verify", {**verdicts(case), "minutes": pdf("bien-ban-xac-minh.pdf")})
    complete(client, u["leader"], case, "write_team_report", {"text": "Báo cáo kết quả", "discussed_on": day()})
    complete(client, u["chair"], case, "review_team_report", {"decision": "accept", "note": ""})
    complete(
        client,
        u["leader"],
        case,
        "draft_conclusion",
        {"text": "Kết luận: tố cáo đúng", "violation_found": "on", "recommendations": recommendations},
    )
    complete(client, u["chair"], case, "approve_conclusion", {"decision": "accept", "note": ""})
