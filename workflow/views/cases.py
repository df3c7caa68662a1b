"""Case list, case page (summary, team, documents, tasks, timeline from the journal) and
the access-checked document download."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView, View

from inspections.journal import decoded
from inspections.models import CaseStatus, Document
from inspections.selectors import cases as case_selectors
from workflow import queues


class CaseListView(LoginRequiredMixin, ListView):
    template_name = "kiemtra/case_list.html"
    paginate_by = 25
    context_object_name = "cases"

    def get_queryset(self):
        qs = case_selectors.case_list(self.request.user)
        status = self.request.GET.get("status")
        if status in CaseStatus.values:
            qs = qs.filter(status=status)
        return qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statuses=CaseStatus.choices, current_status=self.request.GET.get("status", ""), title=_("Hồ sơ"), **kwargs
        )


TIMELINE_LABELS = {
    "case.opened": _("Lập hồ sơ"),
    "status.changed": _("Chuyển trạng thái"),
    "decision.signed": _("Ký quyết định kiểm tra"),
    "subject.notified": _("Thông báo cho đối tượng"),
    "self_report.received": _("Nhận báo cáo tự kiểm tra"),
    "findings.recorded": _("Ghi kết quả thẩm tra, xác minh"),
    "team_report.submitted": _("Trình báo cáo của đoàn"),
    "team_report.accepted": _("Chấp nhận báo cáo của đoàn"),
    "team_report.returned": _("Trả lại báo cáo để thẩm tra thêm"),
    "conclusion.drafted": _("Dự thảo kết luận"),
    "conclusion.approved": _("Duyệt kết luận"),
    "conclusion.returned": _("Trả lại dự thảo kết luận"),
    "conclusion.notified": _("Thông báo kết luận"),
    "recommendations.done": _("Kiến nghị đã thực hiện"),
    "document.added": _("Thêm tài liệu"),
    "case.closed": _("Kết thúc hồ sơ"),
}


class CaseDetailView(LoginRequiredMixin, TemplateView):
    template_name = "kiemtra/case_detail.html"

    def get_context_data(self, **kwargs):
        case = case_selectors.case_detail(self.request.user, self.kwargs["pk"])
        if case is None:
            # Not found and not allowed look the same: no hint that the case exists.
            raise Http404
        timeline = [
            {
                "entry": e,
                "label": TIMELINE_LABELS.get(e.action, e.action),
                "data": decoded(e),
            }
            for e in case.journal.order_by("seq")
        ]
        return super().get_context_data(
            case=case,
            tasks=[
                {"task": t, "url": t.flow_task.reverse("index", args=[t.process_id, t.pk])}
                for t in queues.open_tasks_of_case(case)
            ],
            timeline=timeline,
            status_labels=dict(CaseStatus.choices),
            **kwargs,
        )


class DocumentDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk: int, doc_pk: int):
        case = case_selectors.case_list(request.user).filter(pk=pk).first()
        if case is None:
            raise Http404
        doc = get_object_or_404(Document, pk=doc_pk, case=case)
        try:
            handle = doc.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(handle, as_attachment=True, filename=doc.original_name, content_type=doc.content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response
