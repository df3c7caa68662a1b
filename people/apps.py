"""The people app: users, party members, organisations, committees and positions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("Tổ chức và đảng viên")
