"""The team of a case: the conflict-of-interest declaration every team member records
before seeing the file, and team changes by the chair or the directing member."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from inspections import access
from inspections.models import Case, CaseRole
from inspections.services import cases as case_services
from inspections.services import teams
from workflow import case_forms as forms
from workflow import queues
from workflow.views.base import CaseAction


class CaseFormView(LoginRequiredMixin, CaseAction):
    """A case action on a case the user may see (404 otherwise); each page checks the
    role it needs in its own `dispatch`."""

    def get_case(self) -> Case:
        if not hasattr(self, "_case"):
            # Listed cases only: someone the case does not name gets 404 as everywhere.
            case = access.cases_visible_to(self.request.user).filter(pk=self.kwargs["pk"]).first()
            if case is None:
                raise Http404
            self._case = case
        return self._case


class DeclarationView(CaseFormView):
    form_class = forms.DeclarationForm
    service = teams.conflict_declare
    title = _("Khai báo xung đột lợi ích")
    intro = _(
        "Trước khi xem hồ sơ, mỗi thành viên đoàn khai báo có hay không có quan hệ gia đình, lợi ích "
        "hoặc xung đột với đối tượng và nội dung kiểm tra (Quy định 01-QĐi/UBKTTW)."
    )
    done_message = _("Đã ghi nhận bản khai.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.declaration_pending(request.user, self.get_case()):
            return HttpResponseRedirect(reverse("cases:detail", args=[self.get_case().pk]))
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form):
        result = super().perform(form)
        self.declared_conflict = form.cleaned_data["has_conflict"]
        return result

    def get_success_url(self):
        if self.declared_conflict:
            return reverse("workflow:inbox")
        return reverse("cases:detail", args=[self.get_case().pk])


class TeamChangeView(CaseFormView):
    form_class = forms.TeamChangeForm
    service = teams.team_change
    form_gets = ("case",)
    title = _("Thay đổi thành phần đoàn")
    intro = _("Chủ nhiệm hoặc ủy viên phụ trách quyết định thay đổi đoàn; xung đột lợi ích được kiểm tra lại.")
    done_message = _("Đã thay đổi thành phần đoàn.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            case = self.get_case()
            if not (access.can(request.user, "approve", case) or access.can(request.user, "direct", case)):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form):
        result = super().perform(form)
        queues.release_tasks_of(self.get_case(), result["removed"])
        return result


class _ApproverOnly:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.can(request.user, "approve", self.get_case()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ArchiveView(_ApproverOnly, CaseFormView):
    form_class = forms.ArchiveForm
    service = case_services.case_archive
    exclude = ("confirm",)
    title = _("Lưu trữ hồ sơ")
    intro = _(
        "Hồ sơ đã kết thúc được lưu trữ: cán bộ và đoàn kiểm tra không còn quyền xem; "
        "Chủ nhiệm và kiểm soát viên vẫn xem được."
    )
    done_message = _("Đã lưu trữ hồ sơ.")


class TransferView(_ApproverOnly, CaseFormView):
    form_class = forms.TransferForm
    service = case_services.case_transfer
    form_gets = ("case",)
    title = _("Chuyển hồ sơ")
    intro = _(
        "Chuyển hồ sơ sang Ủy ban kiểm tra có thẩm quyền. Đoàn và cán bộ hiện tại thôi xem hồ sơ; "
        "Chủ nhiệm nơi nhận lập đoàn mới."
    )
    done_message = _("Đã chuyển hồ sơ.")

    def perform(self, form):
        case = self.get_case()
        before = set(CaseRole.objects.filter(case=case, revoked_at__isnull=True).values_list("user_id", flat=True))
        result = super().perform(form)
        queues.release_tasks_of(case, before)
        return result

    def get_success_url(self):
        # The person who transferred the case usually no longer sees it.
        return reverse("cases:index")
