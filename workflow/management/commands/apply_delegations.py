"""Run daily (cron or celery beat): end the out-of-office delegations whose last day has
passed and start those whose first day has come, moving case roles and open tasks."""

from django.core.management.base import BaseCommand

from workflow.delegation import run_schedule


class Command(BaseCommand):
    help = "Kết thúc các ủy quyền đã hết hạn và bắt đầu các ủy quyền đến ngày hiệu lực."

    def handle(self, *args, **options):
        counts = run_schedule()
        self.stdout.write(
            "ended={ended} applied={applied} failed={failed}".format(**counts),
        )
        if counts["failed"]:
            raise SystemExit(1)
