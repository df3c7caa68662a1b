"""The demo denunciation (D): registered with the denouncer sealed, awaiting triage."""

from django.urls import reverse

from inspections.models import Case, CaseKind
from workflow.demo_cases.base import DENUNCIATION_REGISTER, day, latest, pdf


def build_denunciation(browser, demo) -> Case:
    """D, registered with the denouncer sealed, awaiting the chair's triage."""
    u = demo["users"]
    browser.post(
        u["canbo"],
        reverse("workflow:flows:denunciation:intake:execute"),
        {
            "committee": demo["inspection_committee"].pk,
            "register_number": DENUNCIATION_REGISTER,
            "received_on": day(-3),
            "letter_dated": day(-5),
            "forwarded_by": "",
            "first_received_on": "",
            "subject_card_number": demo["subject_member"].card_number,
            "subject_organisation": "",
            "title": "",
            "allegations": "Lợi dụng chức vụ để trục lợi khi giao đất\nKhông kê khai tài sản theo quy định",
            "denouncer_name": "Đinh Thị Tố Giác",
            "denouncer_card_number": "",
            "denouncer_address": "Số 9 ngõ Kín, thôn Tây Hòa",
            "denouncer_contact": "0987 654 321",
            "other_signatories": "",
            "signatory_count": "1",
            "letter_scan": pdf("don-to-cao.pdf"),
            "proposal": "Đề nghị thụ lý giải quyết",
            "confidentiality": "confidential",
        },
    )
    return latest(CaseKind.DENUNCIATION)
