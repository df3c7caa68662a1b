"""Which body kind may open which case kind (issue 9 point 9): the CaseOpeningRule table and
its shipped rows, every one provisional and with its source (domain.md tags these [S]/[R*]).

- Inspection and supervision (A, B, C1, C2): the cell, the section and grassroots
  committees, their standing committees, the party committees and the inspection
  committees are all "chủ thể kiểm tra, giám sát" (QĐ 296-QĐ/TW, domain.md §2.3); a cell
  inspects its own member upon signs (§5(B) B.2).
- Denunciations (D): the party committee, its standing committee and its inspection
  committee, and the cell for the members it manages (QĐ 22-QĐ/TW Điều 19, kept in
  QĐ 296 Ch. IV; domain.md §5(D)).
- Discipline (E): every body may open the file; who may decide is the deciding body's
  authority (domain.md §6.3), weighed when the body is chosen.
- Complaints (F): inspection committees, standing committees and party committees from the
  grassroots up (QĐ 22-QĐ/TW Điều 22; domain.md §5(F)); a cell is not among them, the one
  row that bars.
- G and H: no source restricts them to the inspection committee; allowed (domain.md §5(G)
  "the competent party organisation"; §5(H) is a statutory task of the inspection
  committee, Điều lệ Điều 32, which does not bar other bodies).

Idempotent (update_or_create); the reverse drops the table with its rows.
"""

from django.db import migrations, models

INSPECT = "QĐ 296-QĐ/TW, chủ thể kiểm tra, giám sát (domain.md §2.3)"
CELL_SIGNS = "QĐ 296-QĐ/TW; chi bộ kiểm tra đảng viên của chi bộ khi có dấu hiệu vi phạm (domain.md §5(B) B.2)"
DENOUNCE = "QĐ 22-QĐ/TW Điều 19, giữ trong QĐ 296-QĐ/TW Chương IV (domain.md §5(D))"
CELL_DENOUNCE = "QĐ 22-QĐ/TW Điều 19: chi bộ giải quyết tố cáo đối với đảng viên do chi bộ quản lý (domain.md §5(D))"
DISCIPLINE = "Điều lệ Đảng Điều 36; QĐ 22-QĐ/TW Điều 11, 13 (domain.md §5(E), §6.3)"
COMPLAINT = "QĐ 22-QĐ/TW Điều 22, sửa đổi bởi QĐ 262-QĐ/TW (domain.md §5(F))"
FINANCE = "QĐ 22-QĐ/TW Điều 3.11: tổ chức đảng có thẩm quyền (domain.md §5(G))"
LOWER = "Điều lệ Đảng Điều 32 (domain.md §5(H)); không có quy định chỉ dành cho Ủy ban kiểm tra"

BODIES = ("inspection", "standing", "executive", "cell")

# (committee kind, case kind) -> (allowed, source, note); the rest of each kind's row below.
SPECIAL = {
    ("cell", "B"): (True, CELL_SIGNS, ""),
    ("cell", "D"): (True, CELL_DENOUNCE, ""),
    ("cell", "F"): (
        False,
        COMPLAINT,
        "Khiếu nại kỷ luật do Ủy ban kiểm tra, Ban Thường vụ hoặc cấp ủy từ cơ sở trở lên giải quyết: "
        "chuyển đơn đến Ủy ban kiểm tra hoặc cấp ủy cấp trên của chi bộ",
    ),
}
BY_KIND = {
    "A": INSPECT,
    "B": INSPECT,
    "C1": INSPECT,
    "C2": INSPECT,
    "D": DENOUNCE,
    "E": DISCIPLINE,
    "F": COMPLAINT,
    "G": FINANCE,
    "H": LOWER,
}


def rows():
    for body in BODIES:
        for kind, source in BY_KIND.items():
            yield body, kind, SPECIAL.get((body, kind), (True, source, ""))


def seed(apps, schema_editor):
    CaseOpeningRule = apps.get_model("inspections", "CaseOpeningRule")
    for body, kind, (allowed, source, note) in rows():
        CaseOpeningRule.objects.update_or_create(
            committee_kind=body,
            case_kind=kind,
            defaults={"allowed": allowed, "source": source, "note": note, "provisional": True},
        )



class Migration(migrations.Migration):

    dependencies = [
        ('inspections', '0012_discipline_grounds_membership'),
    ]

    operations = [
        migrations.CreateModel(
            name='CaseOpeningRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('committee_kind', models.CharField(choices=[('inspection', 'Ủy ban kiểm tra'), ('standing', 'Ban Thường vụ'), ('executive', 'Ban Chấp hành'), ('cell', 'Chi bộ')], max_length=20, verbose_name='loại cơ quan')),
                ('case_kind', models.CharField(choices=[('A', 'Kiểm tra theo chương trình'), ('B', 'Kiểm tra khi có dấu hiệu vi phạm'), ('C1', 'Giám sát thường xuyên'), ('C2', 'Giám sát chuyên đề'), ('D', 'Giải quyết tố cáo'), ('E', 'Thi hành kỷ luật'), ('F', 'Giải quyết khiếu nại kỷ luật'), ('G', 'Kiểm tra tài chính đảng'), ('H', 'Kiểm tra cấp dưới thực hiện nhiệm vụ kiểm tra, giám sát, kỷ luật')], max_length=3, verbose_name='loại việc')),
                ('allowed', models.BooleanField(default=True, help_text='Bỏ chọn: cơ quan loại này không lập được hồ sơ loại việc này.', verbose_name='được lập hồ sơ')),
                ('source', models.CharField(blank=True, help_text='Để trống: chưa tìm thấy văn bản quy định.', max_length=255, verbose_name='căn cứ (văn bản, điều khoản)')),
                ('provisional', models.BooleanField(default=True, help_text='Quy tắc chưa được xác nhận theo văn bản hiện hành.', verbose_name='tạm tính')),
                ('note', models.CharField(blank=True, max_length=255, verbose_name='ghi chú, việc cần làm khi không được lập')),
            ],
            options={
                'verbose_name': 'quy tắc cơ quan được lập hồ sơ',
                'verbose_name_plural': 'quy tắc cơ quan được lập hồ sơ',
                'ordering': ['committee_kind', 'case_kind'],
                'constraints': [models.UniqueConstraint(fields=('committee_kind', 'case_kind'), name='opening_rule_unique')],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
