"""The Celery application (issue 11 point 4): configured from Django's settings (the
CELERY_* names), its tasks in workflow.tasks. Run a worker with
`celery -A config worker` and the schedule with `celery -A config beat` (README,
"Production")."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("kiemtra")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["workflow"])
