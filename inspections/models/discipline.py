"""E discipline cases: the deciding body, deferrals, proposals to a competent body,
responsibility of an organisation's members, decisions and proposals to state bodies.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspections.models.ballots import Ballot
from inspections.models.case import Case
from inspections.models.records import DisciplineRecord, SanctionForm
from inspections.models.status import CaseStatus
from people.models import Committee, CommitteeSeat, Organisation, PartyMember, Position

# The deciding-body kind of a party cell (domain.md §6.3): a cell decides as an organisation,
# not through a committee. The other kinds are rows of inspections.models.rules
# DecidingBodyKind (issue 9 point 2), derived from the committee chosen.
CELL_BODY = "cell"


class DisciplineCase(models.Model):
    """What a discipline case (kind E, domain.md §5(E)) records beyond the case row: the
    violation and its period (for the statute of limitations, §6.5), the deciding body,
    the self-criticism, the report proposing discipline and the outcome of the votes.
    Written only by inspections.services.discipline*."""

    class SubjectKind(models.TextChoices):
        MEMBER = "member", _("Đảng viên")
        COMMITTEE_MEMBER = "committee_member", _("Cấp ủy viên cùng cấp")
        LOWER_COMMITTEE_MEMBER = "lower_committee_member", _("Cấp ủy viên cấp dưới")
        HIGHER_MANAGED = "higher_managed", _("Cán bộ thuộc diện cấp trên quản lý")
        ORGANISATION = "organisation", _("Tổ chức đảng")

    class StatuteCategory(models.TextChoices):
        BY_FORM = "by_form", _("Theo hình thức kỷ luật (khiển trách 5 năm; cảnh cáo, cách chức 10 năm)")
        INTERNAL_POLITICS = "no_limit.internal_politics", _("Không áp dụng thời hiệu: bảo vệ chính trị nội bộ")
        DEFENCE = (
            "no_limit.defence_security_foreign",
            _("Không áp dụng thời hiệu: quốc phòng, an ninh, đối ngoại xâm hại lợi ích quốc gia"),
        )
        DIPLOMAS = "no_limit.illegal_diplomas", _("Không áp dụng thời hiệu: sử dụng văn bằng, chứng chỉ không hợp pháp")

    class SelfCriticism(models.TextChoices):
        PENDING = "pending", _("Chưa kiểm điểm")
        RECEIVED = "received", _("Đã nhận bản tự kiểm điểm")
        REFUSED = "refused", _("Đảng viên không kiểm điểm, tổ chức vẫn xem xét")
        DETAINED = "detained", _("Đảng viên bị tạm giam, tổ chức vẫn xem xét")
        MERGED = "merged", _("Đã tự nhận hình thức trong quá trình kiểm tra (kết hợp quy trình)")
        # Issue 9 point 7: the member died and the body found the violation especially
        # serious, so the case proceeds without the self-criticism (HD 02-HD/TW point 1.2).
        DECEASED = "deceased", _("Đảng viên đã từ trần, tổ chức vẫn xem xét (vi phạm đặc biệt nghiêm trọng)")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Đang xem xét")
        PROPOSED = "proposed", _("Đã đề nghị cấp có thẩm quyền")
        DECIDED = "decided", _("Đã biểu quyết thi hành kỷ luật")
        NO_RESULT = "no_result", _("Không hình thức nào đủ số phiếu: không kỷ luật")
        STATUTE_EXPIRED = "statute_expired", _("Đã hết thời hiệu: không kỷ luật")
        # Issue 9 point 7 (domain.md §11b.3): a deceased member is not disciplined unless the
        # violation is especially serious; an exemption ground lets the body exempt.
        DECEASED = "deceased", _("Đảng viên từ trần: không kỷ luật")
        EXEMPTED = "exempted", _("Miễn kỷ luật theo căn cứ miễn trách nhiệm")

    case = models.OneToOneField(Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="discipline")
    setup_done = models.BooleanField(_("đã hoàn tất lập hồ sơ"), default=False)
    merged = models.BooleanField(_("kết hợp kiểm tra và thi hành kỷ luật"), default=False)
    violation = models.TextField(_("nội dung vi phạm"), blank=True)
    violation_start = models.DateField(_("vi phạm từ ngày"), null=True, blank=True)
    violation_end = models.DateField(_("vi phạm kéo dài đến ngày"), null=True, blank=True)
    statute_category = models.CharField(
        _("thời hiệu"), max_length=40, choices=StatuteCategory.choices, default=StatuteCategory.BY_FORM
    )
    subject_kind = models.CharField(_("loại đối tượng"), max_length=30, choices=SubjectKind.choices)
    # A committee member from the grassroots up who violates a task assigned by a higher
    # level is not disciplined by the cell: the cell proposes to the competent level
    # (QĐ 296-QĐ/TW Điều 10, 1.4 [S]; domain.md §5(E), §6.3; issue 9 point 2).
    higher_task = models.BooleanField(_("vi phạm nhiệm vụ do cấp trên giao"), default=False)
    # The body deciding the current round: the one named at opening, then the competent
    # body of each proposal. Its kind is derived from the body (DecidingBodyKind rows) and
    # stored as it was on the day, so a round already voted keeps its recorded kind.
    body_kind = models.CharField(_("loại cơ quan xem xét"), max_length=60, blank=True)
    body_label = models.CharField(_("cơ quan xem xét"), max_length=255, blank=True)
    body_committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan")
    )
    body_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("chi bộ")
    )
    self_criticism = models.CharField(
        _("kiểm điểm"), max_length=10, choices=SelfCriticism.choices, default=SelfCriticism.PENDING
    )
    self_proposed_form = models.CharField(
        _("tự nhận hình thức"), max_length=12, choices=SanctionForm.choices, blank=True
    )
    self_criticism_on = models.DateField(_("ngày nhận bản kiểm điểm / ghi nhận"), null=True, blank=True)
    self_criticism_note = models.TextField(_("ghi chú kiểm điểm"), blank=True)
    report_text = models.TextField(_("báo cáo đề nghị thi hành kỷ luật"), blank=True)
    proposed_form = models.CharField(_("hình thức đề nghị"), max_length=12, choices=SanctionForm.choices, blank=True)
    reported_on = models.DateField(_("ngày báo cáo"), null=True, blank=True)
    # A new violation within the period restarts the statute clock (domain.md §6.5).
    new_violation_on = models.DateField(_("ngày vi phạm mới"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    decided_form = models.CharField(_("hình thức kỷ luật"), max_length=12, choices=SanctionForm.choices, blank=True)
    voted_on = models.DateField(_("ngày biểu quyết quyết định"), null=True, blank=True)
    # The end point of the statute of limitations (domain.md §6.5, §11b.9; HD 02-HD/TW 2021):
    # the day the competent body concluded that the violation requires discipline. For a
    # case spawned from a concluded inspection or denunciation, that conclusion's day; else
    # the day of the first body's meeting, which concludes on the violation before it votes
    # (§5(E) step 3). Passing the file to a higher body does not move it.
    statute_end_on = models.DateField(
        _("ngày cấp có thẩm quyền kết luận vi phạm đến mức phải kỷ luật"), null=True, blank=True
    )
    statute_years = models.PositiveSmallIntegerField(_("thời hiệu (năm)"), null=True, blank=True)
    statute_runs_until = models.DateField(_("thời hiệu đến ngày"), null=True, blank=True)
    statute_expired = models.BooleanField(_("đã hết thời hiệu"), null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ thi hành kỷ luật")
        verbose_name_plural = _("hồ sơ thi hành kỷ luật")
        constraints = [
            models.CheckConstraint(
                condition=Q(violation_end__isnull=True)
                | Q(violation_start__isnull=True)
                | Q(violation_end__gte=models.F("violation_start")),
                name="discipline_violation_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(body_kind="cell") | Q(body_committee__isnull=True),
                name="discipline_cell_is_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Kỷ luật')} – {self.case_id}"


class DisciplineDeferral(models.Model):
    """Discipline not yet considered (domain.md §5(E), §7.9, §11b.3): a ground of effect
    "defer" or "missing" (inspections.models.grounds.DisciplineGround: pregnancy, maternity
    leave or a child under 12 months, a father raising the child alone, serious illness in
    hospital, a member declared missing). The case is suspended, its clock stops; resuming
    returns it to the step where it stopped."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="discipline_deferrals")
    # The ground's code (issue 9 point 7: the grounds are rows of DisciplineGround).
    reason = models.CharField(_("lý do"), max_length=40)
    ground = models.ForeignKey(
        "inspections.DisciplineGround",
        to_field="code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("căn cứ"),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    deferred_on = models.DateField(_("tạm hoãn từ ngày"))
    from_status = models.CharField(_("tạm hoãn ở bước"), max_length=20, choices=CaseStatus.choices)
    deferred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    resumed_on = models.DateField(_("tiếp tục từ ngày"), null=True, blank=True)
    resume_note = models.TextField(_("ghi chú khi tiếp tục"), blank=True)
    resumed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("tạm hoãn xem xét kỷ luật")
        verbose_name_plural = _("tạm hoãn xem xét kỷ luật")
        ordering = ["case", "deferred_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(resumed_on__isnull=True), name="deferral_one_open_per_case"
            ),
            models.CheckConstraint(
                condition=Q(resumed_on__isnull=True) | Q(resumed_on__gte=models.F("deferred_on")),
                name="deferral_resume_after_start",
            ),
        ]

    def reason_label(self) -> str:
        return self.ground.label if self.ground_id else self.reason


