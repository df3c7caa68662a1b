"""The inspections app: the case file, its rules, services, access policy and journal."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = _("Hồ sơ kiểm tra, giám sát")
