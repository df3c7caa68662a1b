"""Deciding-body kinds as data and the post-2025 sanction authority (issue 9 point 2;
domain.md §2.1, §6.3, §11b.8):

- the DecidingBodyKind table (organisation level x committee kind -> the authority
  matrix's body-kind code), seeded from inspections.rulebook.DEFAULT_DECIDING_BODIES: the
  legacy levels since 01/01/2000, the commune and province bodies from 01/07/2025,
  provisional;
- SanctionAuthorityRule gains "provisional" and "requires_admission_delegation", and the
  subject kinds "lower-level committee member" and "cadre managed by a higher level";
  the shipped defaults it lacks (rulebook.DEFAULT_AUTHORITY: cell on committee members and
  higher-managed cadres, grassroots dismissal of lower-level committee members, expulsion
  under delegated admission power, dissolution, the commune and province rows) are seeded,
  each logged in the rule-change log;
- DisciplineCase gains the "violation of a task assigned by a higher level" flag.

Recorded body-kind strings are kept as they are (a decided case keeps its outcome).
Idempotent; the reverse keeps the rows (the log that records them is append-only).
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def seed(apps, schema_editor):
    from inspections.services.rules import seed_deciding_bodies, seed_defaults

    log_model = apps.get_model("inspections", "RuleChange")
    seed_defaults(get_model=lambda name: apps.get_model("inspections", name), log_model=log_model)
    seed_deciding_bodies(
        get_model=lambda name: apps.get_model("inspections", name),
        log_model=log_model,
        level_model=apps.get_model("people", "OrgLevel"),
    )


class Migration(migrations.Migration):

    dependencies = [
        ('inspections', '0015_notifications_outbox'),
        ('people', '0005_organisation_admission_delegated'),
    ]

    operations = [
        migrations.AddField(
            model_name='disciplinecase',
            name='higher_task',
            field=models.BooleanField(default=False, verbose_name='vi phạm nhiệm vụ do cấp trên giao'),
        ),
        migrations.AddField(
            model_name='sanctionauthorityrule',
            name='provisional',
            field=models.BooleanField(default=False, help_text='Thẩm quyền chưa được xác nhận theo văn bản hiện hành.', verbose_name='tạm tính'),
        ),
        migrations.AddField(
            model_name='sanctionauthorityrule',
            name='requires_admission_delegation',
            field=models.BooleanField(default=False, help_text='Chọn: chỉ áp dụng cho cơ quan của tổ chức đảng được ủy quyền kết nạp đảng viên.', verbose_name='chỉ khi được ủy quyền kết nạp đảng viên'),
        ),
        migrations.AlterField(
            model_name='disciplinecase',
            name='body_kind',
            field=models.CharField(blank=True, max_length=60, verbose_name='loại cơ quan xem xét'),
        ),
        migrations.AlterField(
            model_name='disciplinecase',
            name='subject_kind',
            field=models.CharField(choices=[('member', 'Đảng viên'), ('committee_member', 'Cấp ủy viên cùng cấp'), ('lower_committee_member', 'Cấp ủy viên cấp dưới'), ('higher_managed', 'Cán bộ thuộc diện cấp trên quản lý'), ('organisation', 'Tổ chức đảng')], max_length=30, verbose_name='loại đối tượng'),
        ),
        migrations.AlterField(
            model_name='disciplinedecision',
            name='body_kind',
            field=models.CharField(max_length=60, verbose_name='loại cơ quan quyết định'),
        ),
        migrations.AlterField(
            model_name='disciplineproposal',
            name='to_body_kind',
            field=models.CharField(max_length=60, verbose_name='loại cơ quan có thẩm quyền'),
        ),
        migrations.AlterField(
            model_name='sanctionauthorityrule',
            name='body_kind',
            field=models.CharField(help_text='Mã loại cơ quan của bảng “loại cơ quan xem xét kỷ luật”, ví dụ: cell, commune.inspection, province.standing.', max_length=60, validators=[django.core.validators.RegexValidator('^[A-Za-z0-9_.]+$', 'Mã chỉ gồm chữ cái không dấu, chữ số, dấu chấm và dấu gạch dưới.')], verbose_name='loại cơ quan'),
        ),
        migrations.AlterField(
            model_name='sanctionauthorityrule',
            name='subject_kind',
            field=models.CharField(choices=[('member', 'Đảng viên'), ('committee_member', 'Cấp ủy viên cùng cấp'), ('lower_committee_member', 'Cấp ủy viên cấp dưới'), ('higher_managed', 'Cán bộ thuộc diện cấp trên quản lý'), ('organisation', 'Tổ chức đảng')], max_length=30, verbose_name='đối tượng'),
        ),
        migrations.CreateModel(
            name='DecidingBodyKind',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('effective_from', models.DateField(verbose_name='có hiệu lực từ ngày')),
                ('effective_to', models.DateField(blank=True, help_text='Để trống: còn hiệu lực cho đến khi có phiên bản mới.', null=True, verbose_name='có hiệu lực đến hết ngày')),
                ('source', models.CharField(max_length=200, verbose_name='căn cứ (văn bản, điều khoản)')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='ghi chú')),
                ('committee_kind', models.CharField(choices=[('inspection', 'Ủy ban kiểm tra'), ('standing', 'Ban Thường vụ'), ('executive', 'Ban Chấp hành'), ('cell', 'Chi bộ')], max_length=20, verbose_name='loại cơ quan')),
                ('code', models.CharField(help_text='Mã dùng trong bảng thẩm quyền thi hành kỷ luật, ví dụ: commune.inspection.', max_length=60, validators=[django.core.validators.RegexValidator('^[A-Za-z0-9_.]+$', 'Mã chỉ gồm chữ cái không dấu, chữ số, dấu chấm và dấu gạch dưới.')], verbose_name='mã loại cơ quan xem xét kỷ luật')),
                ('label', models.CharField(max_length=200, verbose_name='tên loại cơ quan')),
                ('provisional', models.BooleanField(default=False, help_text='Cách xếp loại chưa được xác nhận theo văn bản hiện hành.', verbose_name='tạm tính')),
                ('level', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.orglevel', verbose_name='cấp tổ chức')),
                ('province', models.ForeignKey(blank=True, help_text='Để trống: quy định chung. Quy định riêng của tỉnh được ưu tiên khi đang có hiệu lực.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.organisation', verbose_name='áp dụng riêng cho tỉnh')),
            ],
            options={
                'verbose_name': 'loại cơ quan xem xét kỷ luật',
                'verbose_name_plural': 'loại cơ quan xem xét kỷ luật',
                'ordering': ['level', 'committee_kind', 'province', '-effective_from'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('province__isnull', True)), fields=('level', 'committee_kind', 'effective_from'), name='deciding_body_kind_one_national_version_per_day', violation_error_message='Đã có một phiên bản toàn quốc của quy định này có hiệu lực từ cùng ngày.'), models.UniqueConstraint(condition=models.Q(('province__isnull', False)), fields=('level', 'committee_kind', 'province', 'effective_from'), name='deciding_body_kind_one_provincial_version_per_day', violation_error_message='Tỉnh này đã có một phiên bản của quy định này có hiệu lực từ cùng ngày.'), models.CheckConstraint(condition=models.Q(('effective_to__isnull', True), ('effective_to__gte', models.F('effective_from')), _connector='OR'), name='deciding_body_kind_ends_after_start', violation_error_message='Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.')],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