class DisciplineProposal(models.Model):
    """A vote beyond the body's authority becomes a proposal to the competent body, which
    votes again (domain.md §5(E) steps 4-5; proposals go to the committee and the inspection
    committee of the next level, [R S66])."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="discipline_proposals")
    ballot = models.OneToOneField(Ballot, on_delete=models.PROTECT, related_name="proposal")
    form = models.CharField(_("hình thức đề nghị"), max_length=12, choices=SanctionForm.choices)
    from_body_label = models.CharField(_("cơ quan đề nghị"), max_length=255)
    to_body_kind = models.CharField(_("loại cơ quan có thẩm quyền"), max_length=60)
    to_body_label = models.CharField(_("cơ quan có thẩm quyền"), max_length=255)
    to_committee = models.ForeignKey(Committee, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_has_authority = models.BooleanField(_("cơ quan nhận có thẩm quyền"))
    sent_on = models.DateField(_("ngày gửi tờ trình"))
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đề nghị cấp có thẩm quyền thi hành kỷ luật")
        verbose_name_plural = _("đề nghị cấp có thẩm quyền thi hành kỷ luật")
        ordering = ["case", "pk"]


class DisciplineResponsibility(models.Model):
    """When an organisation is disciplined, the individual responsibility of its members,
    especially the head, is considered (domain.md §5(E), §8; issue 3 point 3)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="discipline_responsibilities")
    member = models.ForeignKey(PartyMember, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="+")
    is_head = models.BooleanField(_("người đứng đầu"), default=False)
    text = models.TextField(_("trách nhiệm cá nhân"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("trách nhiệm cá nhân trong kỷ luật tổ chức")
        verbose_name_plural = _("trách nhiệm cá nhân trong kỷ luật tổ chức")
        ordering = ["case", "-is_head", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "member"], name="responsibility_one_per_member"),
            models.CheckConstraint(condition=~Q(text=""), name="responsibility_text_given"),
        ]


