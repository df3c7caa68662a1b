"""Seed one or more years of Vietnamese public holidays from the `holidays` package into
the editable Holiday table (inspections.services.holidays; issue 9 point 6). Idempotent:
rows an administrator edited are kept; a confirmed year is refused. The administrator then
adds the compensatory days decreed for the year and confirms it in the admin."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections.exceptions import RuleViolation
from inspections.services.holidays import holidays_seed


class Command(BaseCommand):
    help = gettext_lazy("Nạp ngày nghỉ lễ của một năm từ thư viện holidays (Việt Nam, gồm Tết âm lịch).")

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="+", help=_("Năm cần nạp, ví dụ 2027."))

    def handle(self, *args, **options):
        for year in options["years"]:
            try:
                result = holidays_seed(year=year)
            except RuleViolation as error:
                raise CommandError(" ".join(error.messages)) from error
            for row in result.created:
                self.stdout.write(f"+ {row}")
            for row in result.updated:
                self.stdout.write(f"~ {row}")
            for row in result.kept:
                self.stdout.write(_("= %(row)s (quản trị viên đã sửa, giữ nguyên)") % {"row": row})
            self.stdout.write(
                self.style.SUCCESS(
                    _("Năm %(year)s: thêm %(created)d, cập nhật %(updated)d, giữ nguyên %(kept)d ngày nghỉ.")
                    % {
                        "year": result.year,
                        "created": len(result.created),
                        "updated": len(result.updated),
                        "kept": len(result.kept),
                    }
                )
            )
