"""Case list, case page (summary, team, documents, tasks, timeline from the journal) and
the access-checked document download."""

import calendar
import datetime

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView, View

from inspections import access, deadlines, journal
from inspections.deadlines import case_time_left, list_clock
from inspections.kinds.registry import is_final
from inspections.models import CaseStatus, Document
from inspections.selectors import cases as case_selectors
from inspections.selectors import follow_up as follow_up_selectors
from inspections.selectors.links import links_of
from inspections.services.documents import display_name
from workflow import panels, queues
from workflow.views.audit import case_timeline


class CaseListView(LoginRequiredMixin, ListView):
    template_name = "kiemtra/case_list.html"
    paginate_by = 25
    context_object_name = "cases"

    def get_queryset(self):
        qs = follow_up_selectors.with_overdue_flag(case_selectors.case_list(self.request.user))
        status = self.request.GET.get("status")
        if status in CaseStatus.values:
            qs = qs.filter(status=status)
        if self.request.GET.get("overdue") == "1":
            qs = qs.filter(overdue_requirements=True)
        if self.sort_by_due:
            # Most urgent first (issue 11 point 1): running cases by due date, the longest
            # overdue first; cases without a running clock last.
            qs = qs.order_by(
                F("closed_on").asc(nulls_first=True),
                F("concluded_on").asc(nulls_first=True),
                F("due_on").asc(nulls_last=True),
                "-id",
            )
        return qs

    @property
    def sort_by_due(self) -> bool:
        return self.request.GET.get("sort") == "due"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            statuses=CaseStatus.choices,
            current_status=self.request.GET.get("status", ""),
            overdue_only=self.request.GET.get("overdue") == "1",
            sort_by_due=self.sort_by_due,
            title=_("Hồ sơ"),
            **kwargs,
        )
        clock = list_clock()  # one query for the page's holidays
        for case in context["cases"]:
            case.time_left = case_time_left(case, clock)
        return context


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
    "document.added": _("Thêm tài liệu (phiên bản)"),
    "case.closed": _("Kết thúc hồ sơ"),
    "team.changed": _("Thay đổi thành phần đoàn"),
    "case.archived": _("Lưu trữ hồ sơ"),
    "case.transferred": _("Chuyển hồ sơ"),
    "task.assigned": _("Giao việc"),
    "task.released": _("Trả việc về danh sách chờ"),
    "team.left": _("Rời đoàn"),
    "conflict.declared": _("Khai có xung đột lợi ích"),
    "conflict.none_declared": _("Khai không có xung đột lợi ích"),
    "audit.read": _("Kiểm soát viên xem hồ sơ"),
    "sealed.read": _("Xem thông tin được niêm phong"),
    "unseal.requested": _("Đề nghị mở niêm phong"),
    "unseal.approved": _("Đồng ý mở niêm phong"),
    "unseal.refused": _("Không đồng ý mở niêm phong"),
    "party.added": _("Ghi nhận bên liên quan"),
    "party.scan_added": _("Thêm bản chụp của bên liên quan"),
    "delegation.started": _("Bắt đầu ủy quyền"),
    "delegation.ended": _("Kết thúc ủy quyền"),
    "delegation.skipped": _("Không chuyển được khi ủy quyền"),
    "handover.completed": _("Bàn giao công việc"),
    "handover.skipped": _("Không bàn giao được"),
    "link.added": _("Liên kết hồ sơ"),
    # (timeline slot B, G, H, follow-up)
    "proposal.submitted": _("Đề xuất kiểm tra"),
    "proposal.completed": _("Hoàn thiện đề xuất kiểm tra, thành phần đoàn"),
    "clock.started": _("Bắt đầu tính thời hạn giải quyết"),
    "preparation.recorded": _("Xây dựng đề cương, lịch làm việc; họp đoàn"),
    "subject.met": _("Làm việc với đối tượng, triển khai quyết định"),
    "explanation.received": _("Nhận báo cáo giải trình"),
    "review_meeting.held": _("Hội nghị kiểm điểm, xem xét của tổ chức đảng quản lý"),
    "checklist.recorded": _("Ghi kết quả thẩm tra theo nội dung kiểm tra"),
    "team_report.discussed": _("Trao đổi dự thảo báo cáo với đối tượng"),
    "violation.assessed": _("Kết luận về vi phạm, trách nhiệm và việc xem xét kỷ luật"),
    "archive.due": _("Xác định hạn lưu hồ sơ"),
    "follow_up.progress": _("Báo cáo tiến độ thực hiện kiến nghị"),
    "follow_up.overdue": _("Kiến nghị quá hạn, báo Chủ nhiệm"),
    "follow_up.signs_opened": _("Đề nghị kiểm tra khi có dấu hiệu vi phạm do không thực hiện kết luận"),
    "requirement.unmet": _("Đánh giá kiến nghị không được thực hiện"),
    "requirement.extended": _("Gia hạn thực hiện kiến nghị"),
    # (timeline slot C)
    "supervision.entry_added": _("Ghi vào sổ theo dõi giám sát thường xuyên"),
    "supervision.escalated": _("Chuyển giám sát chuyên đề"),
    "supervision.signs_proposed": _("Đề nghị kiểm tra khi có dấu hiệu vi phạm"),
    "supervision.signs_case_opened": _("Mở hồ sơ kiểm tra khi có dấu hiệu vi phạm theo đề nghị"),
    "supervision.set_up": _("Lập tổ giám sát"),
    "supervision.decision_signed": _("Ký quyết định giám sát"),
    "supervision.group_met": _("Họp tổ giám sát, gửi quyết định cho đối tượng"),
    "supervision.report_received": _("Nhận báo cáo của đối tượng giám sát"),
    "supervision.studied": _("Nghiên cứu báo cáo, tài liệu"),
    "supervision.additions_received": _("Nhận bổ sung, giải trình"),
    "supervision.result_drafted": _("Dự thảo báo cáo kết quả giám sát"),
    "supervision.meeting_held": _("Hội nghị với đối tượng giám sát"),
    "supervision.report_finalised": _("Trình báo cáo kết quả giám sát"),
    "supervision.report_accepted": _("Chấp nhận báo cáo kết quả giám sát"),
    "supervision.report_returned": _("Trả lại báo cáo kết quả giám sát"),
    "supervision.notice_sent": _("Gửi thông báo kết quả giám sát"),
    "supervision.extended": _("Gia hạn thời gian giám sát"),
    # (timeline slot D)
    "denunciation.registered": _("Tiếp nhận, vào sổ đơn tố cáo"),
    "denunciation.triaged": _("Phân loại, xử lý đơn tố cáo"),
    "denunciation.split": _("Tách đơn: chỉ giải quyết phần khiếu nại"),
    "denunciation.notice_issued": _("Lập thông báo về đơn tố cáo"),
    "denunciation.denouncer_met": _("Làm việc với người tố cáo"),
    "denunciation.decision_drafted": _("Dự thảo quyết định thành lập đoàn giải quyết tố cáo"),
    "denunciation.decision_signed": _("Ký quyết định thành lập đoàn giải quyết tố cáo"),
    "denunciation.outline_sent": _("Gửi đề cương báo cáo giải trình"),
    "denunciation.explanation_received": _("Nhận báo cáo giải trình"),
    "denunciation.verified": _("Xác minh, kết luận nội dung tố cáo"),
    "denunciation.outcome_drafted": _("Đề xuất xử lý sau giải quyết tố cáo"),
    "denunciation.notified": _("Thông báo kết luận và kết quả giải quyết tố cáo"),
    "denunciation.withdrawal_received": _("Nhận đơn rút tố cáo"),
    "denunciation.withdrawal_stopped": _("Đình chỉ giải quyết do rút đơn tố cáo"),
    "denunciation.withdrawal_continued": _("Tiếp tục giải quyết dù có đơn rút (bị đe dọa, ép buộc, mua chuộc)"),
    "deadline.extended": _("Gia hạn thời hạn giải quyết"),
    "denunciation.paused": _("Tạm dừng giải quyết (dừng tính thời hạn)"),
    "denunciation.resumed": _("Tiếp tục giải quyết, tính lại thời hạn"),
    # (timeline slot E)
    "discipline.set_up": _("Lập hồ sơ kỷ luật: vi phạm, cơ quan xem xét"),
    "discipline.spawned": _("Phát sinh hồ sơ xem xét kỷ luật"),
    "self_criticism.received": _("Nhận bản tự kiểm điểm"),
    "self_criticism.waived": _("Xem xét không cần bản kiểm điểm (từ chối, tạm giam)"),
    "discipline.deferred": _("Tạm hoãn xem xét kỷ luật"),
    "discipline.resumed": _("Tiếp tục xem xét kỷ luật"),
    "discipline.reported": _("Báo cáo đề nghị thi hành kỷ luật"),
    "discipline.meeting": _("Họp xem xét kỷ luật"),
    "ballot.opened": _("Mở bỏ phiếu kín"),
    "ballot.cast": _("Bỏ phiếu"),
    "ballot.closed": _("Kết thúc bỏ phiếu, kiểm phiếu"),
    "discipline.no_result": _("Không hình thức nào đủ số phiếu: không kỷ luật"),
    "discipline.beyond_authority": _("Vượt thẩm quyền: đề nghị cấp có thẩm quyền"),
    "discipline.statute_expired": _("Hết thời hiệu: không kỷ luật"),
    "discipline.voted": _("Biểu quyết thi hành kỷ luật"),
    "discipline.proposed": _("Gửi tờ trình đề nghị cấp có thẩm quyền"),
    "discipline.decision_signed": _("Ký quyết định thi hành kỷ luật"),
    "discipline.announced": _("Công bố quyết định kỷ luật"),
    "discipline.recorded": _("Ghi kỷ luật vào hồ sơ đảng viên, tổ chức"),
    "state_proposal.sent": _("Đề nghị xử lý hành chính, đoàn thể"),
    "state_proposal.not_applicable": _("Không thuộc trường hợp đề nghị xử lý hành chính, đoàn thể"),
    "discipline.expired": _("Quyết định kỷ luật hết hiệu lực sau một năm"),
    # (timeline slot F)
    "complaint.received": _("Vào sổ đơn khiếu nại kỷ luật"),
    "complaint.admitted": _("Thụ lý giải quyết đơn khiếu nại"),
    "complaint.not_handled": _("Không giải quyết đơn khiếu nại"),
    "complaint.refusal_notified": _("Thông báo không giải quyết đơn khiếu nại"),
    "complaint.imposing_body_met": _("Làm việc với cơ quan đã thi hành kỷ luật"),
    "complaint.complainant_met": _("Làm việc với người khiếu nại"),
    "complaint.aspects_reviewed": _("Đánh giá nội dung khiếu nại"),
    "complaint.meeting": _("Hội nghị xem xét kết quả giải quyết khiếu nại, mở bỏ phiếu kín"),
    "complaint.no_decision": _("Không phương án nào đạt tỷ lệ: chưa có kết quả giải quyết khiếu nại"),
    "complaint.referred_upward": _("Kết quả biểu quyết vượt thẩm quyền: đề nghị cấp trên"),
    "complaint.not_applied": _("Kết quả biểu quyết không áp dụng được"),
    "complaint.outcome_applied": _("Áp dụng kết quả giải quyết khiếu nại vào kỷ luật"),
    "complaint.decision_issued": _("Ban hành quyết định giải quyết khiếu nại"),
    "complaint.decision_notified": _("Thông báo quyết định giải quyết khiếu nại"),
    # (timeline slot rules)
}


