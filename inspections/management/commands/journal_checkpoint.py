"""Make a journal checkpoint (design.md, key decision 4: chains "anchored by periodic
checkpoints").

Records the head of every case's chain and links the checkpoint to the previous one, so
that `verify_journal` can later tell when a chain lost its newest entries. Run it
periodically: from cron today (e.g. nightly), from celery beat once background jobs run
there. Prints the new checkpoint's digest; keeping that line outside the database (mail,
log server, paper) lets a later check show that no checkpoint was removed either.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections import journal
from inspections.models import Case


class Command(BaseCommand):
    help = gettext_lazy(
        "Tạo điểm kiểm chứng nhật ký: ghi nhận mục cuối của mọi chuỗi nhật ký hồ sơ. Cần chạy định kỳ "
        "(cron hằng đêm; sau này là celery beat). Lưu mã băm in ra ở nơi khác ngoài cơ sở dữ liệu."
    )

    def handle(self, *args, **options):
        try:
            checkpoint = journal.checkpoint_create()
        except journal.JournalTampered as error:
            number = Case.objects.filter(pk=error.link.case_id).values_list("number", flat=True).first() or "?"
            raise CommandError(
                _(
                    "Không tạo điểm kiểm chứng: hồ sơ %(number)s (id %(id)d) không còn mục số %(seq)d đã ghi nhận "
                    "ở điểm kiểm chứng trước. Chạy verify_journal để xem chi tiết."
                )
                % {"number": number, "id": error.link.case_id, "seq": error.link.seq},
                returncode=1,
            ) from error
        except IntegrityError as error:
            raise CommandError(
                _("Một lần tạo điểm kiểm chứng khác đang chạy đồng thời; hãy chạy lại."), returncode=1
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Điểm kiểm chứng #%(id)d lúc %(at)s: %(chains)d chuỗi, %(entries)d mục; mã băm %(digest)s")
                % {
                    "id": checkpoint.pk,
                    "at": checkpoint.created_at.isoformat(),
                    "chains": checkpoint.chain_count,
                    "entries": checkpoint.entry_count,
                    "digest": checkpoint.digest,
                }
            )
        )
