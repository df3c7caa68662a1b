"""End discipline records one year after their announcement (domain.md §6.4: Reg. 30 Art.
40, 3.2 — every form but expulsion ends by itself after a year when there is no complaint
pending, no re-offence and no new discipline). Run it daily (cron today; celery beat once
background jobs run there). Each end is journaled on the discipline case; records held
back are listed with the reason and stay in force."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections.services.discipline_records import discipline_expire_due


class Command(BaseCommand):
    help = gettext_lazy(
        "Chấm dứt hiệu lực các quyết định kỷ luật đã quá một năm kể từ ngày công bố (trừ khai trừ) khi không có "
        "khiếu nại, không tái phạm, không có kỷ luật mới. Chạy hằng ngày."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help=gettext_lazy("Xét đến ngày (dd/mm/yyyy); mặc định là hôm nay."), default=None
        )

    def handle(self, *args, **options):
        on = None
        if options["date"]:
            try:
                on = datetime.datetime.strptime(options["date"], "%d/%m/%Y").date()
            except ValueError as error:
                raise CommandError(_("Ngày không đúng dạng dd/mm/yyyy."), returncode=2) from error
        outcomes = discipline_expire_due(on=on)
        ended = [o for o in outcomes if o.expired]
        for o in outcomes:
            if not o.expired:
                self.stdout.write(
                    _("Chưa chấm dứt: kỷ luật #%(id)s (%(record)s): %(reason)s")
                    % {"id": o.record.pk, "record": o.record, "reason": o.reason}
                )
        self.stdout.write(
            _("Đã chấm dứt hiệu lực %(n)d quyết định kỷ luật; %(held)d chưa đủ điều kiện.")
            % {"n": len(ended), "held": len(outcomes) - len(ended)}
        )
