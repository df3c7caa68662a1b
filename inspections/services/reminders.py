"""Deadline reminders (issue 11 point 2): a case whose statutory due date is near or past
notifies the people who carry it, once per case, due date and stage, so a job run every
hour sends nothing twice and a new due date (an extension) starts again.

- due soon (within KIEMTRA_DUE_SOON_DAYS working days): the team leader and the drafter;
- overdue: also the committee member directing the team; after
  KIEMTRA_ESCALATE_CHAIR_AFTER working days overdue, also the approver (the chair).

These thresholds are working practice, not law (domain.md sets the time limits, not when to
remind): settings with defaults, changed by environment variables (README).
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections.deadlines import holidays_between
from inspections.models import Case, CaseRole, NotificationKind
from inspections.rules.deadlines import add_working_days, is_working_day
from inspections.services import notifications

TEAM = (CaseRole.Role.LEADER, CaseRole.Role.DRAFTER)


def working_days_between(start: datetime.date, end: datetime.date, holidays: frozenset) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    days, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        days += is_working_day(day, holidays)
    return days


def _open_cases():
    return Case.objects.filter(closed_on__isnull=True, concluded_on__isnull=True, due_on__isnull=False)


def deadline_reminders(*, on: datetime.date | None = None) -> dict[str, int]:
    """Write the due-soon and overdue notices of `on` (today). Returns the counts."""
    today = on or timezone.localdate()
    holidays = holidays_between(today - datetime.timedelta(days=400), today + datetime.timedelta(days=60))
    horizon = add_working_days(today, settings.KIEMTRA_DUE_SOON_DAYS, holidays)
    cases = list(_open_cases().filter(due_on__lte=horizon).only("pk", "number", "due_on"))
    roles: dict[int, dict[str, list]] = {}
    for row in CaseRole.objects.filter(case__in=cases, revoked_at__isnull=True).select_related("user"):
        roles.setdefault(row.case_id, {}).setdefault(row.role, []).append(row.user)
    counts = {"due_soon": 0, "overdue": 0}
    for case in cases:
        held = roles.get(case.pk, {})
        team = [user for role in TEAM for user in held.get(role, [])]
        due = case.due_on.strftime("%d/%m/%Y")
        url = reverse("cases:detail", args=[case.pk])
        if case.due_on >= today:
            left = working_days_between(today, case.due_on, holidays)
            written = notifications.notify(
                recipients=team,
                kind=NotificationKind.DUE_SOON,
                text=_("Hồ sơ %(number)s: hạn %(due)s, còn %(left)d ngày làm việc.")
                % {"number": case.number, "due": due, "left": left},
                key=f"due_soon:{case.pk}:{case.due_on.isoformat()}",
                url=url,
                case=case,
            )
            counts["due_soon"] += len(written)
            continue
        late = working_days_between(case.due_on, today, holidays)
        chair = late >= settings.KIEMTRA_ESCALATE_CHAIR_AFTER
        recipients = team + held.get(CaseRole.Role.DIRECTOR, [])
        if chair:
            recipients += held.get(CaseRole.Role.APPROVER, [])
        written = notifications.notify(
            recipients=recipients,
            kind=NotificationKind.OVERDUE,
            text=_("Hồ sơ %(number)s đã quá hạn %(due)s (%(late)d ngày làm việc).")
            % {"number": case.number, "due": due, "late": late},
            # Once for the team and the director, once more when it reaches the chair.
            key=f"overdue:{case.pk}:{case.due_on.isoformat()}:{'chair' if chair else 'team'}",
            url=url,
            case=case,
        )
        counts["overdue"] += len(written)
    return counts
