"""The complaint's filing dates (domain.md §11b.1): the day the disciplinary decision was
announced and the day the complaint was sent (in person or by postmark), with the check
that they come in that order before the arrival. A complaint registered before this
migration takes the record's announcement day (else the day the complainant received the
decision) and its arrival day as the sending day: the dates it was judged by."""

from django.db import migrations, models
from django.db.models import F, Q


def fill(apps, schema_editor):
    Complaint = apps.get_model("inspections", "Complaint")
    for complaint in Complaint.objects.select_related("record").iterator():
        complaint.announced_on = complaint.record.announced_on or complaint.decision_received_on
        complaint.announced_on = min(complaint.announced_on, complaint.received_on)
        complaint.sent_on = complaint.received_on
        complaint.save(update_fields=["announced_on", "sent_on"])


class Migration(migrations.Migration):
    dependencies = [("inspections", "0008_case_rules_province_statute_end")]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="announced_on",
            field=models.DateField(null=True, verbose_name="ngày công bố quyết định kỷ luật"),
        ),
        migrations.AddField(
            model_name="complaint",
            name="sent_on",
            field=models.DateField(
                null=True,
                help_text="Ngày nộp đơn trực tiếp, hoặc ngày theo dấu bưu điện.",
                verbose_name="ngày gửi đơn khiếu nại",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="complaint",
            name="announced_on",
            field=models.DateField(verbose_name="ngày công bố quyết định kỷ luật"),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="sent_on",
            field=models.DateField(
                help_text="Ngày nộp đơn trực tiếp, hoặc ngày theo dấu bưu điện.",
                verbose_name="ngày gửi đơn khiếu nại",
            ),
        ),
        migrations.AddConstraint(
            model_name="complaint",
            constraint=models.CheckConstraint(
                condition=Q(announced_on__lte=F("sent_on")) & Q(sent_on__lte=F("received_on")),
                name="complaint_announced_sent_received",
            ),
        ),
    ]
