"""Writing notifications and their e-mails (issue 11 points 2-3; the models' module doc).

`notify` is called by a service inside the transaction of the change that causes the
notice: the in-app notice and, when wanted, its outbox e-mail are written with that change
or not at all. After the commit the `outbox_ready` signal asks for a delivery (workflow.jobs
connects it to the job queue); if that request is lost (the broker down), the periodic
delivery job finds the pending rows anyway.

A notice says only what its recipient may see: callers pass the case number and the step,
never a case's text or a sealed party (design.md decision on sealed data; issue 11 point 2).
"""

import datetime
import logging

import django.dispatch
from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from inspections.models import Notification, NotificationKind, NotificationPreference, OutboxMessage

logger = logging.getLogger(__name__)

# Sent after the commit of a transaction that wrote outbox rows.
outbox_ready = django.dispatch.Signal()


def preferences_of(user) -> dict[str, tuple[bool, bool]]:
    """(in the app, by e-mail) for every kind, the defaults where the user chose nothing."""
    chosen = {p.kind: (p.in_app, p.email) for p in NotificationPreference.objects.filter(user=user)}
    return {kind: chosen.get(kind, (True, True)) for kind in NotificationKind.values}


@transaction.atomic
def preferences_save(*, user, choices: dict[str, tuple[bool, bool]]) -> None:
    """Store the user's choice per kind (unknown kinds ignored)."""
    for kind, (in_app, email) in choices.items():
        if kind in NotificationKind.values:
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"in_app": bool(in_app), "email": bool(email)}
            )


def _site_url(path: str) -> str:
    return f"{settings.KIEMTRA_SITE_URL.rstrip('/')}{path}" if path else settings.KIEMTRA_SITE_URL


def notify(*, recipients, kind: str, text: str, key: str, url: str = "", case=None) -> list[Notification]:
    """Notify each of `recipients` (users; inactive ones and duplicates skipped) once per
    `key`: the same event notified twice is one notice. Runs in the caller's transaction."""
    users = {user.pk: user for user in recipients if user is not None and user.is_active}
    if not users:
        return []
    chosen = {
        p.user_id: (p.in_app, p.email)
        for p in NotificationPreference.objects.filter(user_id__in=list(users), kind=kind)
    }
    now = timezone.now()
    written = []
    with transaction.atomic():
        taken = set(
            Notification.objects.filter(recipient_id__in=list(users), key=key).values_list("recipient_id", flat=True)
        )
        for pk, user in users.items():
            in_app, email = chosen.get(pk, (True, True))
            email = email and bool(user.email)
            if pk in taken or not (in_app or email):
                continue
            notice = Notification.objects.create(
                recipient=user,
                kind=kind,
                text=text[:300],
                url=url,
                case=case,
                key=key[:120],
                read_at=None if in_app else now,  # e-mail only: nothing to show in the bell
            )
            written.append(notice)
            if email:
                with override(getattr(user, "language", None) or settings.LANGUAGE_CODE):
                    subject = _("[Kiểm tra, giám sát] %(kind)s") % {"kind": NotificationKind(kind).label}
                    body = _("%(text)s\n\nXem tại: %(url)s\n\nThư tự động từ phần mềm kiểm tra, giám sát.") % {
                        "text": text,
                        "url": _site_url(url),
                    }
                OutboxMessage.objects.create(
                    notification=notice, to=user.email, subject=subject[:200], body=body, next_attempt_at=now
                )
    if any(hasattr(n, "outbox") for n in written):
        transaction.on_commit(lambda: outbox_ready.send(sender=Notification))
    return written


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(*, user, pks=None) -> int:
    """Mark the user's notices read (all of them, or those in `pks`); someone else's are
    never touched. Returns how many changed."""
    notices = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pks is not None:
        notices = notices.filter(pk__in=list(pks))
    return notices.update(read_at=timezone.now())


