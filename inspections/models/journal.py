"""The append-only, hash-chained journal of every case and its checkpoints
(design.md key decision 4; database triggers refuse UPDATE and DELETE).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inspections.models.case import Case


class JournalEntry(models.Model):
    """Append-only, per-case SHA-256 hash chain (design.md decision 4). Database triggers
    (migration 0002) refuse UPDATE and DELETE on this table."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="journal", db_constraint=True)
    seq = models.PositiveIntegerField(_("thứ tự"))
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(_("người thực hiện"), max_length=200)
    action = models.CharField(_("hành động"), max_length=60)
    payload = models.TextField(_("dữ liệu"))
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký")
        ordering = ["case", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="journal_unique_seq")]


class JournalCheckpoint(models.Model):
    """A periodic anchor over every journal chain (design.md decision 4), made by
    `manage.py journal_checkpoint`. A hash chain alone cannot show that its newest entries
    were cut off; a checkpoint records each chain's head (case, seq, hash), so a later
    truncation is found. Checkpoints form their own SHA-256 chain (prev_digest → digest).
    Database triggers (migration 0007_journal_checkpoint_triggers) refuse UPDATE and DELETE
    here and on the recorded heads."""

    created_at = models.DateTimeField(_("thời điểm"))
    chain_count = models.PositiveIntegerField(_("số chuỗi"))
    entry_count = models.PositiveBigIntegerField(_("số mục"))
    # sha256 over the sorted "case_id:seq:hash" lines of every chain head at created_at.
    heads_digest = models.CharField(max_length=64)
    prev_digest = models.CharField(max_length=64)
    digest = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("điểm kiểm chứng nhật ký")
        verbose_name_plural = _("điểm kiểm chứng nhật ký")
        ordering = ["pk"]
        constraints = [
            # One successor per checkpoint: two concurrent runs cannot fork the chain.
            models.UniqueConstraint(fields=["prev_digest"], name="checkpoint_one_successor"),
        ]


class JournalCheckpointHead(models.Model):
    """A chain head recorded by a checkpoint: only the chains that moved since the previous
    checkpoint (the first records them all), so the table grows with the journal, not with
    cases × checkpoints. The heads at any checkpoint are the replay of these rows."""

    checkpoint = models.ForeignKey(JournalCheckpoint, on_delete=models.PROTECT, related_name="heads")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    seq = models.PositiveIntegerField()
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("đầu chuỗi đã ghi nhận")
        verbose_name_plural = _("đầu chuỗi đã ghi nhận")
        constraints = [models.UniqueConstraint(fields=["checkpoint", "case"], name="checkpoint_head_unique")]
        indexes = [models.Index(fields=["case", "checkpoint"])]
