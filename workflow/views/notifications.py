"""The user's notifications (issue 11 point 2): the list behind the header's bell, opening
one (marks it read and follows its link), marking all read, and the choice of what to
receive in the app and by e-mail. Each person sees and changes only their own: another's
notification answers 404."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from inspections.models import Notification, NotificationKind
from inspections.services import notifications as services

PAGE_SIZE = 30


class NotificationListView(LoginRequiredMixin, TemplateView):
    template_name = "kiemtra/notifications/list.html"

    def get_context_data(self, **kwargs):
        notices = Notification.objects.filter(recipient=self.request.user).order_by("-created_at", "-id")
        page = Paginator(notices, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(title=_("Thông báo"), page=page, **kwargs)


class NotificationOpenView(LoginRequiredMixin, View):
    """POST: mark it read and go to what it links to (only a link inside this site)."""

    def post(self, request, pk):
        notice = get_object_or_404(Notification, pk=pk, recipient=request.user)
        services.mark_read(user=request.user, pks=[notice.pk])
        target = notice.url
        if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("notifications:list")
        return HttpResponseRedirect(target)


class NotificationReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        count = services.mark_read(user=request.user)
        messages.success(request, _("Đã đánh dấu %(n)d thông báo là đã đọc.") % {"n": count})
        return HttpResponseRedirect(reverse("notifications:list"))


class PreferencesForm(forms.Form):
    """Two boxes per kind: in the app, by e-mail."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        current = services.preferences_of(user)
        for kind, label in NotificationKind.choices:
            in_app, email = current[kind]
            self.fields[f"{kind}__app"] = forms.BooleanField(
                label=gettext_lazy("Trong phần mềm"), required=False, initial=in_app
            )
            self.fields[f"{kind}__email"] = forms.BooleanField(
                label=gettext_lazy("Thư điện tử"), required=False, initial=email
            )
            self.rows.append((label, self[f"{kind}__app"], self[f"{kind}__email"]))

    def choices(self) -> dict[str, tuple[bool, bool]]:
        data = self.cleaned_data
        return {kind: (data[f"{kind}__app"], data[f"{kind}__email"]) for kind in NotificationKind.values}


class NotificationPreferencesView(LoginRequiredMixin, FormView):
    template_name = "kiemtra/notifications/preferences.html"
    form_class = PreferencesForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Chọn cách nhận thông báo"), has_email=bool(self.request.user.email), **kwargs
        )

    def form_valid(self, form):
        services.preferences_save(user=self.request.user, choices=form.choices())
        messages.success(self.request, _("Đã lưu lựa chọn nhận thông báo."))
        return HttpResponseRedirect(reverse("notifications:preferences"))