def _backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4, ... minutes after each failure, at most 6 hours."""
    return datetime.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def deliver_outbox(*, now: datetime.datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Send the pending e-mails that are due. Each message is claimed under a row lock
    (skipped when another worker holds it) and re-read, so a message is sent at most once
    however many jobs run; a failure is retried later with a growing delay, and after
    KIEMTRA_OUTBOX_MAX_ATTEMPTS the message is given up (dead) with its last error.
    Returns the counts, for the job's log."""
    now = now or timezone.now()
    counts = {"sent": 0, "retry": 0, "dead": 0}
    due = list(
        OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    skip_locked = connection.features.has_select_for_update_skip_locked
    for pk in due:
        with transaction.atomic():
            rows = OutboxMessage.objects.filter(pk=pk, state=OutboxMessage.State.PENDING)
            rows = rows.select_for_update(skip_locked=True) if skip_locked else rows.select_for_update()
            message = rows.first()
            if message is None:
                continue  # sent meanwhile, or being sent by another worker
            message.attempts += 1
            try:
                send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to])
            except Exception as error:  # any failure of the mail backend: keep the message
                message.last_error = f"{type(error).__name__}: {error}"[:2000]
                if message.attempts >= settings.KIEMTRA_OUTBOX_MAX_ATTEMPTS:
                    message.state = OutboxMessage.State.DEAD
                    counts["dead"] += 1
                    logger.error("outbox message %s given up after %s attempts: %s", pk, message.attempts, error)
                else:
                    message.next_attempt_at = now + _backoff(message.attempts)
                    counts["retry"] += 1
                message.save(update_fields=["attempts", "last_error", "state", "next_attempt_at"])
                continue
            message.state, message.sent_at, message.last_error = OutboxMessage.State.SENT, now, ""
            message.save(update_fields=["attempts", "state", "sent_at", "last_error"])
            counts["sent"] += 1
    return counts


@transaction.atomic
def outbox_retry(*, messages) -> int:
    """The administrator sends given-up messages again: pending, due now, attempts reset."""
    return OutboxMessage.objects.filter(pk__in=[m.pk for m in messages], state=OutboxMessage.State.DEAD).update(
        state=OutboxMessage.State.PENDING, attempts=0, next_attempt_at=timezone.now()
    )


# --- The events (issue 11 point 2) ---------------------------------------------------------
# Each says the case number and the step, and links to the case or its declaration page:
# nothing the recipient may not see (their role on the case gives them its number).


def _case_url(case) -> str:
    return reverse("cases:detail", args=[case.pk])


def task_assigned(*, case, owner, step_title: str, how: str, task_key: str) -> None:
    """A task went to `owner`: assigned when created (TASK_ASSIGNED) or moved to them by a
    delegation or hand-over (WORK_MOVED). A claim is the owner's own act: no notice."""
    if owner is None or how not in ("auto", "reassigned"):
        return
    kind = NotificationKind.TASK_ASSIGNED if how == "auto" else NotificationKind.WORK_MOVED
    text = _("Hồ sơ %(number)s: bước “%(step)s” được giao cho bạn.") % {"number": case.number, "step": step_title}
    if how == "reassigned":
        text = _("Hồ sơ %(number)s: bước “%(step)s” được chuyển cho bạn (ủy quyền, bàn giao).") % {
            "number": case.number,
            "step": step_title,
        }
    notify(recipients=[owner], kind=kind, text=text, key=f"{how}:{task_key}", url=_case_url(case), case=case)


def task_queued(*, case, candidates, step_title: str, task_key: str) -> None:
    """A task no one owns waits in the queue of those who may claim it."""
    text = _("Hồ sơ %(number)s: bước “%(step)s” đang chờ nhận trong hàng đợi của bạn.") % {
        "number": case.number,
        "step": step_title,
    }
    notify(
        recipients=candidates,
        kind=NotificationKind.TASK_QUEUED,
        text=text,
        key=f"queued:{task_key}",
        url=reverse("workflow:queue"),
        case=case,
    )


def declaration_needed(*, case, users) -> None:
    """Team members must declare "no conflict of interest" before they see the file or
    take its tasks (workflow: the declaration page comes first): tell them."""
    text = _(
        "Hồ sơ %(number)s: bạn được phân công vào đoàn; hãy khai báo xung đột lợi ích trước khi xem hồ sơ và "
        "nhận công việc."
    ) % {"number": case.number}
    notify(
        recipients=users,
        kind=NotificationKind.DECLARATION_NEEDED,
        text=text,
        key=f"declare:{case.pk}",
        url=reverse("cases:declare", args=[case.pk]),
        case=case,
    )


def ballot_opened(*, case, ballot, voters) -> None:
    """A secret ballot opened with a paper on the system for each of `voters` (issue 11:
    a ballot that waits for a member's paper says so). Names no option and no count."""
    text = _("Hồ sơ %(number)s: %(body)s mở bỏ phiếu kín lần %(round)s; phiếu của bạn đang chờ.") % {
        "number": case.number,
        "body": ballot.body_label,
        "round": ballot.round,
    }
    notify(
        recipients=voters,
        kind=NotificationKind.BALLOT_OPENED,
        text=text,
        key=f"ballot:{ballot.pk}",
        url=reverse("cases:ballot_cast", args=[case.pk, ballot.pk]),
        case=case,
    )
