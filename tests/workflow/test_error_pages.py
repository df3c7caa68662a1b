"""Error pages in the user's language (workflow.views.errors): Django's English "403
Forbidden" / "Not Found" pages are never shown; the 403 says what the user may do next and
never repeats an exception's internal (English) text; 404 says nothing about the case."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory, override_settings

from tests.factories.people import UserFactory
from workflow.views import errors

pytestmark = pytest.mark.django_db


def test_a_403_is_in_vietnamese_and_hides_the_exceptions_own_text():
    request = RequestFactory().get("/cases/1/")
    request.user = UserFactory(username="someone")
    response = errors.permission_denied(request, PermissionDenied("Transition not allowed"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện thao tác này" in page and "đề nghị người phụ trách" in page
    assert "Transition" not in page and "Forbidden" not in page


@override_settings(DEBUG=False)
def test_a_404_is_in_vietnamese(client):
    client.force_login(UserFactory(username="someone"))
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang hoặc hồ sơ" in page and "Not Found" not in page


def test_the_500_page_is_vietnamese_and_self_contained():
    from django.template import loader

    page = loader.render_to_string("500.html")
    assert "Đã có lỗi trong hệ thống" in page and "{%" not in page
