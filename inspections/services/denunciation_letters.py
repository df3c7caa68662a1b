"""A denunciation letter's entry in the register (domain.md §5(D) "Intake and triage";
§7.7–§7.8), for inspections.services.denunciations.denunciation_register: `letter_check`
checks every field of the letter and cleans it; `letter_record` writes the register row,
the denouncers as sealed parties, the allegations masked against them, and starts the
clock on the day the competent body received the letter."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from inspections import deadlines, journal
from inspections.exceptions import RuleViolation
from inspections.models import Allegation, Case, CaseParty, Denunciation
from inspections.selectors.denunciations import RULE
from inspections.services.denunciation_confidentiality import masker, masker_for
from inspections.services.parties import party_add
from people.models import Committee, PartyMember


def not_after_today(day: datetime.date | None, label: str) -> None:
    if day is not None and day > timezone.localdate():
        raise RuleViolation(_("%(label)s không được sau ngày hôm nay.") % {"label": label})


@dataclass(frozen=True)
class Letter:
    """A letter's register entry, checked and cleaned (free text not yet masked)."""

    register_number: str
    received_on: datetime.date
    letter_dated: datetime.date | None
    forwarded_by: str
    first_received_on: datetime.date | None
    allegations: list[str]
    denouncers: list[dict]
    signatory_count: int
    proposal: str
    title: str


def letter_check(
    *,
    committee: Committee,
    register_number: str,
    received_on: datetime.date,
    letter_dated: datetime.date | None,
    forwarded_by: str,
    first_received_on: datetime.date | None,
    allegations: list[str],
    denouncers: list[dict],
    signatory_count: int,
    letter_scan,
    subject_member: PartyMember | None,
    proposal: str,
    title: str,
) -> Letter:
    register_number = register_number.strip()
    if not register_number:
        raise RuleViolation(_("Cần ghi số vào sổ của đơn."))
    not_after_today(received_on, _("Ngày nhận đơn"))
    if letter_dated and letter_dated > received_on:
        raise RuleViolation(_("Ngày ghi trên đơn không được sau ngày nhận đơn."))
    forwarded_by = forwarded_by.strip()
    if first_received_on and not forwarded_by:
        raise RuleViolation(_("Ghi rõ cơ quan đã nhận và chuyển đơn đến, nếu có ngày nhận đơn của cơ quan đó."))
    if first_received_on and first_received_on > received_on:
        raise RuleViolation(_("Cơ quan chuyển đơn không thể nhận đơn sau ngày cơ quan có thẩm quyền nhận đơn."))
    allegations = [text.strip() for text in allegations if text and text.strip()]
    if not allegations:
        raise RuleViolation(_("Cần ghi ít nhất một nội dung tố cáo (mỗi dòng một nội dung)."))
    if signatory_count < 0:
        raise RuleViolation(_("Số người ký tên không hợp lệ."))
    if letter_scan is None:
        raise RuleViolation(_("Cần tải lên bản chụp đơn tố cáo (được niêm phong)."))
    denouncers = [d for d in denouncers if (d.get("full_name") or "").strip() or d.get("member") is not None]
    for d in denouncers:
        if subject_member is not None and d.get("member") is not None and d["member"].pk == subject_member.pk:
            raise RuleViolation(_("Người tố cáo không thể đồng thời là người bị tố cáo."))
    year = received_on.year
    if Denunciation.objects.filter(committee=committee, register_year=year, register_number=register_number).exists():
        raise RuleViolation(
            _("Số vào sổ %(number)s năm %(year)s đã được dùng cho một đơn khác.")
            % {"number": register_number, "year": year}
        )
    title = masker_for(denouncers)(title.strip())
    return Letter(
        register_number=register_number,
        received_on=received_on,
        letter_dated=letter_dated,
        forwarded_by=forwarded_by,
        first_received_on=first_received_on,
        allegations=allegations,
        denouncers=denouncers,
        signatory_count=signatory_count,
        proposal=proposal.strip(),
        title=title or _("Giải quyết đơn tố cáo vào sổ số %(number)s") % {"number": register_number},
    )


def letter_record(*, actor, case: Case, committee: Committee, letter: Letter, letter_scan) -> Denunciation:
    """The register row, the sealed denouncers, the masked allegations and the clock."""
    den = Denunciation.objects.create(
        case=case,
        committee=committee,
        register_year=letter.received_on.year,
        register_number=letter.register_number,
        received_on=letter.received_on,
        letter_dated=letter.letter_dated,
        forwarded_by=letter.forwarded_by[:255],
        first_received_on=letter.first_received_on,
        signatory_count=letter.signatory_count,
        anonymous=not letter.denouncers,
        proposal=letter.proposal,
        registered_by=actor,
    )
    parties = denouncers_record(actor=actor, case=case, letter=letter, letter_scan=letter_scan)
    # Now that the sealed values are known, mask them in what the team and auditors read.
    mask = masker(case)
    Allegation.objects.bulk_create(
        [
            Allegation(case=case, number=n, text=mask(text), added_by=actor)
            for n, text in enumerate(letter.allegations, 1)
        ]
    )
    if den.proposal:
        den.proposal = mask(den.proposal)
        den.save(update_fields=["proposal"])
    # Receipt by the competent body starts the clock (domain.md §7.8), under the rules of the
    # province fixed that day (issue 9 point 4).
    limit = deadlines.start_clock(case, letter.received_on)
    case.save(update_fields=list(deadlines.CLOCK_FIELDS))
    journal.append(
        case=case,
        actor=actor,
        action="denunciation.registered",
        payload={
            "register_number": letter.register_number,
            "received_on": letter.received_on,
            "letter_dated": letter.letter_dated,
            "forwarded_by": letter.forwarded_by,
            "first_received_on": letter.first_received_on,
            "clock_started_on": letter.received_on,
            **deadlines.clock_payload(case, limit),
            "rule": RULE,
            "signatory_count": letter.signatory_count,
            "anonymous": den.anonymous,
            "parties": [p.pk for p in parties],
            "allegations": [mask(text) for text in letter.allegations],
        },
    )
    return den


def denouncers_record(*, actor, case: Case, letter: Letter, letter_scan) -> list[CaseParty]:
    """The denouncers as sealed parties, the letter's scan sealed with the first of them.
    An anonymous letter's scan still shows handwriting: it is sealed with a placeholder."""
    if not letter.denouncers:
        return [
            party_add(
                actor=actor,
                case=case,
                role=CaseParty.Role.DENOUNCER,
                full_name=_("Người gửi đơn không ghi tên"),
                received_on=letter.received_on,
                note=_("Đơn không ghi tên người tố cáo."),
                scan=letter_scan,
                scan_title=_("Đơn tố cáo"),
            )
        ]
    return [
        party_add(
            actor=actor,
            case=case,
            role=CaseParty.Role.DENOUNCER,
            full_name=d.get("full_name") or "",
            member=d.get("member"),
            address=d.get("address") or "",
            contact=d.get("contact") or "",
            received_on=letter.received_on,
            scan=letter_scan if index == 0 else None,
            scan_title=_("Đơn tố cáo"),
        )
        for index, d in enumerate(letter.denouncers)
    ]
