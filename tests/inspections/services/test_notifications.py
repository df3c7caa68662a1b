"""Notifications and the e-mail outbox (issue 11 points 2-3): one notice per event and
recipient, the recipient's choices, delivery that never sends twice, retries with a growing
delay, the give-up limit visible in the admin, a real mail server that does not answer."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from inspections.models import Notification, NotificationKind, NotificationPreference, OutboxMessage
from inspections.services import notifications
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db


def _notify(users, key="event-1", kind=NotificationKind.TASK_ASSIGNED):
    return notifications.notify(recipients=users, kind=kind, text="Hồ sơ 01-KT: bước “Ký” được giao cho bạn.", key=key)


def test_one_notice_per_event_and_recipient_with_its_email():
    a, b = UserFactory(username="a", email="a@example.org"), UserFactory(username="b", email="")
    written = _notify([a, b, a, None])
    assert {n.recipient for n in written} == {a, b}
    assert _notify([a, b]) == []  # the same event again: nothing new
    assert Notification.objects.count() == 2
    # b has no address: a notice in the app only.
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == ["a@example.org"]
    message = OutboxMessage.objects.get()
    assert "Hồ sơ 01-KT" in message.body and message.state == "pending" and message.subject.startswith("[")


def test_the_recipients_choices_and_inactive_users():
    user = UserFactory(username="u", email="u@example.org")
    gone = UserFactory(username="gone", email="g@example.org", is_active=False)
    NotificationPreference.objects.create(user=user, kind=NotificationKind.TASK_ASSIGNED, in_app=True, email=False)
    _notify([user, gone], key="k1")
    assert Notification.objects.filter(recipient=gone).count() == 0
    assert not OutboxMessage.objects.exists()
    NotificationPreference.objects.filter(user=user).update(in_app=False, email=True)
    [notice] = _notify([user], key="k2")
    assert notice.read_at is not None and notifications.unread_count(user) == 1  # k1 only
    assert OutboxMessage.objects.filter(notification=notice).exists()
    NotificationPreference.objects.filter(user=user).update(in_app=False, email=False)
    assert _notify([user], key="k3") == []


def test_delivery_sends_each_message_once_however_often_it_runs():
    users = [UserFactory(username=f"u{i}", email=f"u{i}@example.org") for i in range(3)]
    _notify(users)
    assert notifications.deliver_outbox() == {"sent": 3, "retry": 0, "dead": 0}
    assert sorted(m.to[0] for m in mail.outbox) == ["u0@example.org", "u1@example.org", "u2@example.org"]
    assert notifications.deliver_outbox() == {"sent": 0, "retry": 0, "dead": 0}  # redelivered job
    assert len(mail.outbox) == 3
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {"sent"}


def test_a_failing_mail_server_is_retried_with_backoff_then_given_up(settings):
    """A real SMTP connection to a port where nothing listens: the message stays, is tried
    again 1, 2, 4 ... minutes later, and is given up after the limit with its error."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, False, 2
    settings.KIEMTRA_OUTBOX_MAX_ATTEMPTS = 3
    _notify([UserFactory(username="u", email="u@example.org")])
    now = timezone.now()
    assert notifications.deliver_outbox(now=now) == {"sent": 0, "retry": 1, "dead": 0}
    message = OutboxMessage.objects.get()
    assert message.state == "pending" and message.attempts == 1 and message.last_error
    assert message.next_attempt_at == now + datetime.timedelta(minutes=1)
    assert notifications.deliver_outbox(now=now) == {"sent": 0, "retry": 0, "dead": 0}  # not due yet
    later = now + datetime.timedelta(minutes=1)
    notifications.deliver_outbox(now=later)
    message.refresh_from_db()
    assert message.attempts == 2 and message.next_attempt_at == later + datetime.timedelta(minutes=2)
    assert notifications.deliver_outbox(now=later + datetime.timedelta(minutes=2)) == {
        "sent": 0,
        "retry": 0,
        "dead": 1,
    }
    message.refresh_from_db()
    assert message.state == "dead" and message.attempts == 3 and "Error" in message.last_error
    # The mail server is back: the administrator sends it again.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notifications.outbox_retry(messages=[message]) == 1
    assert notifications.deliver_outbox()["sent"] == 1 and len(mail.outbox) == 1


def test_the_admin_shows_failures_without_the_message_body(admin_client):
    _notify([UserFactory(username="u", email="u@example.org")])
    OutboxMessage.objects.update(state="dead", attempts=8, last_error="SMTPServerDisconnected: gone")
    page = admin_client.get(reverse("admin:inspections_outboxmessage_changelist")).content.decode()
    assert "SMTPServerDisconnected" in page and "u@example.org" in page
    assert "bước “Ký”" not in page
    message = OutboxMessage.objects.get()
    response = admin_client.post(
        reverse("admin:inspections_outboxmessage_changelist"),
        {"action": "retry", "_selected_action": [message.pk]},
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("pending", 0)


def test_mark_read_touches_only_the_users_own():
    a, b = UserFactory(username="a"), UserFactory(username="b")
    [na, nb] = _notify([a, b])
    assert notifications.mark_read(user=a, pks=[nb.pk]) == 0
    assert notifications.mark_read(user=a) == 1
    assert notifications.unread_count(a) == 0 and notifications.unread_count(b) == 1
