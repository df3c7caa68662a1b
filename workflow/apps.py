"""The workflow app: the viewflow flows of every case kind, their step views and lists."""

import os
import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Quy trình")

    def ready(self):
        from inspections.services.notifications import outbox_ready
        from workflow import jobs

        outbox_ready.connect(jobs.on_outbox_ready, dispatch_uid="kiemtra.outbox_ready")
        # The in-process scheduler (no broker): in the server process of `runserver` (its
        # autoreloader's child) or where KIEMTRA_SCHEDULER=1 asks for it; never in tests,
        # management commands or the Celery worker.
        serving = "runserver" in sys.argv and os.environ.get("RUN_MAIN") == "true"
        if serving or os.environ.get("KIEMTRA_SCHEDULER") == "1":
            jobs.start_scheduler()
