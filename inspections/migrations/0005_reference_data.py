"""Reference data: key areas (resolution section đ); domain.md §8), Vietnamese public
holidays for 2025-2027 (editable in the admin; compensatory days are set each year), and
the content checklists of G and H. Idempotent; the reverse keeps the rows."""

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



# Finance inspection (G), domain.md §5(G) "Content at commune and ward level" (Central
# Inspection Commission training material [R* S53]).
FINANCE = [
    ("thu-ngan-sach", "Thu", "Kinh phí do ngân sách (Ủy ban nhân dân) cấp"),
    ("thu-dang-phi", "Thu", "Thu đảng phí"),
    ("thu-khac", "Thu", "Các khoản thu khác"),
    ("chi", "Chi", "Chấp hành chế độ, định mức chi (phụ cấp cán bộ cơ sở, báo, tạp chí, sách)"),
    ("dang-phi-thu", "Đảng phí", "Chi bộ thu đảng phí; đảng viên đóng đảng phí"),
    ("dang-phi-nop", "Đảng phí", "Nộp đảng phí lên cấp trên"),
    ("dang-phi-su-dung", "Đảng phí", "Quản lý, sử dụng đảng phí được trích để lại"),
    ("dang-phi-mien", "Đảng phí", "Thực hiện miễn, giảm đóng đảng phí"),
    ("dang-phi-ty-le", "Đảng phí", "Tỷ lệ trích nộp đảng phí"),
    ("dang-phi-ban-giao", "Đảng phí", "Bàn giao đảng phí khi chi bộ chia tách, sáp nhập, giải thể"),
    ("ke-toan", "Kế toán, quyết toán", "Sổ sách, chứng từ kế toán"),
    ("quyet-toan", "Kế toán, quyết toán", "Quyết toán định kỳ"),
    ("tai-san", "Tài sản", "Quản lý, sử dụng tài sản được trang cấp"),
]

# Inspection of a lower body's inspection, supervision and discipline work (H), domain.md
# §5(H) "Typical content" [I/B].
LOWER_BODY = [
    ("chuong-trinh", "Chương trình, kế hoạch", "Ban hành và thực hiện chương trình, kế hoạch kiểm tra, giám sát"),
    ("ho-so", "Hồ sơ", "Chất lượng hồ sơ kiểm tra, giám sát, kỷ luật"),
    ("don-thu", "Đơn thư", "Xử lý đơn thư, giải quyết tố cáo, khiếu nại đúng thời hạn"),
    ("ky-luat-nguyen-tac", "Thi hành kỷ luật", "Nguyên tắc, phương hướng xử lý kỷ luật"),
    ("ky-luat-thu-tuc", "Thi hành kỷ luật", "Thủ tục, quy trình thi hành kỷ luật"),
    ("ky-luat-tham-quyen", "Thi hành kỷ luật", "Thẩm quyền thi hành kỷ luật"),
    ("ky-luat-bieu-quyet", "Thi hành kỷ luật", "Biểu quyết kỷ luật"),
    ("ky-luat-kip-thoi", "Thi hành kỷ luật", "Tính kịp thời của việc thi hành kỷ luật"),
    ("ky-luat-quyet-dinh", "Thi hành kỷ luật", "Ban hành, công bố, báo cáo, lưu trữ quyết định kỷ luật"),
    ("theo-doi-ket-luan", "Theo dõi kết luận", "Theo dõi, đôn đốc thực hiện kết luận kiểm tra, giám sát"),
    ("thong-ke", "Thống kê", "Thống kê, báo cáo định kỳ"),
]


def load(apps, schema_editor):
    KeyArea = apps.get_model("inspections", "KeyArea")
    Holiday = apps.get_model("inspections", "Holiday")
    ChecklistItem = apps.get_model("inspections", "ChecklistItem")
    for order, (code, name) in enumerate(KEY_AREAS, start=1):
        KeyArea.objects.update_or_create(code=code, defaults={"name": name, "order": order})
    for day, name in HOLIDAYS:
        Holiday.objects.update_or_create(day=datetime.date.fromisoformat(day), defaults={"name": name})
    for kind, items in (("G", FINANCE), ("H", LOWER_BODY)):
        for order, (code, group, label) in enumerate(items, start=1):
            ChecklistItem.objects.get_or_create(
                kind=kind, code=code, defaults={"group": group, "label": label, "order": order * 10}
            )


class Migration(migrations.Migration):
    dependencies = [("inspections", "0004_rule_change_triggers")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
