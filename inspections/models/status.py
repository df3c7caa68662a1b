"""Case kinds and case statuses. The allowed status moves of each kind are data in the
kind's spec (inspections/kinds/<kind>.py, read through inspections.kinds.registry)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    # Codes follow domain.md §4.
    PLANNED_INSPECTION = "A", _("Kiểm tra theo chương trình")
    SIGNS_INSPECTION = "B", _("Kiểm tra khi có dấu hiệu vi phạm")
    REGULAR_SUPERVISION = "C1", _("Giám sát thường xuyên")
    THEMATIC_SUPERVISION = "C2", _("Giám sát chuyên đề")
    DENUNCIATION = "D", _("Giải quyết tố cáo")
    DISCIPLINE = "E", _("Thi hành kỷ luật")
    DISCIPLINE_COMPLAINT = "F", _("Giải quyết khiếu nại kỷ luật")
    FINANCE_INSPECTION = "G", _("Kiểm tra tài chính đảng")
    LOWER_BODY_INSPECTION = "H", _("Kiểm tra cấp dưới thực hiện nhiệm vụ kiểm tra, giám sát, kỷ luật")


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo quyết định")
    DECIDED = "decided", _("Đã ký quyết định")
    NOTIFIED = "notified", _("Đã thông báo đối tượng")
    SELF_REPORTED = "self_reported", _("Đã nhận báo cáo tự kiểm tra")
    VERIFYING = "verifying", _("Đang thẩm tra, xác minh")
    REPORTED = "reported", _("Đã có báo cáo của đoàn")
    CONCLUDING = "concluding", _("Đang dự thảo kết luận")
    CONCLUDED = "concluded", _("Đã kết luận")
    FOLLOW_UP = "follow_up", _("Theo dõi thực hiện kết luận")
    CLOSED = "closed", _("Đã kết thúc")
    # Issue 3: statuses of the other case kinds (a superset shared by the kinds; each kind
    # allows only the moves in its own pipeline, inspections/kinds/<kind>.py).
    RECEIVED = "received", _("Đã tiếp nhận, vào sổ")
    NOT_HANDLED = "not_handled", _("Không giải quyết (lưu đơn)")
    TRANSFERRED = "transferred", _("Đã chuyển cơ quan có thẩm quyền")
    WITHDRAWN = "withdrawn", _("Đã rút đơn, đình chỉ giải quyết")
    SUSPENDED = "suspended", _("Tạm hoãn (dừng tính thời hạn)")
    SELF_CRITICISM = "self_criticism", _("Đang kiểm điểm")
    VOTED = "voted", _("Đã biểu quyết")
    PROPOSED = "proposed", _("Đã đề nghị cấp có thẩm quyền")
    ANNOUNCED = "announced", _("Đã công bố quyết định")
    MONITORING = "monitoring", _("Đang theo dõi, giám sát")
    DENUNCIATION_ACCEPTED = "d_accepted", _("Đã thụ lý giải quyết tố cáo")
    DENUNCIATION_EXPLAINED = "d_explained", _("Đã nhận báo cáo giải trình của người bị tố cáo")
    COMPLAINT_SPLIT = "d_split", _("Đơn vừa khiếu nại vừa tố cáo: chỉ giải quyết phần khiếu nại")
    VOTING = "voting", _("Đang bỏ phiếu kín")
    # Thematic supervision (domain.md §5(C) C2): the subject's report is not a
    # self-inspection report, and the group's draft is discussed at the subject's meeting.
    SUBJECT_REPORTED = "subject_reported", _("Đã nhận báo cáo của đối tượng giám sát")
    ADDITIONS_REQUESTED = "additions_requested", _("Đã yêu cầu bổ sung, giải trình")
    RESULT_DRAFTED = "result_drafted", _("Đã dự thảo báo cáo kết quả giám sát")
    MEETING_HELD = "meeting_held", _("Đã họp với đối tượng giám sát")
    PREPARED = "prepared", _("Đã chuẩn bị đề cương, lịch làm việc của đoàn")
