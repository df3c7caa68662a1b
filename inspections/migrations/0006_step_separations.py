"""The shipped segregation-of-duties rows (design.md decision 7): who may not act on which
step of which kind. Editable in the admin; idempotent; the reverse keeps the rows."""

from django.db import migrations

# (kind, step, excluded role, note[, in force]); a row is in force unless it says False.
SEPARATIONS = [
    # Default segregation of duties (design.md decision 7; domain.md §6.2 for votes). Editable.
    ("A", "sign_decision", "drafter", "Người dự thảo quyết định không ký quyết định"),
    ("A", "review_team_report", "leader", "Trưởng đoàn không tự duyệt báo cáo của đoàn"),
    ("A", "review_team_report", "member", "Thành viên đoàn không duyệt báo cáo của đoàn"),
    ("A", "approve_conclusion", "leader", "Người dự thảo kết luận không phê duyệt kết luận"),
    ("A", "approve_conclusion", "member", "Thành viên đoàn không phê duyệt kết luận"),
    # E/vote and F/vote ship switched off (issue 9 point 1, domain.md §11b.2: no rule bars
    # the verifying team from voting); migration 0010 records the same on older databases.
    ("E", "vote", "leader", "Người trực tiếp thẩm tra không biểu quyết kỷ luật", False),
    ("E", "vote", "member", "Người trực tiếp thẩm tra không biểu quyết kỷ luật", False),
    # Segregation of duties on the steps B, G and H share with A (design.md decision 7).
    ("B", "sign_decision", "drafter", "Người dự thảo đề xuất, quyết định không ký quyết định"),
    ("B", "review_team_report", "leader", "Trưởng đoàn không tự duyệt báo cáo của đoàn"),
    ("B", "review_team_report", "member", "Thành viên đoàn không duyệt báo cáo của đoàn"),
    ("B", "approve_conclusion", "leader", "Người dự thảo kết luận không phê duyệt kết luận"),
    ("B", "approve_conclusion", "member", "Thành viên đoàn không phê duyệt kết luận"),
    ("G", "sign_decision", "drafter", "Người dự thảo đề xuất, quyết định không ký quyết định"),
    ("G", "review_team_report", "leader", "Trưởng đoàn không tự duyệt báo cáo của đoàn"),
    ("G", "review_team_report", "member", "Thành viên đoàn không duyệt báo cáo của đoàn"),
    ("G", "approve_conclusion", "leader", "Người dự thảo kết luận không phê duyệt kết luận"),
    ("G", "approve_conclusion", "member", "Thành viên đoàn không phê duyệt kết luận"),
    ("H", "sign_decision", "drafter", "Người dự thảo đề xuất, quyết định không ký quyết định"),
    ("H", "review_team_report", "leader", "Trưởng đoàn không tự duyệt báo cáo của đoàn"),
    ("H", "review_team_report", "member", "Thành viên đoàn không duyệt báo cáo của đoàn"),
    ("H", "approve_conclusion", "leader", "Người dự thảo kết luận không phê duyệt kết luận"),
    ("H", "approve_conclusion", "member", "Thành viên đoàn không phê duyệt kết luận"),
    # Segregation of duties for thematic supervision (design.md decision 7; domain.md §5(C)
    # C2: staff draft, the chair signs; the group does not accept its own report). Editable.
    ("C2", "sign_decision", "drafter", "Người dự thảo quyết định giám sát không ký quyết định"),
    ("C2", "review_report", "leader", "Tổ trưởng không tự duyệt báo cáo kết quả giám sát"),
    ("C2", "review_report", "member", "Thành viên tổ giám sát không duyệt báo cáo kết quả giám sát"),
    ("C2", "sign_notice", "leader", "Người dự thảo thông báo kết quả giám sát không ký thông báo"),
    ("C2", "sign_notice", "member", "Thành viên tổ giám sát không ký thông báo kết quả giám sát"),
    # Segregation of duties for denunciations (design.md decision 7; editable in the admin).
    # Triage is decided by the chair, never by the clerk who registered the letter alone
    # (domain.md §5(D) "Intake and triage": the clerk proposes, the body decides).
    ("D", "triage", "drafter", "Cán bộ tiếp nhận, vào sổ đơn không tự quyết định xử lý đơn"),
    ("D", "sign_decision", "drafter", "Người dự thảo quyết định không ký quyết định"),
    ("D", "review_team_report", "leader", "Trưởng đoàn không tự duyệt báo cáo của đoàn"),
    ("D", "review_team_report", "member", "Thành viên đoàn không duyệt báo cáo của đoàn"),
    ("D", "approve_conclusion", "leader", "Người dự thảo kết luận không phê duyệt kết luận"),
    ("D", "approve_conclusion", "member", "Thành viên đoàn không phê duyệt kết luận"),
    # Segregation of duties for complaints (design.md decision 7; domain.md §5(F)). Editable.
    ("F", "check_admissibility", "drafter", "Cán bộ tiếp nhận đơn không tự quyết định thụ lý đơn khiếu nại"),
    ("F", "review_report", "leader", "Trưởng đoàn không tự duyệt báo cáo của đoàn"),
    ("F", "review_report", "member", "Thành viên đoàn không duyệt báo cáo của đoàn"),
    ("F", "hold_meeting", "leader", "Người trực tiếp thẩm tra không ghi nhận kết quả biểu quyết"),
    ("F", "hold_meeting", "member", "Người trực tiếp thẩm tra không ghi nhận kết quả biểu quyết"),
    # The complaint's competent body votes by secret ballot (domain.md §5(F) step 3, §6.2).
    # Barring the team that reviewed the complaint is an option, off (as E/vote above).
    ("F", "vote", "leader", "Người trực tiếp thẩm tra, xác minh không biểu quyết giải quyết khiếu nại", False),
    ("F", "vote", "member", "Người trực tiếp thẩm tra, xác minh không biểu quyết giải quyết khiếu nại", False),
]


def seed(apps, schema_editor):
    StepSeparation = apps.get_model("inspections", "StepSeparation")
    for kind, step, role, note, *in_force in SEPARATIONS:
        defaults = {"note": note, "is_active": in_force[0] if in_force else True}
        StepSeparation.objects.update_or_create(kind=kind, step=step, excluded_role=role, defaults=defaults)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0005_reference_data")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
