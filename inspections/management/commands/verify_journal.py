"""Verify the tamper-evident case journal (design.md, key decision 4).

Walks every case's hash chain (or one case's, with --case) and reports the first broken
link of each broken chain. Then checks the periodic checkpoints (`journal_checkpoint`):
their own chain, and that every chain still holds the head each checkpoint recorded —
which finds a chain whose newest entries were cut off, something the hash chain alone
cannot show. Exits 0 when everything is intact and 1 otherwise, so it can run from cron
or CI and alert on failure.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections import journal
from inspections.models import Case, JournalCheckpoint, JournalEntry

# The reasons journal.verify_chain gives, in the operator's language. The English code is
# printed as well so that a report can be matched against the source and the logs.
REASONS = {
    "missing entry": gettext_lazy("thiếu mục (mục bị xóa hoặc chèn sai thứ tự)"),
    "previous-hash mismatch": gettext_lazy("mã băm của mục trước không khớp"),
    "content hash mismatch": gettext_lazy("mã băm nội dung không khớp (nội dung đã bị sửa)"),
    "checkpoint head missing": gettext_lazy(
        "mục cuối đã được điểm kiểm chứng ghi nhận không còn hoặc đã bị sửa (chuỗi bị cắt đuôi hoặc bị viết lại)"
    ),
}
CHECKPOINT_REASONS = {
    "previous-digest mismatch": gettext_lazy("không nối với điểm kiểm chứng trước (có điểm bị xóa hoặc sửa)"),
    "digest mismatch": gettext_lazy("mã băm của điểm kiểm chứng không khớp (nội dung đã bị sửa)"),
    "heads digest mismatch": gettext_lazy("danh sách mục cuối đã ghi nhận không khớp mã băm tổng hợp"),
    "count mismatch": gettext_lazy("số chuỗi hoặc số mục không khớp danh sách mục cuối đã ghi nhận"),
}


class Command(BaseCommand):
    help = gettext_lazy("Kiểm tra tính toàn vẹn của chuỗi nhật ký hồ sơ và các điểm kiểm chứng.")

    def add_arguments(self, parser):
        parser.add_argument("--case", type=int, dest="case_id", help=gettext_lazy("Chỉ kiểm tra hồ sơ có id này."))
        parser.add_argument(
            "--checkpoint-digest",
            dest="digests",
            action="append",
            default=[],
            help=gettext_lazy(
                "Mã băm của một điểm kiểm chứng đã lưu ở nơi khác; báo lỗi nếu nó không còn trong chuỗi. "
                "Có thể lặp lại."
            ),
        )

    def handle(self, *args, case_id=None, digests=(), **options):
        if case_id is not None:
            if not Case.objects.filter(pk=case_id).exists():
                raise CommandError(_("Không có hồ sơ id %(id)s.") % {"id": case_id})
            found = journal.verify_case(case_id)
            broken = [found] if found else []
            chains = 1
            entries = JournalEntry.objects.filter(case_id=case_id).count()
        else:
            broken = list(journal.verify_all())
            chains = Case.objects.count()
            entries = JournalEntry.objects.count()
        checkpoint_broken = journal.verify_checkpoints()
        absent = [d for d in digests if not JournalCheckpoint.objects.filter(digest=d).exists()]

        if not broken and checkpoint_broken is None and not absent:
            self.stdout.write(
                self.style.SUCCESS(
                    _("OK: %(chains)d chuỗi, %(entries)d mục nhật ký đã được kiểm tra, không có sai lệch.")
                    % {"chains": chains, "entries": entries}
                )
            )
            self.stdout.write(
                self.style.SUCCESS(
                    _("OK: %(count)d điểm kiểm chứng nối liền, mọi chuỗi còn giữ mục cuối đã ghi nhận.")
                    % {"count": JournalCheckpoint.objects.count()}
                )
            )
            return

        self._report_chains(broken)
        if checkpoint_broken is not None:
            self.stderr.write(
                _("Điểm kiểm chứng #%(id)d: chuỗi điểm kiểm chứng hỏng: %(reason)s [%(code)s]")
                % {
                    "id": checkpoint_broken.checkpoint,
                    "reason": CHECKPOINT_REASONS.get(checkpoint_broken.reason, checkpoint_broken.reason),
                    "code": checkpoint_broken.reason,
                }
            )
        for digest in absent:
            self.stderr.write(_("Không còn điểm kiểm chứng có mã băm %(digest)s.") % {"digest": digest})
        raise CommandError(
            _("%(broken)d trong %(chains)d chuỗi nhật ký bị hỏng; chuỗi điểm kiểm chứng: %(state)s.")
            % {
                "broken": len(broken),
                "chains": chains,
                "state": _("hỏng") if checkpoint_broken is not None or absent else _("nguyên vẹn"),
            },
            returncode=1,
        )

    def _report_chains(self, broken: list) -> None:
        numbers = dict(Case.objects.filter(pk__in=[b.case_id for b in broken]).values_list("pk", "number"))
        for link in broken:
            line = _("Hồ sơ %(number)s (id %(id)d): chuỗi nhật ký hỏng tại mục số %(seq)d: %(reason)s [%(code)s]") % {
                "number": numbers.get(link.case_id, "?"),
                "id": link.case_id,
                "seq": link.seq,
                "reason": REASONS.get(link.reason, link.reason),
                "code": link.reason,
            }
            if link.checkpoint is not None:
                line += " " + _("(ghi nhận tại điểm kiểm chứng #%(id)d)") % {"id": link.checkpoint}
            self.stderr.write(line)
