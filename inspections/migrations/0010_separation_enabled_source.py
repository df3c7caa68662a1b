"""Step separation becomes an option with its source (issue 9 point 1, domain.md §6.2 as
corrected by §11b.2): every row records the regulation it relies on (empty: none found) and
may be provisional; a subject row says whether the subject of a case votes.

- E/vote and F/vote (team leader, team member) are switched off: no source bars the
  verifying team from voting, and barring it can leave a small committee unable to reach
  the threshold. An administrator may switch them back on.
- The subject of a discipline votes as a member of the cell (a party Q&A, Tuyên Quang
  2018, citing Charter Art. 3 — provisional); before any other body the subject stays out.

Idempotent (update_or_create; 0006 seeds the same state on a fresh database); the reverse
keeps the rows.
"""

from django.db import migrations, models

TEAM_VOTE_ROWS = [("E", "vote", "leader"), ("E", "vote", "member"), ("F", "vote", "leader"), ("F", "vote", "member")]

# (kind, step, body kind, in force, source, note) of the rows about the subject.
SUBJECT_ROWS = [
    (
        "E",
        "vote",
        "",
        True,
        "",
        "Đối tượng không biểu quyết về việc kỷ luật của mình (trừ khi có dòng riêng cho cơ quan biểu quyết)",
    ),
    (
        "E",
        "vote",
        "cell",
        False,
        "Hỏi đáp của Ủy ban Kiểm tra Tỉnh ủy Tuyên Quang (2018), dẫn Điều 3 Điều lệ Đảng",
        "Đối tượng là đảng viên chính thức của chi bộ nên được tham gia biểu quyết tại chi bộ (tạm tính)",
    ),
]


def seed(apps, schema_editor):
    StepSeparation = apps.get_model("inspections", "StepSeparation")
    for kind, step, role in TEAM_VOTE_ROWS:
        StepSeparation.objects.filter(kind=kind, step=step, excluded_role=role, body_kind="").update(
            is_active=False, source=""
        )
    for kind, step, body_kind, in_force, source, note in SUBJECT_ROWS:
        StepSeparation.objects.update_or_create(
            kind=kind,
            step=step,
            excluded_role="subject",
            body_kind=body_kind,
            defaults={"is_active": in_force, "source": source, "note": note, "provisional": True},
        )



class Migration(migrations.Migration):

    dependencies = [
        ('inspections', '0009_complaint_filing_dates'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='stepseparation',
            name='separation_unique',
        ),
        migrations.AddField(
            model_name='stepseparation',
            name='body_kind',
            field=models.CharField(blank=True, default='', help_text='Để trống: mọi cơ quan. Ví dụ: cell (chi bộ). Dòng ghi loại cơ quan được ưu tiên.', max_length=60, verbose_name='loại cơ quan biểu quyết'),
        ),
        migrations.AddField(
            model_name='stepseparation',
            name='provisional',
            field=models.BooleanField(default=False, help_text='Quy tắc chưa được xác nhận theo văn bản hiện hành.', verbose_name='tạm tính'),
        ),
        migrations.AddField(
            model_name='stepseparation',
            name='source',
            field=models.CharField(blank=True, help_text='Để trống: chưa tìm thấy văn bản quy định.', max_length=255, verbose_name='căn cứ (văn bản, điều khoản)'),
        ),
        migrations.AlterField(
            model_name='stepseparation',
            name='excluded_role',
            field=models.CharField(choices=[('drafter', 'Cán bộ lập hồ sơ'), ('leader', 'Trưởng đoàn'), ('member', 'Thành viên đoàn'), ('director', 'Ủy viên phụ trách, chỉ đạo đoàn'), ('voter', 'Ủy viên biểu quyết'), ('approver', 'Người ký, phê duyệt'), ('standing', 'Thường trực, Ban Thường vụ'), ('subject', 'Đối tượng của hồ sơ')], max_length=10, verbose_name='vai trò không được thực hiện'),
        ),
        migrations.AlterField(
            model_name='stepseparation',
            name='is_active',
            field=models.BooleanField(default=True, help_text='Bỏ chọn: quy tắc không được áp dụng.', verbose_name='đang áp dụng'),
        ),
        migrations.AddConstraint(
            model_name='stepseparation',
            constraint=models.UniqueConstraint(fields=('kind', 'step', 'excluded_role', 'body_kind'), name='separation_unique'),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
