"""The parties of a case (denouncer, complainant, witness) with their sealed identities,
unseal requests and the chair's decisions, and the result notices generated for the
subject, the denouncer and the public (issue 4 point 4).

Every view finds the case among those the user may see (404 otherwise, as everywhere),
then checks the action it needs (403). Revealing an identity or opening a sealed scan is
a POST: a deliberate act that the service journals, never a link a browser may prefetch.
"""

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from inspections import access
from inspections.exceptions import AccessDenied
from inspections.models import Case, CaseParty, PartyDocument, UnsealRequest
from inspections.selectors import parties as party_selectors
from inspections.services import parties as party_services
from people.models import PartyMember
from workflow.fields import date_field
from workflow.views.base import CaseAction

# Forms check only the shape of the input; the rules live in inspections.services.parties.


class PartyForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Tư cách"), choices=CaseParty.Role.choices)
    full_name = forms.CharField(
        label=gettext_lazy("Họ và tên"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Được niêm phong. Có thể để trống nếu ghi số thẻ đảng viên."),
    )
    member_card_number = forms.CharField(
        label=gettext_lazy("Số thẻ đảng viên (nếu là đảng viên)"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("Được niêm phong."),
    )
    address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=300, required=False)
    contact = forms.CharField(label=gettext_lazy("Điện thoại, thư điện tử"), max_length=200, required=False)
    received_on = date_field(gettext_lazy("Ngày nhận đơn"), required=False)
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Ghi chú không được niêm phong: không ghi tên, địa chỉ hay thông tin nhận dạng."),
    )
    scan = forms.FileField(label=gettext_lazy("Bản chụp đơn, bút tích (niêm phong)"), required=False)
    scan_title = forms.CharField(label=gettext_lazy("Tên tài liệu niêm phong"), max_length=255, required=False)

    def clean_member_card_number(self):
        card = self.cleaned_data["member_card_number"].strip()
        if not card:
            return None
        member = PartyMember.objects.filter(card_number=card).first()
        if member is None:
            raise forms.ValidationError(_("Không tìm thấy đảng viên có số thẻ này."))
        return member


class ScanForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Tên tài liệu niêm phong"), max_length=255, required=False)
    file = forms.FileField(label=gettext_lazy("Tệp (bản chụp đơn, bút tích)"))


class UnsealRequestForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do cần xem danh tính"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class UnsealDecisionForm(forms.Form):
    decision = forms.TypedChoiceField(
        label=gettext_lazy("Quyết định"),
        choices=[("1", gettext_lazy("Đồng ý mở niêm phong")), ("0", gettext_lazy("Từ chối"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=gettext_lazy("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class CaseAccessMixin(LoginRequiredMixin):
    """Find the case among those the user may see (404), send a team member who still
    owes a declaration to it, then require `required_action` (403). Deny by default."""

    required_action = "view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        case = access.cases_visible_to(request.user).filter(pk=kwargs["pk"]).select_related("committee").first()
        if case is None:
            raise Http404
        if access.declaration_pending(request.user, case):
            return redirect("cases:declare", pk=case.pk)
        if not access.can(request.user, self.required_action, case):
            raise PermissionDenied
        self.case: Case = case
        if "party_pk" in kwargs:
            # The party of this case named in the URL, without its sealed columns.
            party = CaseParty.objects.filter(pk=kwargs["party_pk"], case=case).only("pk", "role", "case").first()
            if party is None:
                raise Http404
            party.case = case
            self.party: CaseParty = party
        return super().dispatch(request, *args, **kwargs)

    def get_case(self) -> Case:
        return self.case

    def party_url(self) -> str:
        return reverse("cases:party", args=[self.case.pk, self.party.pk])


class PartyListView(CaseAccessMixin, TemplateView):
    template_name = "kiemtra/parties.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        may_decide = access.can(user, "approve", self.case)
        return super().get_context_data(
            case=self.case,
            title=_("Các bên liên quan"),
            parties=party_selectors.parties_of(user, self.case),
            may_add=access.can(user, "work", self.case),
            may_decide=may_decide,
            pending=party_selectors.unseal_requests_of(self.case, pending_only=True) if may_decide else [],
            audiences=party_selectors.NOTICE_AUDIENCES.items(),
            **kwargs,
        )


class PartyDetailView(CaseAccessMixin, TemplateView):
    template_name = "kiemtra/parties_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        row = party_selectors.party_of(user, self.case, self.party.pk)
        may_decide = access.can(user, "approve", self.case)
        requests = [
            r
            for r in party_selectors.unseal_requests_of(self.case)
            if r["party_pk"] == row.pk and (may_decide or r["request"].requested_by_id == user.pk)
        ]
        return super().get_context_data(
            case=self.case,
            title=row.role_label,
            party=row,
            may_add_scan=access.can(user, "work", self.case),
            may_decide=may_decide,
            requests=requests,
            **kwargs,
        )


class PartyRevealView(CaseAccessMixin, View):
    """POST only: reveal the identity (journaled by the service) and show it once."""

    http_method_names = ["post"]

    def post(self, request, pk: int, party_pk: int):
        try:
            identity = party_services.sealed_identity_read(actor=request.user, party=self.party)
        except AccessDenied as error:
            raise PermissionDenied from error
        response = render(
            request,
            "kiemtra/parties_identity.html",
            {
                "case": self.case,
                "title": _("Danh tính được niêm phong"),
                "party": self.party,
                "role_label": self.party.get_role_display(),
                "identity": identity,
            },
        )
        # Sealed data is never kept in a browser or proxy cache.
        add_never_cache_headers(response)
        response["Cache-Control"] += ", no-store"
        return response


class PartyScanDownloadView(CaseAccessMixin, View):
    """POST only: a sealed scan, served as an attachment after a journaled reveal."""

    http_method_names = ["post"]

    def post(self, request, pk: int, party_pk: int, scan_pk: int):
        try:
            scan = party_services.sealed_scan_open(actor=request.user, party=self.party, scan_pk=scan_pk)
        except AccessDenied as error:
            raise PermissionDenied from error
        except PartyDocument.DoesNotExist as error:
            raise Http404 from error
        try:
            handle = scan.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(handle, as_attachment=True, filename=scan.original_name, content_type=scan.content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        add_never_cache_headers(response)
        response["Cache-Control"] += ", no-store"
        return response


class PartyFormView(CaseAccessMixin, CaseAction):
    template_name = "kiemtra/parties_form.html"

    def get_context_data(self, **kwargs):
        party = getattr(self, "party", None)
        role_label = party.get_role_display() if party is not None else ""
        return super().get_context_data(**{"party_role_label": role_label, **kwargs})

    def service_context(self) -> dict:
        """The party named in the URL, or else the case."""
        party = getattr(self, "party", None)
        return {"party": party} if party is not None else super().service_context()


class PartyAddView(PartyFormView):
    required_action = "work"
    form_class = PartyForm
    service = party_services.party_add
    rename = {"member_card_number": "member"}  # cleaned to the member
    title = gettext_lazy("Ghi nhận bên liên quan")
    intro = gettext_lazy(
        "Họ tên, địa chỉ, liên lạc, số thẻ đảng viên và bản chụp đơn của người tố cáo, người khiếu nại, "
        "người làm chứng được niêm phong: chỉ cán bộ lập hồ sơ, trưởng đoàn và Chủ nhiệm được xem, "
        "và mỗi lần xem đều được ghi nhật ký."
    )
    done_message = gettext_lazy("Đã ghi nhận bên liên quan. Danh tính đã được niêm phong.")

    def get_success_url(self):
        return reverse("cases:party", args=[self.case.pk, self.result.pk])


class PartyScanAddView(PartyFormView):
    required_action = "work"
    form_class = ScanForm
    service = party_services.party_scan_add
    title = gettext_lazy("Thêm tài liệu niêm phong")
    intro = gettext_lazy("Bản chụp đơn, bút tích của bên liên quan được niêm phong như danh tính.")
    done_message = gettext_lazy("Đã lưu tài liệu niêm phong.")

    def get_success_url(self):
        return self.party_url()


class UnsealRequestView(PartyFormView):
    form_class = UnsealRequestForm
    service = party_services.unseal_request
    title = gettext_lazy("Đề nghị mở niêm phong danh tính")
    intro = gettext_lazy(
        "Chủ nhiệm Ủy ban Kiểm tra xem xét đề nghị. Nếu được đồng ý, bạn được xem danh tính này trong thời hạn "
        "được duyệt; mỗi lần xem đều được ghi nhật ký."
    )
    done_message = gettext_lazy("Đã gửi đề nghị. Chủ nhiệm sẽ quyết định.")

    def get_success_url(self):
        return self.party_url()


class UnsealDecideView(PartyFormView):
    required_action = "approve"
    form_class = UnsealDecisionForm
    service = party_services.unseal_decide
    rename = {"decision": "approve"}
    template_name = "kiemtra/parties_decide.html"
    title = gettext_lazy("Quyết định mở niêm phong")
    intro = gettext_lazy("Đồng ý hoặc từ chối, có ghi lý do. Người đề nghị không được tự quyết định đề nghị của mình.")
    done_message = gettext_lazy("Đã ghi quyết định.")

    def get_request(self) -> UnsealRequest:
        request = (
            UnsealRequest.objects.filter(pk=self.kwargs["req_pk"], case=self.case)
            .select_related("requested_by")
            .first()
        )
        if request is None:
            raise Http404
        return request

    def get_context_data(self, **kwargs):
        request = self.get_request()
        labels = dict(CaseParty.Role.choices)
        role = CaseParty.objects.filter(pk=request.party_id).values_list("role", flat=True).first()
        return super().get_context_data(unseal=request, party_role_label=labels.get(role, role), **kwargs)

    def service_context(self) -> dict:
        return {"request": self.get_request()}

    def get_success_url(self):
        return reverse("cases:parties", args=[self.case.pk])


class NoticeView(CaseAccessMixin, TemplateView):
    """The result notice for the subject, the denouncer or the public, generated from a
    whitelist of case fields (inspections.selectors.parties.notice_content)."""

    template_name = "kiemtra/notice.html"

    def get_context_data(self, **kwargs):
        audience = self.kwargs["audience"]
        if audience not in party_selectors.NOTICE_AUDIENCES:
            raise Http404
        return super().get_context_data(
            notice=party_selectors.notice_content(self.case, audience),
            case_pk=self.case.pk,
            title=_("Thông báo kết quả"),
            **kwargs,
        )
