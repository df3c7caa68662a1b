"""The viewflow process of a case: one process per case, linked one-to-one."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from inspections.models import Case


class CaseProcess(Process):
    case = models.OneToOneField(
        Case, verbose_name=_("hồ sơ"), null=True, on_delete=models.PROTECT, related_name="process"
    )

    class Meta:
        verbose_name = _("quy trình hồ sơ")
        verbose_name_plural = _("quy trình hồ sơ")