class DisciplineDecision(models.Model):
    """The disciplinary decision (Quyết định thi hành kỷ luật) and its announcement
    (domain.md §6.4): effective on announcement; a refusal to receive it is noted and
    changes nothing."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="discipline_decision")
    form = models.CharField(_("hình thức kỷ luật"), max_length=12, choices=SanctionForm.choices)
    body_kind = models.CharField(_("loại cơ quan quyết định"), max_length=60)
    body_label = models.CharField(_("cơ quan quyết định"), max_length=255)
    number = models.CharField(_("số quyết định"), max_length=60)
    signed_on = models.DateField(_("ngày ký"))
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    announce_rule = models.CharField(_("quy định về thời hạn công bố"), max_length=30)
    announce_due_on = models.DateField(_("hạn công bố"))
    announced_on = models.DateField(_("ngày công bố"), null=True, blank=True)
    announced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    refused_receipt = models.BooleanField(_("đối tượng từ chối nhận quyết định"), default=False)
    refusal_note = models.TextField(_("ghi nhận việc từ chối"), blank=True)
    record = models.OneToOneField(
        DisciplineRecord, null=True, blank=True, on_delete=models.PROTECT, related_name="decision"
    )
    # Dismissal (cách chức) ends the posts the decision names, from its effective date
    # (issue 9 point 8; domain.md §6.1, §6.4): party posts and committee seats held by the
    # member on the day it was signed.
    dismissed_positions = models.ManyToManyField(
        Position, blank=True, related_name="+", verbose_name=_("chức vụ bị cách chức")
    )
    dismissed_seats = models.ManyToManyField(
        CommitteeSeat, blank=True, related_name="+", verbose_name=_("vị trí trong cơ quan bị cách chức")
    )

    class Meta:
        verbose_name = _("quyết định thi hành kỷ luật")
        verbose_name_plural = _("quyết định thi hành kỷ luật")
        constraints = [
            models.CheckConstraint(condition=~Q(number=""), name="discipline_decision_numbered"),
            models.CheckConstraint(
                condition=Q(announced_on__isnull=True) | Q(announced_on__gte=models.F("signed_on")),
                name="discipline_announced_after_signing",
            ),
            models.CheckConstraint(
                condition=Q(refused_receipt=False) | ~Q(refusal_note=""), name="discipline_refusal_noted"
            ),
        ]


class StateProposal(models.Model):
    """No later than 5 days after party discipline, the party body proposes to the state,
    Fatherland Front or socio-political bodies the matching administrative or
    organisational action (Reg. 296; domain.md §5(E) principles) — a tracked task with a
    due date, or recorded "not applicable" with the reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chưa thực hiện")
        SENT = "sent", _("Đã gửi đề nghị")
        NOT_APPLICABLE = "not_applicable", _("Không thuộc trường hợp phải đề nghị")

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="state_proposal")
    record = models.ForeignKey(DisciplineRecord, on_delete=models.PROTECT, related_name="state_proposals")
    due_on = models.DateField(_("hạn đề nghị"))
    status = models.CharField(_("tình trạng"), max_length=16, choices=Status.choices, default=Status.PENDING)
    sent_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    recipient = models.CharField(_("cơ quan nhận đề nghị"), max_length=255, blank=True)
    reason = models.TextField(_("lý do không đề nghị"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("đề nghị xử lý hành chính, đoàn thể")
        verbose_name_plural = _("đề nghị xử lý hành chính, đoàn thể")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending", sent_on__isnull=True, done_by__isnull=True)
                | Q(status="sent", sent_on__isnull=False, done_by__isnull=False) & ~Q(recipient="")
                | Q(status="not_applicable", sent_on__isnull=True, done_by__isnull=False) & ~Q(reason=""),
                name="state_proposal_complete",
            ),
        ]
