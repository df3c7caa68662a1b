"""Generate a province's data set for the benchmarks (issue 10 point 1): see
workflow.generator. Run it on an empty, migrated database:

    manage.py generate_province --seed 1 --scale district   # ~10,000 cases (SQLite)
    manage.py generate_province --seed 1 --scale province   # ~100,000 cases (PostgreSQL)
"""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow.generator import SCALES, Generator


class Command(BaseCommand):
    help = gettext_lazy("Sinh dữ liệu một tỉnh (tổ chức, đảng viên, cán bộ, hồ sơ, nhiệm vụ, nhật ký) để đo hiệu năng.")

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help=gettext_lazy("Hạt giống ngẫu nhiên."))
        parser.add_argument("--scale", choices=sorted(SCALES), default="district", help=gettext_lazy("Quy mô."))

    def handle(self, *args, seed, scale, **options):
        started = time.monotonic()
        counts = Generator(seed=seed, scale=scale, out=self.stdout.write).run()
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(_("Xong sau %(s).1f giây.") % {"s": time.monotonic() - started})
