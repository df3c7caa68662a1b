"""Reference data: key areas (resolution section đ); domain.md §8) and Vietnamese public
holidays for 2025-2027 (editable in the admin; compensatory days are set each year)."""

import datetime

from django.db import migrations

# Resolution 000_067e0bfe8a0ab275, section đ): "chấp hành nguyên tắc tổ chức và sinh hoạt
# đảng; thực hành tiết kiệm, phòng, chống tham nhũng, lãng phí; cải cách hành chính; công
# tác tổ chức và cán bộ; giải quyết khiếu nại, tố cáo; đầu tư xây dựng cơ bản và quản lý
# tài chính", plus the statistics categories of domain.md §7.14 and §8.
KEY_AREAS = [
    ("nguyen-tac-to-chuc", "Chấp hành nguyên tắc tổ chức và sinh hoạt đảng"),
    ("phong-chong-tham-nhung", "Thực hành tiết kiệm, phòng, chống tham nhũng, lãng phí, tiêu cực"),
    ("cai-cach-hanh-chinh", "Cải cách hành chính"),
    ("to-chuc-can-bo", "Công tác tổ chức và cán bộ"),
    ("khieu-nai-to-cao", "Giải quyết khiếu nại, tố cáo"),
    ("xdcb-tai-chinh", "Đầu tư xây dựng cơ bản và quản lý tài chính"),
    ("quy-che-lam-viec", "Xây dựng, thực hiện quy chế làm việc"),
    ("dao-duc-loi-song", "Phẩm chất đạo đức, lối sống"),
    ("dat-dai-tai-nguyen", "Quản lý đất đai, tài nguyên, khoáng sản"),
    ("tai-san-thu-nhap", "Kê khai tài sản, thu nhập"),
    ("tai-chinh-dang", "Tài chính đảng, đảng phí"),
]

HOLIDAYS = [
    ("2025-01-01", "Tết Dương lịch"),
    *[(f"2025-01-{d:02d}", "Tết Nguyên đán") for d in range(25, 32)],
    *[(f"2025-02-{d:02d}", "Tết Nguyên đán") for d in range(1, 3)],
    ("2025-04-07", "Giỗ Tổ Hùng Vương (nghỉ bù)"),
    ("2025-04-30", "Ngày Giải phóng miền Nam"),
    ("2025-05-01", "Quốc tế Lao động"),
    ("2025-05-02", "Nghỉ bù"),
    ("2025-09-01", "Quốc khánh"),
    ("2025-09-02", "Quốc khánh"),
    ("2026-01-01", "Tết Dương lịch"),
    ("2026-01-02", "Tết Dương lịch (nghỉ bù)"),
    *[(f"2026-02-{d:02d}", "Tết Nguyên đán") for d in range(14, 23)],
    ("2026-04-27", "Giỗ Tổ Hùng Vương (nghỉ bù)"),
    ("2026-04-30", "Ngày Giải phóng miền Nam"),
    ("2026-05-01", "Quốc tế Lao động"),
    ("2026-08-31", "Quốc khánh"),
    ("2026-09-01", "Quốc khánh"),
    ("2026-09-02", "Quốc khánh"),
    ("2027-01-01", "Tết Dương lịch"),
    *[(f"2027-02-{d:02d}", "Tết Nguyên đán") for d in range(5, 11)],
    ("2027-04-16", "Giỗ Tổ Hùng Vương"),
    ("2027-04-30", "Ngày Giải phóng miền Nam"),
    ("2027-05-01", "Quốc tế Lao động"),
    ("2027-09-02", "Quốc khánh"),
    ("2027-09-03", "Quốc khánh"),
]


def load(apps, schema_editor):
    KeyArea = apps.get_model("inspections", "KeyArea")
    Holiday = apps.get_model("inspections", "Holiday")
    for order, (code, name) in enumerate(KEY_AREAS, start=1):
        KeyArea.objects.update_or_create(code=code, defaults={"name": name, "order": order})
    for day, name in HOLIDAYS:
        Holiday.objects.update_or_create(day=datetime.date.fromisoformat(day), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("inspections", "0002_journal_triggers")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
