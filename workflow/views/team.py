"""The team of a case: the conflict-of-interest declaration every team member records
before seeing the file, and team changes by the chair or the directing member."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from inspections import access
from inspections.models import Case
from inspections.services import teams
from workflow import queues
from workflow.kinds.planned_inspection import forms
from workflow.views.outcomes import rules_to_form


class CaseFormView(LoginRequiredMixin, FormView):
    template_name = "kiemtra/case_form.html"

    def get_case(self) -> Case:
        if not hasattr(self, "_case"):
            # Listed cases only: someone the case does not name gets 404 as everywhere.
            case = access.cases_visible_to(self.request.user).filter(pk=self.kwargs["pk"]).first()
            if case is None:
                raise Http404
            self._case = case
        return self._case

    def get_context_data(self, **kwargs):
        return super().get_context_data(case=self.get_case(), title=self.title, intro=self.intro, **kwargs)

    def form_valid(self, form):
        with rules_to_form(form) as outcome:
            self.perform(form, self.get_case())
        if outcome.refused:
            return self.form_invalid(form)
        messages.success(self.request, self.done_message)
        return HttpResponseRedirect(self.get_success_url())


class DeclarationView(CaseFormView):
    form_class = forms.DeclarationForm
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

    def perform(self, form, case):
        teams.conflict_declare(
            actor=self.request.user,
            case=case,
            has_conflict=form.cleaned_data["has_conflict"],
            statement=form.cleaned_data["statement"],
        )
        self.declared_conflict = form.cleaned_data["has_conflict"]

    def get_success_url(self):
        if self.declared_conflict:
            return reverse("workflow:inbox")
        return reverse("cases:detail", args=[self.get_case().pk])


class TeamChangeView(CaseFormView):
    form_class = forms.TeamChangeForm
    title = _("Thay đổi thành phần đoàn")
    intro = _("Chủ nhiệm hoặc ủy viên phụ trách quyết định thay đổi đoàn; xung đột lợi ích được kiểm tra lại.")
    done_message = _("Đã thay đổi thành phần đoàn.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            case = self.get_case()
            if not (access.can(request.user, "approve", case) or access.can(request.user, "direct", case)):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.get_case()}

    def perform(self, form, case):
        data = form.cleaned_data
        result = teams.team_change(
            actor=self.request.user,
            case=case,
            leader=data["leader"],
            director=data["director"],
            add_members=list(data["add_members"]),
            remove_members=list(data["remove_members"]),
        )
        queues.release_tasks_of(case, result["removed"])

    def get_success_url(self):
        return reverse("cases:detail", args=[self.get_case().pk])


class _ApproverOnly:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.can(request.user, "approve", self.get_case()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ArchiveView(_ApproverOnly, CaseFormView):
    form_class = forms.ArchiveForm
    title = _("Lưu trữ hồ sơ")
    intro = _(
        "Hồ sơ đã kết thúc được lưu trữ: cán bộ và đoàn kiểm tra không còn quyền xem; "
        "Chủ nhiệm và kiểm soát viên vẫn xem được."
    )
    done_message = _("Đã lưu trữ hồ sơ.")

    def perform(self, form, case):
        from inspections.services.cases import case_archive

        case_archive(actor=self.request.user, case=case)

    def get_success_url(self):
        return reverse("cases:detail", args=[self.get_case().pk])


class TransferView(_ApproverOnly, CaseFormView):
    form_class = forms.TransferForm
    title = _("Chuyển hồ sơ")
    intro = _(
        "Chuyển hồ sơ sang Ủy ban kiểm tra có thẩm quyền. Đoàn và cán bộ hiện tại thôi xem hồ sơ; "
        "Chủ nhiệm nơi nhận lập đoàn mới."
    )
    done_message = _("Đã chuyển hồ sơ.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.get_case()}

    def perform(self, form, case):
        from inspections.models import CaseRole
        from inspections.services.cases import case_transfer

        before = set(CaseRole.objects.filter(case=case, revoked_at__isnull=True).values_list("user_id", flat=True))
        case_transfer(
            actor=self.request.user,
            case=case,
            to_committee=form.cleaned_data["to_committee"],
            reason=form.cleaned_data["reason"],
        )
        queues.release_tasks_of(case, before)

    def get_success_url(self):
        # The person who transferred the case usually no longer sees it.
        return reverse("cases:index")
