"""Who decides a discipline and within what authority (issue 9 point 2; domain.md §2.1,
§6.3, §11b.8).

The kind of a deciding body is derived from the body actually chosen, never declared: a
cell (an organisation, or its body of kind CELL) is "cell"; any other committee takes the
code of the DecidingBodyKind row in force for its organisation's level and its kind (party
committee, standing committee, inspection committee), the governing province's own row
first. The code keys the sanction authority matrix (rulebook.may_impose), weighed with
what the rows cannot say: a task assigned by a higher level takes the case out of a cell's
authority, and dissolution is for the committee two levels above the organisation.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from inspections import rulebook
from inspections.deadlines import province_of
from inspections.exceptions import RuleViolation
from inspections.models import CELL_BODY, Case, DisciplineCase, SanctionForm
from people.models import Committee, Organisation


def authority_province(case: Case) -> int | None:
    """The province whose authority rows govern the case: the one above the jurisdiction
    the case was opened under (inspections.deadlines.province_of), so a province override
    applies to every body deciding it (None: the national rows)."""
    if case.rules_province_id is not None:
        return case.rules_province_id
    province = province_of(case)
    return None if province is None else province.pk


@dataclass(frozen=True)
class DecidingBody:
    """The body that decides a round: its kind's code and label, the committee or the cell."""

    code: str
    kind_label: str
    committee: Committee | None
    organisation: Organisation | None
    source: str = ""
    provisional: bool = False

    @property
    def name(self) -> str:
        body = self.committee if self.committee is not None else self.organisation
        return f"{self.kind_label} – {body.name}"

    @property
    def home(self) -> Organisation:
        """The organisation whose powers the body exercises."""
        return self.committee.organisation if self.committee is not None else self.organisation

    def key(self) -> tuple:
        return (self.code, self.committee, self.organisation)


def deciding_body(
    *,
    committee: Committee | None = None,
    organisation: Organisation | None = None,
    on: datetime.date,
    province=None,
) -> DecidingBody:
    """The deciding body chosen (a committee, or a cell), with its kind derived on `on` for
    `province` (its own DecidingBodyKind row first). A committee without a row in force:
    RuleViolation naming the table, for the administrator to complete."""
    if (committee is None) == (organisation is None):
        raise RuleViolation(_("Chọn một cơ quan xem xét kỷ luật: một ủy ban, ban thường vụ, cấp ủy, hoặc một chi bộ."))
    if committee is not None and committee.kind == Committee.Kind.CELL:
        # The cell's body acts as the cell itself (domain.md §6.3: the cell decides).
        committee, organisation = None, committee.organisation
    if organisation is not None:
        return DecidingBody(CELL_BODY, _("Chi bộ"), None, organisation, "Điều lệ Đảng Điều 36 (domain.md §6.3)")
    level = committee.organisation.level
    row = rulebook.deciding_body_kind(level_id=level.pk, committee_kind=committee.kind, on=on, province=province)
    if row is None:
        raise RuleViolation(
            _(
                "Chưa có quy định “loại cơ quan xem xét kỷ luật” cho %(kind)s cấp “%(level)s” có hiệu lực ngày "
                "%(day)s, nên chưa xác định được thẩm quyền thi hành kỷ luật của %(body)s. Đề nghị quản trị viên "
                "bổ sung trong trang quản trị quy định, hoặc chọn cơ quan khác."
            )
            % {
                "kind": committee.get_kind_display(),
                "level": level.name,
                "day": on.strftime("%d/%m/%Y"),
                "body": committee.name,
            }
        )
    # A seeded label is the msgid of its default: translate it.
    return DecidingBody(row.code, _(row.label), committee, None, row.source, row.provisional)


def two_levels_above(body: DecidingBody, organisation: Organisation) -> bool:
    """Dissolution is decided by the party committee two levels above the organisation
    (cấp ủy cấp trên cách một cấp; domain.md §6.3 [B], [S S14 Q80])."""
    parent = organisation.parent
    return (
        body.committee is not None
        and body.committee.kind == Committee.Kind.EXECUTIVE
        and parent is not None
        and parent.parent_id == body.home.pk
    )


def within_authority(
    *, body: DecidingBody, case: Case, discipline: DisciplineCase, form: str, on: datetime.date, province=None
) -> bool:
    """Whether `body` may decide `form` on the case's subject on `on`."""
    if body.code == CELL_BODY and discipline.higher_task:
        # QĐ 296-QĐ/TW Điều 10, 1.4 [S] (domain.md §5(E), §6.3): a violation of a task
        # assigned by a higher level is not disciplined by the cell; the cell proposes.
        return False
    if form == SanctionForm.DISSOLUTION and not (
        case.subject_organisation_id and two_levels_above(body, case.subject_organisation)
    ):
        return False
    return rulebook.may_impose(
        body_kind=body.code,
        subject_kind=discipline.subject_kind,
        form=form,
        on=on,
        province=province,
        admission_delegated=body.home.admission_delegated,
    )


def authority_refusal(*, body: DecidingBody, discipline: DisciplineCase, form: str, on: datetime.date, province=None):
    """The message for a body asked to decide `form` beyond its authority: the rule it
    rests on and what to do next (domain.md §5(E) step 4)."""
    row = rulebook.authority_rule(
        body_kind=body.code, subject_kind=discipline.subject_kind, form=form, on=on, province=province
    )
    if discipline.higher_task and body.code == CELL_BODY:
        rule = _("QĐ 296-QĐ/TW Điều 10: chi bộ không xử lý vi phạm nhiệm vụ do cấp trên giao")
    elif form == SanctionForm.DISSOLUTION:
        rule = _("giải tán tổ chức đảng do cấp ủy cấp trên cách một cấp quyết định")
    elif row is not None and row.allowed and row.requires_admission_delegation:
        rule = _("%(source)s: chỉ khi tổ chức đảng được ủy quyền kết nạp đảng viên") % {"source": row.source}
    elif row is not None:
        rule = row.source
    else:
        rule = _("bảng thẩm quyền thi hành kỷ luật không có dòng nào cho phép")
    return _(
        "%(body)s không có thẩm quyền quyết định hình thức “%(form)s” đối với %(subject)s (%(rule)s). "
        "Hãy đề nghị cấp ủy hoặc ủy ban kiểm tra cấp trên có thẩm quyền xem xét, quyết định."
    ) % {
        "body": body.name,
        "form": SanctionForm(form).label,
        "subject": DisciplineCase.SubjectKind(discipline.subject_kind).label.lower(),
        "rule": rule,
    }
