"""Load the demo: the people of a demo province (people.demo) and one planned inspection.

The inspection is opened the way staff open one in the browser: the case service drafts
the case, then the flow's start node runs, so the "sign decision" task exists and waits
for the chair. Running the command again creates nothing.
"""

from types import SimpleNamespace

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspections.models import Case, HolidayYear, KeyArea
from inspections.services.cases import case_open
from inspections.services.holidays import holiday_year_confirm, holidays_seed
from people.demo import DEMO_PASSWORD, build_demo_people
from workflow.demo_cases import build_demo_cases
from workflow.kinds.planned_inspection.flow import PlannedInspectionFlow

DEMO_TITLE = "Kiểm tra việc chấp hành nguyên tắc tập trung dân chủ và quy chế làm việc"
DEMO_GROUNDS = "Chương trình kiểm tra, giám sát năm 2026 của Ủy ban Kiểm tra Đảng ủy"
DEMO_KEY_AREAS = ["nguyen-tac-to-chuc", "phong-chong-tham-nhung"]

# username -> (role in Vietnamese, role in English). Both are shown as they are, whatever
# the active language, so that a reader of either language can pick the right login.
DEMO_ROLES = [
    ("canbo", "Cán bộ Ủy ban Kiểm tra (lập hồ sơ)", "committee staff"),
    ("truongdoan", "Trưởng đoàn kiểm tra", "team leader"),
    ("uyvien", "Ủy viên Ủy ban Kiểm tra (thành viên đoàn)", "committee member"),
    ("chunhiem", "Chủ nhiệm Ủy ban Kiểm tra (ký quyết định)", "chair"),
    ("kiemsoat", "Kiểm soát viên (xem lịch sử hồ sơ)", "auditor"),
    ("doituong", "Đối tượng kiểm tra (không thấy gì của hồ sơ)", "subject of a case — sees nothing of it"),
    ("admin", "Quản trị (chỉ dữ liệu danh mục)", "superuser, reference data only"),
]


class Command(BaseCommand):
    help = gettext_lazy("Nạp dữ liệu mẫu (tổ chức, đảng viên, tài khoản và một cuộc kiểm tra) rồi in tài khoản mẫu.")

    def handle(self, *args, **options):
        demo = build_demo_people()
        self._demo_calendar(demo)
        case, created = self._demo_case(demo)
        if created:
            message = _("Đã lập hồ sơ mẫu %(number)s, chờ Chủ nhiệm ký quyết định.") % {"number": case.number}
            self.stdout.write(self.style.SUCCESS(message))
        else:
            self.stdout.write(_("Dữ liệu mẫu đã có sẵn (hồ sơ %(number)s); không tạo thêm.") % {"number": case.number})
        build_demo_cases(demo)
        self._print_logins()

    def _demo_calendar(self, demo) -> None:
        """The demo years' holidays from the `holidays` package, confirmed by the demo
        administrator, so the demo's deadlines carry no "calendar not confirmed" warning
        (issue 9 point 6). A year already confirmed is left as it is."""
        this_year = timezone.localdate().year
        for year in (this_year, this_year + 1):
            if HolidayYear.objects.filter(year=year).exists():
                continue
            holidays_seed(year=year)
            holiday_year_confirm(
                actor=demo["users"]["admin"], year=year, note=_("Dữ liệu mẫu: lịch nghỉ từ thư viện holidays.")
            )

    def _demo_case(self, demo) -> tuple[Case, bool]:
        subject = demo["subject_member"]
        existing = Case.objects.filter(subject_member=subject, title=DEMO_TITLE).order_by("pk").first()
        if existing is not None:
            return existing, False
        users = demo["users"]
        actor = users["canbo"]
        with transaction.atomic():
            case = case_open(
                actor=actor,
                committee=demo["inspection_committee"],
                title=DEMO_TITLE,
                grounds=DEMO_GROUNDS,
                subject_member=subject,
                key_areas=list(KeyArea.objects.filter(code__in=DEMO_KEY_AREAS)),
                leader=users["truongdoan"],
                members=[users["uyvien"]],
            )
            # What the start view does (viewflow's wrap_start_view, then OpenCaseView): the
            # activation is started by the actor, linked to the case and executed, which
            # saves the process and creates the next task ("sign decision").
            flow_task = PlannedInspectionFlow.open_case
            activation = flow_task.activation_class.create(flow_task, None, None)
            activation.start(SimpleNamespace(user=actor))
            activation.process.case = case
            activation.execute()
        return case, True

    def _print_logins(self) -> None:
        headers = (_("Tên đăng nhập"), _("Mật khẩu"), _("Vai trò"), "Role")
        rows = [(username, DEMO_PASSWORD, vi, en) for username, vi, en in DEMO_ROLES]
        widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]

        def line(cells):
            return "  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

        self.stdout.write("")
        self.stdout.write(_("Tài khoản mẫu:"))
        self.stdout.write(line(headers))
        self.stdout.write(line(["-" * width for width in widths]))
        for row in rows:
            self.stdout.write(line(row))
