"""Case documents: the kinds of document and the versioned, hashed files."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inspections.models.case import Case


class DocumentKind(models.TextChoices):
    DECISION = "decision", _("Quyết định kiểm tra")
    PLAN = "plan", _("Kế hoạch kiểm tra")
    NOTICE = "notice", _("Thông báo cho đối tượng")
    SELF_REPORT = "self_report", _("Báo cáo tự kiểm tra")
    MINUTES = "minutes", _("Biên bản làm việc, xác minh")
    EVIDENCE = "evidence", _("Tài liệu, chứng cứ")
    TEAM_REPORT = "team_report", _("Báo cáo kết quả kiểm tra")
    CONCLUSION_NOTICE = "conclusion_notice", _("Thông báo kết luận kiểm tra")
    FOLLOW_UP = "follow_up", _("Báo cáo thực hiện kết luận")
    OTHER = "other", _("Khác")
    PROPOSAL = "proposal", _("Tờ trình đề xuất kiểm tra")
    EXPLANATION_OUTLINE = "explanation_outline", _("Đề cương gợi ý báo cáo giải trình")
    SELF_REPORT_OUTLINE = "self_report_outline", _("Đề cương gợi ý báo cáo tự kiểm tra")
    SCHEDULE = "schedule", _("Lịch làm việc của đoàn")
    DEPLOYMENT_MINUTES = "deployment_minutes", _("Biên bản triển khai quyết định, kế hoạch kiểm tra")
    EXPLANATORY_REPORT = "explanatory_report", _("Báo cáo giải trình")
    REVIEW_MINUTES = "review_minutes", _("Biên bản hội nghị kiểm điểm, xem xét")
    COMMITTEE_MINUTES = "committee_minutes", _("Biên bản họp Ủy ban kiểm tra")
    CONVEY_MINUTES = "convey_minutes", _("Biên bản triển khai thông báo kết luận")
    SUPERVISION_DECISION = "sv_decision", _("Quyết định giám sát")
    SUPERVISION_PLAN = "sv_plan", _("Kế hoạch giám sát")
    SUPERVISION_OUTLINE = "sv_outline", _("Đề cương báo cáo (giám sát)")
    SUPERVISION_SUBJECT_REPORT = "sv_subject_report", _("Báo cáo của đối tượng giám sát")
    SUPERVISION_RESULT_REPORT = "sv_result_report", _("Báo cáo kết quả giám sát")
    SUPERVISION_RESULT_NOTICE = "sv_result_notice", _("Thông báo kết quả, kết luận giám sát")
    SUPERVISION_REMINDER = "sv_reminder", _("Văn bản nhắc nhở (giám sát thường xuyên)")
    D_DECISION = "d_decision", _("Quyết định thành lập đoàn giải quyết tố cáo")
    D_PLAN = "d_plan", _("Kế hoạch giải quyết tố cáo")
    D_OUTLINE = "d_outline", _("Đề cương gợi ý báo cáo giải trình")
    D_EXPLANATION = "d_explanation", _("Báo cáo giải trình của người bị tố cáo")
    D_REPORT = "d_report", _("Báo cáo kết quả giải quyết tố cáo")
    D_CONCLUSION = "d_conclusion", _("Thông báo kết luận giải quyết tố cáo")
    D_NOTICE = "d_notice", _("Thông báo, phiếu chuyển đơn (bản ký)")
    SELF_CRITICISM = "self_criticism", _("Bản tự kiểm điểm")
    DISCIPLINE_REPORT = "discipline_report", _("Báo cáo đề nghị thi hành kỷ luật")
    MEETING_MINUTES = "meeting_minutes", _("Trích biên bản hội nghị")
    BALLOT_MINUTES = "ballot_minutes", _("Biên bản kiểm phiếu")
    DISCIPLINE_PROPOSAL = "discipline_proposal", _("Tờ trình đề nghị cấp có thẩm quyền thi hành kỷ luật")
    DISCIPLINE_DECISION = "discipline_decision", _("Quyết định thi hành kỷ luật")
    ANNOUNCEMENT_MINUTES = "announcement_minutes", _("Biên bản công bố quyết định kỷ luật")
    STATE_PROPOSAL = "state_proposal", _("Văn bản đề nghị xử lý hành chính, đoàn thể")
    COMPLAINT_LETTER = "complaint_letter", _("Đơn khiếu nại kỷ luật")
    COMPLAINT_REFUSAL = "complaint_refusal", _("Thông báo không giải quyết đơn khiếu nại")
    COMPLAINT_FILE = "complaint_file", _("Hồ sơ kỷ luật bị khiếu nại")
    COMPLAINT_REPORT = "complaint_report", _("Báo cáo kết quả giải quyết khiếu nại")
    COMPLAINT_MINUTES = "complaint_minutes", _("Biên bản hội nghị giải quyết khiếu nại")
    COMPLAINT_DECISION = "complaint_decision", _("Quyết định giải quyết khiếu nại kỷ luật")
    COMPLAINT_NOTICE = "complaint_notice", _("Thông báo quyết định giải quyết khiếu nại")
    COMPLAINT_RESTORE = "complaint_restore", _("Thông báo khôi phục quyền lợi (QĐ 117-QĐ/TW)")
    GROUND_EVIDENCE = "ground_evidence", _("Tài liệu về căn cứ chưa xem xét, miễn, giảm kỷ luật")
    STRIKE_OFF = "strike_off", _("Quyết định xóa tên đảng viên dự bị")


class Document(models.Model):
    """An uploaded file. Stored outside any served URL; served only by an access-checked view."""

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("loại tài liệu"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="cases/%Y/%m/", max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("kiểu nội dung"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu")
        verbose_name_plural = _("tài liệu")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title
