"""Escalate the requirements of conclusions that are past their due date (domain.md §7.11;
issue 3 "overdue ones escalate").

Every requirement still followed and past due is flagged, journaled on its case
("follow_up.overdue") and thereby put in front of the case's approvers: the case list shows
the case with "Kiến nghị quá hạn" (and filters on it), the case page lists the item with
the approver's link to settle it. Idempotent: a requirement is escalated once, until the
approver gives it a new deadline. Run it daily: from cron today, from celery beat once
background jobs run there.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections.services.follow_up import overdue_escalate


class Command(BaseCommand):
    help = gettext_lazy(
        "Báo các yêu cầu, kiến nghị của kết luận đã quá hạn mà chưa thực hiện: đánh dấu, ghi nhật ký hồ sơ "
        "và đưa ra trước Chủ nhiệm. Chạy hằng ngày; chạy lại không báo trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--on", help=gettext_lazy("Xét quá hạn tính đến ngày (dd/mm/yyyy); mặc định là hôm nay."), default=None
        )

    def handle(self, *args, on=None, **options):
        day = None
        if on:
            try:
                day = datetime.datetime.strptime(on, "%d/%m/%Y").date()
            except ValueError as error:
                raise CommandError(_("Ngày không đúng mẫu dd/mm/yyyy: %(value)s") % {"value": on}) from error
        escalations = overdue_escalate(on=day)
        for escalation in escalations:
            self.stdout.write(
                _("%(number)s: %(n)d kiến nghị quá hạn")
                % {"number": escalation.case.number, "n": len(escalation.items)}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã báo %(items)d kiến nghị quá hạn ở %(cases)d hồ sơ.")
                % {"items": sum(len(e.items) for e in escalations), "cases": len(escalations)}
            )
        )
