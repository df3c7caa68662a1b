"""Verify the rule-change log (issue 3 point 1): its hash chain, and that every rule row
still holds the values its last logged change recorded (a row changed behind the log's
back, e.g. by SQL, would silently change the deadlines of new cases). Exits 0 when all is
intact and 1 otherwise, for cron or CI."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections import rule_log
from inspections.models import RuleChange

REASONS = {
    "missing entry": gettext_lazy("thiếu mục (mục bị xóa hoặc chèn sai thứ tự)"),
    "previous-hash mismatch": gettext_lazy("mã băm của mục trước không khớp"),
    "content hash mismatch": gettext_lazy("mã băm nội dung không khớp (nội dung đã bị sửa)"),
}
ROW_REASONS = {
    "no log entry": gettext_lazy("không có trong nhật ký thay đổi"),
    "logged as deleted": gettext_lazy("nhật ký ghi đã xóa nhưng vẫn còn"),
    "differs from the logged values": gettext_lazy("khác với giá trị ghi trong nhật ký (đã bị sửa ngoài phần mềm)"),
    "deleted without a log entry": gettext_lazy("đã bị xóa mà không ghi nhật ký"),
}


class Command(BaseCommand):
    help = gettext_lazy("Kiểm tra nhật ký thay đổi quy định và đối chiếu với các bảng quy định.")

    def handle(self, *args, **options):
        broken = rule_log.verify_chain()
        rows = rule_log.unlogged_rows()
        if broken is None and not rows:
            self.stdout.write(
                self.style.SUCCESS(
                    _("OK: %(count)d mục nhật ký thay đổi quy định nguyên vẹn, khớp với các bảng quy định.")
                    % {"count": RuleChange.objects.count()}
                )
            )
            return
        if broken is not None:
            self.stderr.write(
                _("Nhật ký thay đổi quy định hỏng tại mục số %(seq)d: %(reason)s [%(code)s]")
                % {"seq": broken.seq, "reason": REASONS.get(broken.reason, broken.reason), "code": broken.reason}
            )
        for row in rows:
            self.stderr.write(
                _("Bảng %(table)s, dòng %(id)d: %(reason)s [%(code)s]")
                % {
                    "table": row.table,
                    "id": row.row_id,
                    "reason": ROW_REASONS.get(row.reason, row.reason),
                    "code": row.reason,
                }
            )
        raise CommandError(_("Nhật ký thay đổi quy định hoặc các bảng quy định có sai lệch."), returncode=1)
