"""Background jobs (issue 11 point 4): one registry of the jobs, run the same way in every
mode (settings.KIEMTRA_JOBS_MODE):

- "celery": `enqueue` sends the job to the broker (CELERY_BROKER_URL, Redis) for a worker
  (workflow.tasks); celery beat runs the periodic ones (settings.CELERY_BEAT_SCHEDULE). If
  the broker does not answer, the request still succeeds: the job is logged as not sent
  and the next periodic run does its work (every job is idempotent; the outbox waits in the
  database).
- "thread": no broker (the `make run` default). A job a request triggers runs after the
  commit in a background thread of this process; the periodic ones run from an in-process
  scheduler thread (`start_scheduler`, started by `runserver`).
- "inline": run at once in the caller's thread (tests).

Every job is a function of no argument that is safe to run twice or concurrently.
"""

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections

from inspections.services import notifications, reminders

logger = logging.getLogger(__name__)


def _command(name: str):
    def run():
        call_command(name, verbosity=0)

    run.__name__ = name
    return run


JOBS = {
    "deliver_outbox": lambda: notifications.deliver_outbox(),
    "deadline_reminders": lambda: reminders.deadline_reminders(),
    "escalate_overdue": _command("escalate_overdue"),
    "apply_delegations": _command("apply_delegations"),
    "expire_discipline": _command("expire_discipline"),
    "journal_checkpoint": _command("journal_checkpoint"),
}


def run(name: str):
    """Run one job here and now (what a Celery worker and the threads call)."""
    return JOBS[name]()


_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def _run_in_thread(name: str) -> None:
    close_old_connections()
    try:
        run(name)
    except Exception:  # a background job's failure must not vanish: it is logged with its trace
        logger.exception("background job %s failed", name)
    finally:
        close_old_connections()


def enqueue(name: str) -> None:
    """Have job `name` run soon, in the configured mode. Never raises to the caller."""
    if name not in JOBS:
        raise KeyError(name)
    mode = settings.KIEMTRA_JOBS_MODE
    if mode == "inline":
        run(name)
        return
    if mode == "celery":
        from celery import current_app  # by task name: workflow.tasks imports this module

        try:
            current_app.send_task("kiemtra.run_job", args=(name,), retry=False)
        except Exception as error:  # the broker is down: the periodic run will catch up
            logger.warning("job %s not sent to the broker (%s); the next periodic run does it", name, error)
        return
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiemtra-job")
    _executor.submit(_run_in_thread, name)


def periodic_schedule() -> dict[str, float]:
    """Job name -> interval in seconds, the same table celery beat reads."""
    return {name: entry["schedule"] for name, entry in settings.CELERY_BEAT_SCHEDULE.items()}


class Scheduler(threading.Thread):
    """The in-process stand-in for celery beat ("thread" mode): runs each periodic job at
    its interval, the first time shortly after start, until `stop()`."""

    def __init__(self, *, tick: float = 5.0, first_delay: float = 10.0):
        super().__init__(name="kiemtra-scheduler", daemon=True)
        self.tick = tick
        self.first_delay = first_delay
        self._stop_event = threading.Event()

    def stop(self) -> None:
        self._stop_event.set()

    def run(self) -> None:
        start = time.monotonic() + self.first_delay
        next_run = dict.fromkeys(periodic_schedule(), start)
        while not self._stop_event.wait(self.tick):
            now = time.monotonic()
            for name, interval in periodic_schedule().items():
                if now >= next_run.get(name, start):
                    next_run[name] = now + interval
                    _run_in_thread(name)


_scheduler: Scheduler | None = None


def start_scheduler() -> Scheduler | None:
    """Start the in-process scheduler once per process, in "thread" mode only."""
    global _scheduler
    if settings.KIEMTRA_JOBS_MODE != "thread" or _scheduler is not None:
        return _scheduler
    _scheduler = Scheduler()
    _scheduler.start()
    logger.info("in-process job scheduler started (no broker configured)")
    return _scheduler


def on_outbox_ready(**kwargs) -> None:
    enqueue("deliver_outbox")
