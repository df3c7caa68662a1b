"""Notifications and their outbox (issue 11 points 2 and 3).

A `Notification` is written by a service in the same transaction as the change that causes
it (a task assigned, a ballot opened, a deadline near), for one recipient, and carries only
what that recipient may see: the case number, the step, the date — never a sealed party,
never a case's text. It is shown in the app (the bell) at once. Its e-mail, when the
recipient wants one for that kind, is an `OutboxMessage` written in the same transaction and
delivered later by a background job (workflow.jobs): delivery is idempotent (a message sent
is never sent again), retried with a growing delay, and a message that keeps failing stops
after a limit and shows in the admin with its error. Nothing is lost when the broker or the
mail server is down: the rows wait in the database.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspections.models.case import Case


class NotificationKind(models.TextChoices):
    TASK_ASSIGNED = "task_assigned", _("Công việc được giao cho bạn")
    TASK_QUEUED = "task_queued", _("Công việc đang chờ nhận trong hàng đợi")
    DECLARATION_NEEDED = "declaration_needed", _("Cần khai báo xung đột lợi ích trước khi làm việc")
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")
    FOLLOW_UP = "follow_up", _("Yêu cầu, kiến nghị sắp đến hạn hoặc quá hạn")
    STATE_PROPOSAL = "state_proposal", _("Đề nghị cơ quan nhà nước (thời hạn 5 ngày)")
    BALLOT_OPENED = "ballot_opened", _("Cuộc bỏ phiếu kín mở cho bạn")
    WORK_MOVED = "work_moved", _("Công việc được chuyển cho bạn (ủy quyền, bàn giao)")


class Notification(models.Model):
    """One notice to one person. `key` makes a notice idempotent: the same event (e.g. the
    "due soon" of one case on one day) written twice is one row."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("loại thông báo"), max_length=24, choices=NotificationKind.choices)
    text = models.CharField(_("nội dung"), max_length=300)
    url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    case = models.ForeignKey(
        Case, verbose_name=_("hồ sơ"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("mã sự kiện"), max_length=120)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_event")]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_list"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
        ]

    def __str__(self) -> str:
        return self.text


class NotificationPreference(models.Model):
    """A person's choice for one kind: in the app and/or by e-mail. Without a row the
    default applies (in the app: yes; e-mail: yes when the person has an address)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("loại thông báo"), max_length=24, choices=NotificationKind.choices)
    in_app = models.BooleanField(_("trong phần mềm"), default=True)
    email = models.BooleanField(_("qua thư điện tử"), default=True)

    class Meta:
        verbose_name = _("lựa chọn nhận thông báo")
        verbose_name_plural = _("lựa chọn nhận thông báo")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")]


class OutboxMessage(models.Model):
    """An e-mail to deliver for a notification: pending until a delivery job sends it
    (sent), retried with a growing delay after a failure, given up after the limit (dead,
    shown in the admin with its last error)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        SENT = "sent", _("Đã gửi")
        DEAD = "dead", _("Gửi lỗi, đã dừng thử lại")

    notification = models.OneToOneField(
        Notification, verbose_name=_("thông báo"), on_delete=models.CASCADE, related_name="outbox"
    )
    to = models.EmailField(_("gửi đến"))
    subject = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung thư"))
    state = models.CharField(_("trạng thái"), max_length=8, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    next_attempt_at = models.DateTimeField(_("thử lại lúc"), db_index=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("thư chờ gửi")
        verbose_name_plural = _("thư chờ gửi")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(state="pending"), name="outbox_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="sent", sent_at__isnull=False) | (~Q(state="sent") & Q(sent_at__isnull=True)),
                name="outbox_sent_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
