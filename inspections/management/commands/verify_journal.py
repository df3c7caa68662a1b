"""Verify the tamper-evident case journal (design.md, key decision 4).

Walks every case's hash chain (or one case's, with --case) and reports the first broken
link of each broken chain. Exits 0 when every chain is intact and 1 otherwise, so it can
run from cron or CI and alert on failure.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections import journal
from inspections.models import Case, JournalEntry

# The reasons journal.verify_chain gives, in the operator's language. The English code is
# printed as well so that a report can be matched against the source and the logs.
REASONS = {
    "missing entry": gettext_lazy("thiếu mục (mục bị xóa hoặc chèn sai thứ tự)"),
    "previous-hash mismatch": gettext_lazy("mã băm của mục trước không khớp"),
    "content hash mismatch": gettext_lazy("mã băm nội dung không khớp (nội dung đã bị sửa)"),
}


class Command(BaseCommand):
    help = gettext_lazy("Kiểm tra tính toàn vẹn của chuỗi nhật ký hồ sơ.")

    def add_arguments(self, parser):
        parser.add_argument("--case", type=int, dest="case_id", help=gettext_lazy("Chỉ kiểm tra hồ sơ có id này."))

    def handle(self, *args, case_id=None, **options):
        if case_id is not None:
            if not Case.objects.filter(pk=case_id).exists():
                raise CommandError(_("Không có hồ sơ id %(id)s.") % {"id": case_id})
            found = journal.verify_chain(case_id)
            broken = [found] if found else []
            chains = 1
            entries = JournalEntry.objects.filter(case_id=case_id).count()
        else:
            broken = list(journal.verify_all())
            chains = Case.objects.count()
            entries = JournalEntry.objects.count()

        if not broken:
            self.stdout.write(
                self.style.SUCCESS(
                    _("OK: %(chains)d chuỗi, %(entries)d mục nhật ký đã được kiểm tra, không có sai lệch.")
                    % {"chains": chains, "entries": entries}
                )
            )
            return

        numbers = dict(Case.objects.filter(pk__in=[b.case_id for b in broken]).values_list("pk", "number"))
        for link in broken:
            self.stderr.write(
                _("Hồ sơ %(number)s (id %(id)d): chuỗi nhật ký hỏng tại mục số %(seq)d: %(reason)s [%(code)s]")
                % {
                    "number": numbers.get(link.case_id, "?"),
                    "id": link.case_id,
                    "seq": link.seq,
                    "reason": REASONS.get(link.reason, link.reason),
                    "code": link.reason,
                }
            )
        raise CommandError(
            _("%(broken)d trong %(chains)d chuỗi nhật ký bị hỏng.") % {"broken": len(broken), "chains": chains},
            returncode=1,
        )
