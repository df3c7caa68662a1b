"""The notices a denunciation case issues, built from an explicit whitelist of case fields
(domain.md §5(D) "Intake and triage" and step 6; §7.2; design.md "Sealed parties").

Every builder here reads only: the committee's name, the case and register numbers, the
received and concluded dates, the denounced (the case subject), the allegations and their
verdict labels, the triage criteria's wording, the transfer target and the complaint part.
Never a party row, never a verdict's reasoning, the team's findings, the explanatory
report, the conclusion's discipline flags or a review note. Free text typed by people who
may know the denouncer (allegations, the complaint part, a transfer target, the
conclusion) is passed through the same masking as the generic notices
(inspections.selectors.parties), so a sealed value typed by mistake is masked too.

The result is a plain dict of strings, stored frozen on DenunciationNotice.content as
issued and rendered by templates/kiemtra/denunciation/notice.html.
"""

import datetime

from django.utils.translation import gettext as _

from inspections.models import Allegation, Case, Conclusion, Denunciation, DenunciationNotice, ReviewStatus
from inspections.selectors.parties import _redactor

SENDER = "sender"
DENOUNCER = "denouncer"


def _day(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def subject_name(case: Case) -> str:
    """The denounced by name only (a member's card number is no business of the sender)."""
    return case.subject_member.full_name if case.subject_member_id else case.subject_organisation.name


def managing_organisation_name(case: Case) -> str:
    """The organisation that manages the denounced: the member's organisation, or the
    organisation's superior."""
    if case.subject_member_id:
        return case.subject_member.organisation.name
    parent = case.subject_organisation.parent
    return parent.name if parent is not None else ""


def _base(case: Case, den: Denunciation, kind: str, recipient: str, redact) -> dict:
    return {
        "kind": kind,
        "title": str(DenunciationNotice.Kind(kind).label).upper(),
        "committee": case.committee.name,
        "number": case.number,
        "register_number": den.register_number,
        "received_on": _day(den.received_on),
        "subject": redact(subject_name(case)),
        "recipient": recipient,
        "paragraphs": [],
        "items": [],
        "paragraphs_after": [],
    }


def _received_line(content: dict) -> str:
    return _("Ngày %(day)s, %(committee)s nhận được đơn tố cáo đối với %(subject)s (vào sổ số %(number)s).") % {
        "day": content["received_on"],
        "committee": content["committee"],
        "subject": content["subject"],
        "number": content["register_number"],
    }


def build(case: Case, kind: str, **extra) -> dict:
    """The content of a notice of `kind` on the case, from the whitelist only."""
    den = Denunciation.objects.select_related("transfer_committee").get(case=case)
    redact = _redactor(case)
    builder = _BUILDERS[kind]
    return builder(case, den, redact, **extra)


def _not_handled(case, den, redact, *, criteria: list[str]) -> dict:
    content = _base(case, den, DenunciationNotice.Kind.NOT_HANDLED, _("Người gửi đơn"), redact)
    content["paragraphs"] = [
        _received_line(content),
        _("Đơn không đủ điều kiện để xem xét, giải quyết theo quy định vì:"),
    ]
    content["items"] = [str(label) for label in criteria]
    content["paragraphs_after"] = [_("%(committee)s lưu đơn, không giải quyết.") % content]
    return content


def _target(den: Denunciation, redact) -> str:
    if den.transfer_committee_id:
        return den.transfer_committee.name
    return redact(den.transfer_body)


def _transferred(case, den, redact) -> dict:
    content = _base(case, den, DenunciationNotice.Kind.TRANSFERRED, _("Người gửi đơn"), redact)
    content["paragraphs"] = [
        _received_line(content),
        _(
            "Nội dung đơn không thuộc thẩm quyền giải quyết của %(committee)s. Đơn đã được chuyển đến "
            "%(target)s để xem xét, giải quyết theo thẩm quyền."
        )
        % {"committee": content["committee"], "target": _target(den, redact)},
    ]
    return content


def _transfer_slip(case, den, redact) -> dict:
    target = _target(den, redact)
    content = _base(case, den, DenunciationNotice.Kind.TRANSFER_SLIP, target, redact)
    content["paragraphs"] = [
        _received_line(content),
        _("Nội dung đơn không thuộc thẩm quyền giải quyết của %(committee)s, gồm:") % content,
    ]
    content["items"] = _allegation_lines(case, redact, with_verdict=False)
    content["paragraphs_after"] = [
        _(
            "%(committee)s chuyển đơn đến %(target)s để xem xét, giải quyết theo thẩm quyền. Đơn gốc và thông "
            "tin về người tố cáo được chuyển kèm theo chế độ mật."
        )
        % {"committee": content["committee"], "target": target},
    ]
    return content


def _split(case, den, redact) -> dict:
    content = _base(case, den, DenunciationNotice.Kind.SPLIT, _("Người gửi đơn"), redact)
    content["paragraphs"] = [
        _received_line(content),
        _("Đơn có nội dung vừa khiếu nại vừa tố cáo. Phần khiếu nại được xem xét, giải quyết theo thủ tục khiếu nại:"),
    ]
    content["items"] = [redact(den.complaint_part)]
    content["paragraphs_after"] = [
        _(
            "Đối với nội dung tố cáo, đề nghị người gửi đơn viết thành đơn tố cáo riêng, gửi cơ quan có thẩm "
            "quyền để được xem xét, giải quyết theo quy định."
        )
    ]
    return content


def _extension(case, den, redact, *, due_before: datetime.date, due_after: datetime.date) -> dict:
    content = _base(case, den, DenunciationNotice.Kind.EXTENSION, _("Người tố cáo"), redact)
    content["paragraphs"] = [
        _received_line(content),
        _("Thời hạn giải quyết tố cáo được gia hạn đến ngày %(after)s (thời hạn trước khi gia hạn: ngày %(before)s).")
        % {"after": _day(due_after), "before": _day(due_before)},
    ]
    return content


def _stopped(case, den, redact, *, withdrawn_on: datetime.date) -> dict:
    content = _base(case, den, DenunciationNotice.Kind.STOPPED, _("Người tố cáo"), redact)
    content["paragraphs"] = [
        _received_line(content),
        _("Ngày %(day)s, người tố cáo đã rút đơn tố cáo. %(committee)s đình chỉ việc giải quyết tố cáo.")
        % {"day": _day(withdrawn_on), "committee": content["committee"]},
    ]
    return content


def _allegation_lines(case: Case, redact, *, with_verdict: bool) -> list[str]:
    labels = dict(Allegation.Verdict.choices)
    lines = []
    for number, text, verdict in (
        Allegation.objects.filter(case=case).order_by("number").values_list("number", "text", "verdict")
    ):
        line = _("Nội dung %(n)s: %(text)s") % {"n": number, "text": redact(text)}
        if with_verdict:
            line += " – " + str(labels.get(verdict, _("chưa kết luận")))
        lines.append(line)
    return lines


def _concluded_line(case: Case, content: dict) -> str:
    return _("Ngày %(day)s, %(committee)s đã kết luận nội dung tố cáo như sau:") % {
        "day": _day(case.concluded_on),
        "committee": content["committee"],
    }


def _conclusion(case, den, redact) -> dict:
    """To the denounced and the managing organisation: the conclusion per allegation, the
    conclusion text and its requirements."""
    recipients = [redact(subject_name(case)), managing_organisation_name(case)]
    content = _base(case, den, DenunciationNotice.Kind.CONCLUSION, "; ".join(filter(None, recipients)), redact)
    conclusion = (
        Conclusion.objects.filter(case=case, status=ReviewStatus.ACCEPTED)
        .order_by("-version")
        .prefetch_related("recommendations")
        .first()
    )
    content["paragraphs"] = [_received_line(content), _concluded_line(case, content)]
    content["items"] = _allegation_lines(case, redact, with_verdict=True)
    after = [redact(conclusion.text)] if conclusion else []
    if conclusion:
        after += [
            _("Yêu cầu: %(text)s – thời hạn %(due)s") % {"text": redact(r.text), "due": _day(r.due_on)}
            for r in sorted(conclusion.recommendations.all(), key=lambda r: (r.due_on, r.pk))
        ]
    content["paragraphs_after"] = after
    return content


def _result(case, den, redact) -> dict:
    """To the denouncer, "in an appropriate form": whether each allegation was found right,
    partly right or wrong, and that the matter is handled under party rules. No conclusion
    text, no reasoning, no findings, nothing about other people."""
    content = _base(case, den, DenunciationNotice.Kind.RESULT, _("Người tố cáo"), redact)
    content["paragraphs"] = [_received_line(content), _concluded_line(case, content)]
    content["items"] = _allegation_lines(case, redact, with_verdict=True)
    content["paragraphs_after"] = [
        _(
            "Việc xử lý đối với tổ chức, cá nhân có vi phạm (nếu có) được thực hiện theo quy định của Đảng. Người "
            "tố cáo không được tiết lộ nội dung tố cáo và kết quả giải quyết cho người không có trách nhiệm."
        )
    ]
    return content


_BUILDERS = {
    DenunciationNotice.Kind.NOT_HANDLED: _not_handled,
    DenunciationNotice.Kind.TRANSFERRED: _transferred,
    DenunciationNotice.Kind.TRANSFER_SLIP: _transfer_slip,
    DenunciationNotice.Kind.SPLIT: _split,
    DenunciationNotice.Kind.EXTENSION: _extension,
    DenunciationNotice.Kind.STOPPED: _stopped,
    DenunciationNotice.Kind.CONCLUSION: _conclusion,
    DenunciationNotice.Kind.RESULT: _result,
}
