"""Notifications through the real views and flows (issue 11 point 2): the team told to
declare, tasks assigned and queued, deadline reminders escalating to the chair, the bell,
the list, opening a notice, preferences; each user sees only their own. And the job modes
(point 4): inline, a background thread, Celery on the real Redis, a broker that is down."""

import datetime
import os
import subprocess
import sys
import time

import pytest
import redis
from django.conf import settings as django_settings
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from inspections.models import Case, Notification, NotificationKind, OutboxMessage
from inspections.services import notifications, reminders
from tests.workflow.helpers import complete, open_case, open_task
from workflow import jobs

pytestmark = pytest.mark.django_db


def _kinds(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_the_team_is_told_to_declare_and_the_owner_of_each_new_task_hears_of_it(client, world):
    u = world["users"]
    case = open_case(client, world, declare_team=False)
    for who in ("leader", "member"):
        [notice] = Notification.objects.filter(recipient=u[who], kind=NotificationKind.DECLARATION_NEEDED)
        assert case.number in notice.text and notice.url == reverse("cases:declare", args=[case.pk])
        assert case.title not in notice.text  # the number and the step, never the case's text
    assert not Notification.objects.filter(recipient=u["outsider"]).exists()
    # The chair's signing task is assigned to the chair when it is created.
    task = open_task(case, "sign_decision")
    assert task.owner == u["chair"]
    assert NotificationKind.TASK_ASSIGNED in _kinds(u["chair"])

    # The bell shows the unread count; the list shows only the user's own notices.
    client.force_login(u["leader"])
    page = client.get(reverse("notifications:list")).content.decode()
    assert 'id="kt-bell"' in page and 'class="kt-bell-count">1<' in page
    assert case.number in page
    mine = Notification.objects.get(recipient=u["leader"])
    chairs = Notification.objects.filter(recipient=u["chair"]).first()
    assert client.post(reverse("notifications:open", args=[chairs.pk])).status_code == 404
    response = client.post(reverse("notifications:open", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == mine.url
    mine.refresh_from_db()
    assert mine.read_at is not None
    page = client.get(reverse("cases:index")).content.decode()
    assert 'class="kt-bell-count"' not in page


def test_a_task_in_the_queue_is_announced_to_those_who_may_claim_it(client, world):
    u = world["users"]
    case = open_case(client, world)
    complete(client, u["chair"], case, "sign_decision", {"signed_on": timezone.localdate().strftime("%d/%m/%Y")})
    task = open_task(case, "notify_subject")
    queued = Notification.objects.filter(kind=NotificationKind.TASK_QUEUED, case=case)
    if task.owner_id is None:
        assert set(queued.values_list("recipient__username", flat=True)) >= {"leader", "member"}
        assert "chair" not in set(queued.values_list("recipient__username", flat=True))
    else:
        assert Notification.objects.filter(recipient=task.owner, kind=NotificationKind.TASK_ASSIGNED, case=case)


def test_deadline_reminders_once_per_stage_escalating_to_the_chair(client, world, settings):
    u = world["users"]
    settings.KIEMTRA_DUE_SOON_DAYS, settings.KIEMTRA_ESCALATE_CHAIR_AFTER = 5, 3
    case = open_case(client, world)
    today = timezone.localdate()
    Case.objects.filter(pk=case.pk).update(due_on=today + datetime.timedelta(days=2))
    reminders.deadline_reminders(on=today)
    reminders.deadline_reminders(on=today)  # the hourly job again: nothing twice
    soon = Notification.objects.filter(case=case, kind=NotificationKind.DUE_SOON)
    assert set(soon.values_list("recipient__username", flat=True)) == {"leader", "staff"}
    # Overdue by one working day: the team and the directing member, not yet the chair.
    due = today - datetime.timedelta(days=1)
    while due.weekday() >= 5:
        due -= datetime.timedelta(days=1)
    Case.objects.filter(pk=case.pk).update(due_on=due)
    reminders.deadline_reminders(on=today)
    late = Notification.objects.filter(case=case, kind=NotificationKind.OVERDUE)
    assert "chair" not in set(late.values_list("recipient__username", flat=True))
    assert "leader" in set(late.values_list("recipient__username", flat=True))
    # Three working days and more overdue: the chair too, once.
    reminders.deadline_reminders(on=due + datetime.timedelta(days=7))
    reminders.deadline_reminders(on=due + datetime.timedelta(days=8))
    assert late.filter(recipient=u["chair"]).count() == 1
    # A closed case reminds no one.
    Case.objects.filter(pk=case.pk).update(closed_on=today)
    count = Notification.objects.count()
    reminders.deadline_reminders(on=due + datetime.timedelta(days=20))
    assert Notification.objects.count() == count


def test_preferences_are_the_users_own_and_take_effect(client, world):
    u = world["users"]
    client.force_login(u["member"])
    url = reverse("notifications:preferences")
    page = client.get(url).content.decode()
    assert "Công việc được giao cho bạn" in page
    data = {f"{kind}__app": "on" for kind in NotificationKind.values}  # no e-mail for anything
    assert client.post(url, data).status_code == 302
    u["member"].email = "member@example.org"
    u["member"].save(update_fields=["email"])
    notifications.notify(recipients=[u["member"]], kind=NotificationKind.DUE_SOON, text="x", key="pref-test")
    assert not OutboxMessage.objects.filter(to="member@example.org").exists()
    assert notifications.preferences_of(u["leader"])[NotificationKind.DUE_SOON] == (True, True)


def _email_notice(user, key):
    user.email = f"{user.username}@example.org"
    user.save(update_fields=["email"])
    notifications.notify(recipients=[user], kind=NotificationKind.DUE_SOON, text="Hồ sơ 01: sắp đến hạn.", key=key)


def test_inline_mode_delivers_after_the_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            _email_notice(world["users"]["leader"], "inline")
            assert mail.outbox == []  # nothing leaves before the commit
    assert [m.to for m in mail.outbox] == [["leader@example.org"]]


def test_thread_mode_runs_the_job_in_a_background_thread(settings, monkeypatch):
    """No broker: the job runs in this process's background thread, not the request's."""
    import threading

    settings.KIEMTRA_JOBS_MODE = "thread"
    ran = threading.Event()
    where = []

    def job():
        where.append(threading.current_thread().name)
        ran.set()

    monkeypatch.setitem(jobs.JOBS, "deliver_outbox", job)
    jobs.enqueue("deliver_outbox")
    assert ran.wait(10)
    assert where[0].startswith("kiemtra-job") and where[0] != threading.current_thread().name


def test_the_in_process_scheduler_runs_the_periodic_jobs(world, settings, monkeypatch):
    ran = []
    monkeypatch.setitem(jobs.JOBS, "deliver_outbox", lambda: ran.append("deliver_outbox"))
    settings.CELERY_BEAT_SCHEDULE = {"deliver_outbox": {"task": "kiemtra.run_job", "schedule": 0.05, "args": ()}}
    scheduler = jobs.Scheduler(tick=0.02, first_delay=0)
    scheduler.start()
    try:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and len(ran) < 2:
            time.sleep(0.02)
    finally:
        scheduler.stop()
        scheduler.join(timeout=5)
    assert len(ran) >= 2 and not scheduler.is_alive()


def _redis_url() -> str:
    return django_settings.REDIS_URL or "redis://127.0.0.1:6379/15"


ENQUEUE = (
    "import django; django.setup(); "
    "from django.conf import settings; assert settings.KIEMTRA_JOBS_MODE == 'celery'; "
    "from workflow import jobs; jobs.enqueue('deliver_outbox'); print('enqueued')"
)


def _enqueue_in_a_process(broker_url: str, queue: str) -> subprocess.CompletedProcess:
    """A separate Django process configured only by environment variables, as a web
    process in production is: CELERY_BROKER_URL set, so the Celery mode."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",
        "CELERY_BROKER_URL": broker_url,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "KIEMTRA_JOBS_MODE": "",
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", ENQUEUE], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_celery_mode_sends_the_job_to_the_real_broker():
    """The job goes to Redis (a real server) as a message naming the job; a worker runs it
    (the multi-process test drives workers; here the queue is read back and emptied)."""
    url = _redis_url()
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis server at " + url)
    queue = f"kiemtra-test-{os.getpid()}"
    client.delete(queue)
    try:
        done = _enqueue_in_a_process(url, queue)
        assert done.returncode == 0 and "enqueued" in done.stdout, done.stderr[-2000:]
        assert client.llen(queue) == 1
        assert b"kiemtra.run_job" in client.lindex(queue, 0)
    finally:
        client.delete(queue)


def test_a_broker_that_is_down_never_fails_the_request(world):
    started = time.monotonic()
    done = _enqueue_in_a_process("redis://127.0.0.1:1/0", "kiemtra-test-down")  # nothing listens there
    assert done.returncode == 0 and "enqueued" in done.stdout, done.stderr[-2000:]
    assert "not sent to the broker" in done.stderr
    assert time.monotonic() - started < 30
    # The outbox row waits for the next periodic run.
    _email_notice(world["users"]["leader"], "broker-down")
    assert OutboxMessage.objects.get().state == "pending"
