"""C1 regular supervision (the continuous log) and C2 thematic supervision: log
entries, signs proposals, additions, meetings and extensions.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspections.models.case import Case
from inspections.models.documents import Document
from people.models import Committee, Organisation, PartyMember


class SupervisionLog(models.Model):
    """C1 regular supervision (giám sát thường xuyên) kept as a continuous log, not as a
    bounded case (domain.md §5(C) [I]). The log is a Case of kind C1 — the unit of access,
    numbering and journal — and this row is its key: one log per committee and subject.
    Written only by inspections.services.regular_supervision."""

    case = models.OneToOneField(Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="supervision_log")
    committee = models.ForeignKey(
        Committee, verbose_name=_("cơ quan giám sát"), on_delete=models.PROTECT, related_name="+"
    )
    subject_member = models.ForeignKey(
        PartyMember, verbose_name=_("đảng viên được giám sát"), null=True, blank=True, on_delete=models.PROTECT
    )
    subject_organisation = models.ForeignKey(
        Organisation, verbose_name=_("tổ chức được giám sát"), null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("sổ theo dõi giám sát thường xuyên")
        verbose_name_plural = _("sổ theo dõi giám sát thường xuyên")
        constraints = [
            models.CheckConstraint(
                condition=(Q(subject_organisation__isnull=False) & Q(subject_member__isnull=True))
                | (Q(subject_organisation__isnull=True) & Q(subject_member__isnull=False)),
                name="supervision_log_one_subject",
            ),
            models.UniqueConstraint(
                fields=["committee", "subject_member"],
                condition=Q(subject_member__isnull=False),
                name="supervision_log_one_per_member",
            ),
            models.UniqueConstraint(
                fields=["committee", "subject_organisation"],
                condition=Q(subject_organisation__isnull=False),
                name="supervision_log_one_per_organisation",
            ),
        ]


class SupervisionEntry(models.Model):
    """One dated entry of a C1 log: an observation (direct or indirect, with its source),
    a meeting attended, or a reminder issued (domain.md §5(C) C1: direct — dialogue at
    committee meetings, sending members to the subject's meetings, committee members at
    cell meetings; indirect — studying reports, information from the public, the press,
    petitions). Documents (a written reminder notice, minutes) are attached."""

    class Kind(models.TextChoices):
        OBSERVATION = "observation", _("Ghi nhận qua theo dõi")
        MEETING = "meeting", _("Dự họp, làm việc với đối tượng")
        REMINDER = "reminder", _("Nhắc nhở")

    class Method(models.TextChoices):
        DIRECT = "direct", _("Trực tiếp")
        INDIRECT = "indirect", _("Gián tiếp")

    class Source(models.TextChoices):
        REPORT = "report", _("Nghiên cứu báo cáo, tài liệu")
        MEETING = "meeting", _("Dự hội nghị, cuộc họp của đối tượng")
        CELL_MEETING = "cell_meeting", _("Ủy viên dự sinh hoạt chi bộ")
        DIALOGUE = "dialogue", _("Đối thoại, chất vấn, nghe báo cáo tại hội nghị")
        PUBLIC = "public", _("Thông tin của nhân dân")
        PRESS = "press", _("Thông tin báo chí")
        PETITION = "petition", _("Đơn thư phản ánh")

    # Which sources are direct observation; every other source is indirect (domain.md §5(C)).
    DIRECT_SOURCES = ("meeting", "cell_meeting", "dialogue")

    case = models.ForeignKey(
        Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="supervision_entries"
    )
    kind = models.CharField(_("loại ghi nhận"), max_length=12, choices=Kind.choices)
    occurred_on = models.DateField(_("ngày"))
    method = models.CharField(_("hình thức"), max_length=10, choices=Method.choices, blank=True)
    source = models.CharField(_("nguồn thông tin"), max_length=14, choices=Source.choices, blank=True)
    text = models.TextField(_("nội dung"))
    documents = models.ManyToManyField(Document, verbose_name=_("tài liệu"), blank=True, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)

    class Meta:
        verbose_name = _("ghi nhận giám sát thường xuyên")
        verbose_name_plural = _("ghi nhận giám sát thường xuyên")
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["case", "-occurred_on", "-id"], name="sventry_case_date")]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="sventry_text_given"),
            # An observation names its source, and the method follows from the source; other
            # entries have neither.
            models.CheckConstraint(
                condition=Q(kind="observation", method="direct", source__in=("meeting", "cell_meeting", "dialogue"))
                | Q(kind="observation", method="indirect", source__in=("report", "public", "press", "petition"))
                | (~Q(kind="observation") & Q(method="", source="")),
                name="sventry_observation_source",
            ),
        ]


class SignsProposal(models.Model):
    """A proposal to open an inspection upon signs of violation (case B) arising from
    supervision: a C1 log's escalation request, or the signs a C2 result report found
    (domain.md §5(C) C2 step 6; §5(B) "where signs come from"). The B case is opened from
    it by inspections.services.regular_supervision.signs_proposal_spawn."""

    origin = models.ForeignKey(
        Case, verbose_name=_("hồ sơ giám sát"), on_delete=models.PROTECT, related_name="signs_proposals"
    )
    content = models.TextField(_("dấu hiệu vi phạm, nội dung đề nghị"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đề nghị"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_on = models.DateField(_("ngày đề nghị"))
    spawned_case = models.OneToOneField(
        Case,
        verbose_name=_("hồ sơ kiểm tra đã mở"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signs_proposal",
    )
    spawned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    spawned_at = models.DateTimeField(_("thời điểm mở hồ sơ"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đề nghị kiểm tra khi có dấu hiệu vi phạm")
        verbose_name_plural = _("đề nghị kiểm tra khi có dấu hiệu vi phạm")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["origin", "spawned_case"])]
        constraints = [
            models.CheckConstraint(condition=~Q(content=""), name="signs_proposal_content_given"),
            models.CheckConstraint(
                condition=Q(spawned_case__isnull=True, spawned_by__isnull=True, spawned_at__isnull=True)
                | Q(spawned_case__isnull=False, spawned_by__isnull=False, spawned_at__isnull=False),
                name="signs_proposal_spawn_complete",
            ),
        ]


class ThematicSupervision(models.Model):
    """What a C2 thematic supervision case records beyond the shared case file (domain.md
    §5(C) C2 table): the group's method and assignments, the day the decision, plan and
    outline were sent, the subject's report (the clock start, §7.8), the draft result
    report discussed at the subject's meeting, the signs of violation the final report
    found, and the day the result notice was sent."""

    case = models.OneToOneField(Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="thematic")
    group_met_on = models.DateField(_("ngày tổ giám sát họp"), null=True, blank=True)
    method = models.TextField(_("phương pháp giám sát"), blank=True)
    assignments = models.TextField(_("phân công thành viên"), blank=True)
    sent_on = models.DateField(_("ngày gửi quyết định, kế hoạch, đề cương"), null=True, blank=True)
    report_received_on = models.DateField(_("ngày nhận báo cáo của đối tượng"), null=True, blank=True)
    draft_report = models.TextField(_("dự thảo báo cáo kết quả giám sát"), blank=True)
    drafted_on = models.DateField(_("ngày dự thảo"), null=True, blank=True)
    signs_found = models.BooleanField(_("phát hiện dấu hiệu vi phạm"), default=False)
    signs_content = models.TextField(_("dấu hiệu vi phạm, đề nghị kiểm tra"), blank=True)
    notice_sent_on = models.DateField(_("ngày gửi thông báo kết quả giám sát"), null=True, blank=True)

    class Meta:
        verbose_name = _("giám sát chuyên đề")
        verbose_name_plural = _("giám sát chuyên đề")
        constraints = [
            models.CheckConstraint(
                condition=Q(signs_found=False) | ~Q(signs_content=""), name="thematic_signs_explained"
            ),
        ]


class AdditionRequest(models.Model):
    """The supervision group asks the subject for additions or explanation of its report
    (domain.md §5(C) C2 step 3); one open request at a time, closed when received."""

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="addition_requests")
    content = models.TextField(_("nội dung yêu cầu bổ sung, giải trình"))
    requested_on = models.DateField(_("ngày yêu cầu"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(_("ngày nhận bổ sung"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("yêu cầu bổ sung, giải trình")
        verbose_name_plural = _("yêu cầu bổ sung, giải trình")
        ordering = ["requested_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(content=""), name="addition_content_given"),
            models.CheckConstraint(
                condition=Q(received_on__isnull=True, received_by__isnull=True)
                | Q(received_on__isnull=False, received_by__isnull=False),
                name="addition_received_complete",
            ),
            models.UniqueConstraint(
                fields=["case"], condition=Q(received_on__isnull=True), name="addition_one_open_per_case"
            ),
        ]


class SupervisionMeeting(models.Model):
    """The supervised organisation's meeting where the subject presents its report and the
    group its draft result report (domain.md §5(C) C2 step 4): who attended — the group,
    the supervised organisation's committee, the supervised member — and the minutes."""

    case = models.ForeignKey(
        Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="supervision_meetings"
    )
    held_on = models.DateField(_("ngày họp"))
    group_present = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("thành viên tổ giám sát có mặt"), related_name="+"
    )
    subject_committee_present = models.TextField(_("cấp ủy của tổ chức được giám sát có mặt"), blank=True)
    subject_member_present = models.BooleanField(_("đảng viên được giám sát có mặt"), null=True, blank=True)
    summary = models.TextField(_("tóm tắt ý kiến thảo luận"))
    minutes = models.ForeignKey(
        Document, verbose_name=_("biên bản"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hội nghị với đối tượng giám sát")
        verbose_name_plural = _("hội nghị với đối tượng giám sát")
        ordering = ["held_on", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(summary=""), name="svmeeting_summary_given")]
