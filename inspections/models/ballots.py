"""Secret ballots (design.md key decision 5): the ballot, who took part, and the
anonymous votes, stored apart.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspections.models.case import Case


class Ballot(models.Model):
    """A secret ballot of a deciding body (domain.md §6.2; design.md decision 5).

    Who took part (BallotParticipation) and how they voted (BallotVote) are kept apart: a
    vote row has no user, no time and a random key, so nothing links it to a participant.
    The tallies exist only once the chair closes the ballot. Any case kind may hold
    ballots (discipline: the forms, heaviest first; complaints: keep / increase / reduce /
    remove); the options carry the thresholds each must reach (rule-book codes).
    """

    class Purpose(models.TextChoices):
        DECIDE = "decide", _("Biểu quyết quyết định")
        PROPOSE = "propose", _("Biểu quyết đề nghị cấp có thẩm quyền")
        DECIDE_OR_PROPOSE = (
            "decide_propose",
            _("Quyết định hình thức trong thẩm quyền, đề nghị hình thức vượt thẩm quyền"),
        )

    class Mode(models.TextChoices):
        # Issue 9 point 1 (Reg. 69 Art. 15; domain.md §6.2): a member without an account, or
        # a meeting held on paper, votes on a paper the vote-counting board counts; its count
        # (numbers only, never names) joins the papers cast here.
        ONLINE = "online", _("Bỏ phiếu trên hệ thống")
        PAPER = "paper", _("Bỏ phiếu bằng phiếu giấy")
        MIXED = "mixed", _("Kết hợp: thành viên có tài khoản bỏ phiếu trên hệ thống, thành viên khác bằng phiếu giấy")

    class ReachedBy(models.TextChoices):
        SINGLE = "single", _("Đủ số phiếu ở chính hình thức đó")
        CUMULATIVE = "cumulative", _("Cộng dồn phiếu từ hình thức cao xuống")

    case = models.ForeignKey(Case, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="ballots")
    round = models.PositiveSmallIntegerField(_("lần bỏ phiếu"))
    purpose = models.CharField(_("mục đích"), max_length=16, choices=Purpose.choices)
    body_label = models.CharField(_("cơ quan biểu quyết"), max_length=255)
    body_kind = models.CharField(_("loại cơ quan"), max_length=40)
    # [{"code", "label", "purpose", "thresholds": [rule-book codes]}], heaviest first.
    options = models.JSONField(_("các phương án"))
    cumulative = models.BooleanField(_("cộng dồn phiếu"), default=True)
    # The count base (domain.md §6.2; Reg. 294, 9.3.2): full members of the body, absentees
    # included, less those temporarily attending elsewhere and exempted members who are absent.
    members_total = models.PositiveIntegerField(_("tổng số thành viên (đảng viên chính thức)"))
    away_count = models.PositiveIntegerField(_("số đang sinh hoạt tạm thời nơi khác"), default=0)
    exempted_absent_count = models.PositiveIntegerField(_("số được miễn sinh hoạt và vắng mặt"), default=0)
    count_base = models.PositiveIntegerField(_("số thành viên làm căn cứ tính tỷ lệ"))
    # The body's roster on the meeting day (issue 9 point 1): [{"key", "name", "account",
    # "away", "exempted_absent", "present", "paper"}], names in order; members_total is its
    # length, away_count and exempted_absent_count its flags. Who voted how is not here.
    roster = models.JSONField(_("danh sách thành viên ngày họp"), default=list, blank=True)
    mode = models.CharField(_("hình thức bỏ phiếu"), max_length=8, choices=Mode.choices, default=Mode.ONLINE)
    paper_issued = models.PositiveIntegerField(_("số phiếu giấy phát ra"), default=0)
    paper_returned = models.PositiveIntegerField(_("số phiếu giấy thu về"), null=True, blank=True)
    paper_invalid = models.PositiveIntegerField(_("số phiếu giấy không hợp lệ"), null=True, blank=True)
    paper_tally = models.JSONField(_("số phiếu giấy từng phương án"), default=dict, blank=True)
    base_note = models.CharField(_("cách tính căn cứ"), max_length=300)
    present_count = models.PositiveIntegerField(_("số có mặt"))
    voters_count = models.PositiveIntegerField(_("số được phát phiếu"))
    rules_on = models.DateField(_("áp dụng quy định có hiệu lực ngày"))
    opened_at = models.DateTimeField(_("thời điểm mở"), auto_now_add=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    valid_count = models.PositiveIntegerField(_("số phiếu hợp lệ"), null=True, blank=True)
    invalid_count = models.PositiveIntegerField(_("số phiếu không hợp lệ"), null=True, blank=True)
    tally = models.JSONField(_("số phiếu từng phương án"), default=dict, blank=True)
    cumulative_tally = models.JSONField(_("số phiếu cộng dồn"), default=dict, blank=True)
    threshold_formula = models.TextField(_("tỷ lệ áp dụng"), blank=True)
    result = models.CharField(_("kết quả"), max_length=20, blank=True)
    result_purpose = models.CharField(_("tính chất kết quả"), max_length=16, choices=Purpose.choices, blank=True)
    reached_by = models.CharField(_("cách đạt"), max_length=12, choices=ReachedBy.choices, blank=True)

    class Meta:
        verbose_name = _("cuộc bỏ phiếu kín")
        verbose_name_plural = _("các cuộc bỏ phiếu kín")
        ordering = ["case", "round"]
        constraints = [
            models.UniqueConstraint(fields=["case", "round"], name="ballot_unique_round"),
            models.UniqueConstraint(fields=["case"], condition=Q(closed_at__isnull=True), name="ballot_one_open"),
            models.CheckConstraint(
                condition=Q(
                    count_base=models.F("members_total") - models.F("away_count") - models.F("exempted_absent_count")
                ),
                name="ballot_base_computed",
            ),
            models.CheckConstraint(condition=Q(count_base__gte=1), name="ballot_base_positive"),
            models.CheckConstraint(
                condition=Q(present_count__lte=models.F("count_base")), name="ballot_present_le_base"
            ),
            models.CheckConstraint(
                condition=Q(voters_count__lte=models.F("present_count")), name="ballot_voters_present"
            ),
            models.CheckConstraint(
                condition=Q(paper_issued__lte=models.F("voters_count")), name="ballot_paper_within_issued"
            ),
            models.CheckConstraint(
                condition=Q(paper_returned__isnull=True) | Q(paper_returned__lte=models.F("paper_issued")),
                name="ballot_paper_returned_le_issued",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True, closed_by__isnull=True, valid_count__isnull=True, result="")
                | Q(
                    closed_at__isnull=False,
                    closed_by__isnull=False,
                    valid_count__isnull=False,
                    invalid_count__isnull=False,
                ),
                name="ballot_closed_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Bỏ phiếu')} #{self.round} – {self.body_label}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def option_label(self, code: str) -> str:
        return next((o["label"] for o in self.options if o["code"] == code), code)


class BallotParticipation(models.Model):
    """That a person took part in a ballot (received and returned a paper). Nothing here
    says how they voted, and no vote row points here."""

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người bỏ phiếu"), on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("người đã bỏ phiếu")
        verbose_name_plural = _("người đã bỏ phiếu")
        constraints = [models.UniqueConstraint(fields=["ballot", "user"], name="ballot_one_participation")]


class BallotVote(models.Model):
    """One anonymous ballot paper: the option marked ("" = nothing marked, an invalid paper).
    No user, no timestamp; the key is random, so the order of rows says nothing about who
    cast them (the rows are rewritten in random order when the ballot closes)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="votes")
    option = models.CharField(_("phương án"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")
