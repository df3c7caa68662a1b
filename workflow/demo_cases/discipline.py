"""Demo cases of discipline (E, an open secret ballot) and of a complaint about an
announced discipline decision (F, awaiting the admissibility check)."""

from django.urls import reverse

from inspections.models import Ballot, Case, CaseKind, DisciplineRecord
from people.models import Committee, Kinship, PartyMember
from workflow.demo_cases.base import RECORD_TITLE, TITLES, day, latest, pdf, team


def build_discipline(browser, demo, *, title=None, subject=None) -> Case:
    """E, an open secret ballot of the inspection committee: the leader alone prepared the
    file, so the chair and uyvien (members of the committee, not of the team) vote."""
    u = demo["users"]
    subject = subject or demo["subject_member"]
    committee = demo["inspection_committee"]
    browser.post(
        u["canbo"],
        reverse("workflow:flows:discipline:open_case:execute"),
        {
            "committee": committee.pk,
            "title": title or TITLES[CaseKind.DISCIPLINE],
            "subject_card_number": subject.card_number,
            "subject_organisation": "",
            "grounds": "Kết luận kiểm tra khi có dấu hiệu vi phạm",
            "violation": "Vi phạm quy định về những điều đảng viên không được làm",
            "violation_start": day(-400),
            "violation_end": "",
            "statute_category": "by_form",
            "subject_kind": "member",
            # The commune inspection committee decides as what it is: its kind
            # (commune.inspection) is derived from the committee, and the provisional
            # post-2025 rows give it reprimand and warning of members (issue 9 point 2;
            # domain.md §6.3, §11b.8).
            "body_organisation": "",
            "body_committee": committee.pk,
            "confidentiality": "normal",
            "leader": u["truongdoan"].pk,
            "members": [],
        },
    )
    case = latest(CaseKind.DISCIPLINE)
    browser.declare(case)
    browser.complete(
        u["truongdoan"],
        case,
        "self_criticism",
        {"outcome": "received", "on": day(), "self_proposed_form": "reprimand", "file": pdf("kiem-diem.pdf")},
    )
    browser.complete(
        u["truongdoan"],
        case,
        "write_report",
        {"text": "Báo cáo đề nghị thi hành kỷ luật", "proposed_form": "reprimand"},
    )
    present = [u["chunhiem"], u["truongdoan"], u["uyvien"]]
    browser.complete(
        u["chunhiem"],
        case,
        "meeting",
        {
            "outcome": "hold",
            "meeting_on": day(),
            "mode": "online",
            "present": [user.pk for user in present],
        },
    )
    return case


def disciplined_member(demo) -> PartyMember:
    """A plain full member of the subject's cell (no post, not the subject nor kin of his)."""
    cell_mates = PartyMember.objects.filter(
        organisation=demo["subject_org"], status=PartyMember.Status.FULL, positions__isnull=True
    ).exclude(pk=demo["subject_member"].pk)
    kin = Kinship.objects.filter(member=demo["subject_member"]).values("relative_id")
    return cell_mates.exclude(pk__in=kin).order_by("card_number").first()


def decided_discipline(browser, demo) -> DisciplineRecord:
    """A reprimand voted by the committee, signed and announced: an in-force record."""
    u = demo["users"]
    case = build_discipline(browser, demo, title=RECORD_TITLE, subject=disciplined_member(demo))
    ballot = Ballot.objects.get(case=case, closed_at__isnull=True)
    for voter in (u["chunhiem"], u["uyvien"]):
        browser.post(voter, reverse("cases:ballot_cast", args=[case.pk, ballot.pk]), {"option": "reprimand"})
    browser.complete(u["chunhiem"], case, "close_ballot", {"confirm": "on"})
    browser.complete(u["chunhiem"], case, "sign_decision", {"number": "01-QĐ/UBKTĐU", "signed_on": day()})
    browser.complete(u["canbo"], case, "announce", {"announced_on": day(), "file": pdf("cong-bo.pdf")})
    return DisciplineRecord.objects.get(case=case)


def build_discipline_complaint(browser, demo) -> Case:
    """F, a complaint against a disciplined member's record, awaiting the director
    (chunhiem) to check its admissibility."""
    u = demo["users"]
    record = decided_discipline(browser, demo)
    committee = demo["inspection_committee"]
    standing = Committee.objects.get(
        organisation=committee.organisation, kind=Committee.Kind.STANDING, term_start=committee.term_start
    )
    browser.post(
        u["canbo"],
        reverse("workflow:flows:disciplinecomplaint:open_complaint:execute"),
        {
            "committee": committee.pk,
            "record": record.pk,
            "representative": "",
            "decision_received_on": day(),
            "announced_on": day(),
            "sent_on": day(),
            "received_on": day(),
            "about": ["form"],
            "request": "Đề nghị xem xét giảm hình thức kỷ luật vì vi phạm lần đầu, đã khắc phục",
            "letter": pdf("don-khieu-nai.pdf"),
            "imposed_by_kind": "inspection",
            "imposed_by_organisation": committee.organisation.pk,
            "resolving_body": standing.pk,
            **team(demo),
            "director": u["chunhiem"].pk,
        },
    )
    case = latest(CaseKind.DISCIPLINE_COMPLAINT)
    browser.declare(case)
    return case