class CaseDetailView(LoginRequiredMixin, TemplateView):
    template_name = "kiemtra/case_detail.html"

    def get(self, request, *args, **kwargs):
        case = case_selectors.case_list(request.user).filter(pk=kwargs["pk"]).first()
        if case is not None and access.declaration_pending(request.user, case):
            return redirect("cases:declare", pk=case.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        case = case_selectors.case_detail(self.request.user, self.kwargs["pk"])
        if case is None or not access.can(self.request.user, "view", case):
            # Not found and not allowed look the same: no hint that the case exists.
            raise Http404
        # An auditor's read is journaled before the timeline is read, so it shows there too.
        journal.record_audit_read(actor=self.request.user, case=case, read={"read": "case"})
        timeline = case_timeline(case, TIMELINE_LABELS)
        actions = access.actions_on(self.request.user, case)
        final = is_final(case.kind, case.status)
        return super().get_context_data(
            case=case,
            can_change_team=bool({"approve", "direct"} & actions) and not final,
            can_transfer="approve" in actions and not final,
            can_archive="approve" in actions and final and case.archived_at is None,
            tasks=[
                {"task": t, "url": t.flow_task.reverse("index", args=[t.process_id, t.pk])}
                for t in queues.open_tasks_of_case(case)
            ],
            timeline=timeline,
            status_labels=dict(CaseStatus.choices),
            links=links_of(self.request.user, case),
            panel=panels.panel_for(self.request.user, case),
            follow_up=follow_up_selectors.card(self.request.user, case),
            calendar_warnings=calendar_warnings(case),
            time_left=case_time_left(case, list_clock()),
            **kwargs,
        )


def calendar_warnings(case) -> list[str]:
    """The warnings beside the case's due date: one per year it is counted across whose
    holiday calendar is not confirmed (issue 9 point 6). At most one query."""
    return [
        gettext("Lịch nghỉ năm %(y)s chưa được xác nhận: hạn có thể thay đổi") % {"y": year}
        for year in deadlines.case_calendar_warnings(case)
    ]


class DocumentDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk: int, doc_pk: int):
        case = case_selectors.case_list(request.user).filter(pk=pk).first()
        if case is None or not access.can(request.user, "view", case):
            raise Http404
        doc = get_object_or_404(Document, pk=doc_pk, case=case)
        try:
            handle = doc.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        try:
            journal.record_audit_read(
                actor=request.user,
                case=case,
                read={"read": "document", "document": doc.pk, "title": doc.title, "sha256": doc.sha256},
            )
        except BaseException:
            handle.close()
            raise
        # The name is cleaned again for rows stored before display_name() aligned extensions.
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=display_name(doc.original_name, doc.content_type),
            content_type=doc.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class DeadlinesView(LoginRequiredMixin, TemplateView):
    """ "My deadlines" (issue 11 point 1): the running cases the user carries whose due date
    falls in the coming weeks (overdue first), as a list and as a month calendar. Only the
    user's own cases, each one they may still see."""

    template_name = "kiemtra/deadlines.html"
    WEEKS = (2, 4, 6, 8, 13, 26)
    DEFAULT_WEEKS = 6

    def weeks(self) -> int:
        try:
            weeks = int(self.request.GET.get("weeks", self.DEFAULT_WEEKS))
        except ValueError:
            return self.DEFAULT_WEEKS
        return weeks if weeks in self.WEEKS else self.DEFAULT_WEEKS

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        weeks = self.weeks()
        until = today + datetime.timedelta(weeks=weeks)
        clock = list_clock(today)
        cases = list(case_selectors.deadlines_of(self.request.user, until=until))
        for case in cases:
            case.time_left = clock(case.due_on)
        return super().get_context_data(
            title=_("Hạn của tôi"),
            cases=cases,
            weeks=weeks,
            week_choices=self.WEEKS,
            until=until,
            today=today,
            months=month_grids(today, until, cases),
            overdue=[c for c in cases if c.time_left.state == "overdue"],
            **kwargs,
        )


def month_grids(today: datetime.date, until: datetime.date, cases) -> list[dict]:
    """The months from today's to `until`'s, each as weeks of days (Monday first) with the
    cases due that day; an overdue case sits on today's cell, so nothing is left off."""
    by_day: dict[datetime.date, list] = {}
    for case in cases:
        by_day.setdefault(max(case.due_on, today), []).append(case)
    grids, year, month = [], today.year, today.month
    while (year, month) <= (until.year, until.month):
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        grids.append(
            {
                "first": datetime.date(year, month, 1),
                "weeks": [
                    [{"day": d, "in_month": d.month == month, "cases": by_day.get(d, [])} for d in week]
                    for week in weeks
                ],
            }
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return grids
