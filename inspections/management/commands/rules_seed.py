"""Copy into the rule tables every shipped default of inspections.rulebook that has no
national version yet (e.g. a default added to the code after the tables were seeded by
migration 0013), as a national version in force from 01/01/2000, logged in the rule-change
log. Idempotent; rules that already have a national version are left alone."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections.services.rules import seed_defaults


class Command(BaseCommand):
    help = gettext_lazy("Bổ sung vào các bảng quy định những quy định mặc định còn thiếu.")

    def handle(self, *args, **options):
        created = seed_defaults()
        for row in created:
            self.stdout.write(f"+ {row._meta.verbose_name}: {row}")
        self.stdout.write(self.style.SUCCESS(_("Đã bổ sung %(count)d quy định mặc định.") % {"count": len(created)}))
