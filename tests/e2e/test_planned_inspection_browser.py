"""Acceptance, in a real browser: a committee staff member, the team leader, a team member
and the chair carry a planned inspection from decision to close, while the subject's own
account sees none of it.

Everything goes through the pages a person uses: the login page, the start form, the
conflict-of-interest declaration, the inbox and queue, the claim pages, the step forms
(kiemtra/_form.html) and the case page. Only the world (committee, people, seats) is made
directly, by the `world` fixture.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.e2e.conftest import ARTIFACTS, TIMEOUT_MS, missing_requirements
from tests.workflow.conftest import pdf
from tests.workflow.helpers import complete, declare, open_case

_missing = missing_requirements()
if _missing:
    pytest.skip(f"browser tests skipped: {_missing}", allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402

expect.set_options(timeout=TIMEOUT_MS)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "pw-Kiemtra-2026!"  # the `world` fixture's password
PDF = b"%PDF-1.4\n%%EOF\n"
STEP_DONE = "Hoàn thành bước này"
CASE_PAGE = re.compile(r"/cases/(\d+)/$")
# The first column of the inbox and queue, "#process/task". The slash is escaped: Playwright
# passes the pattern to the page as a JavaScript /regex/ literal.
TASK_LINK = re.compile(r"^#\d+\/\d+$")


def d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def pdf_file(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


class Person:
    """One user in their own browser context (own cookies), signed in through the login page."""

    def __init__(self, browser, base_url: str, username: str):
        self.username = username
        self.base_url = base_url
        self.context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)

    def login(self):
        page = self.page
        self.goto("/accounts/login/")
        page.locator("input[name=username]").fill(self.username)
        page.locator("input[name=password]").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return self

    def declare_if_asked(self):
        """A team member is asked for the conflict-of-interest declaration before seeing the
        case: declare none, and land on the case page."""
        if "/declare/" in self.page.url:
            self.page.locator("input[name=has_conflict][value='0']").check()
            self.page.get_by_role("button", name="Ghi nhận").click()
            expect(self.page).to_have_url(CASE_PAGE)

    def open_case_page(self, case_pk: int):
        self.goto(f"/cases/{case_pk}/")
        self.declare_if_asked()
        expect(self.page.locator("#case-status")).to_be_visible()

    def submit(self, button: str = STEP_DONE):
        """Submit the form on the page and land on the case page; fail with the form's
        errors if the form comes back instead."""
        page = self.page
        page.get_by_role("button", name=button).click()
        expect(page.locator("#case-status, .kt-errors").first).to_be_visible()
        errors = page.locator(".kt-errors")
        assert errors.count() == 0, f"{self.username}: the form came back with errors: {errors.all_inner_texts()}"
        expect(page).to_have_url(CASE_PAGE)

    def expect_step_form(self, step_title: str):
        expect(self.page.locator(".kt-card h2").first).to_have_text(step_title)

    def task_row(self, list_path: str, case_number: str, step_title: str):
        self.goto(list_path)
        row = self.page.locator("tbody tr").filter(has_text=case_number).filter(has_text=step_title)
        expect(row).to_have_count(1)
        return row

    def claim_on_its_page(self, step_title: str):
        """On a task's claim page (viewflow's assign page): "assign and continue" to its form."""
        self.page.locator("button[name=_continue]").click()
        self.expect_step_form(step_title)

    def claim_from_queue_link(self, case_number: str, step_title: str):
        """Queue: follow the task's own link to its claim page, claim it and go on to its form."""
        row = self.task_row("/workflow/queue/", case_number, step_title)
        row.get_by_role("link", name=TASK_LINK).click()
        self.claim_on_its_page(step_title)

    def claim_from_queue_action(self, case_number: str, step_title: str):
        """Queue: tick the task, choose the "claim selected" action, confirm; then open the
        task from the inbox."""
        page = self.page
        row = self.task_row("/workflow/queue/", case_number, step_title)
        row.locator("input[type=checkbox]").check()
        page.locator(".vf-list__action-select .mdc-select__anchor").click()
        page.get_by_role("option", name="Nhận các việc đã chọn").click()
        page.get_by_role("button", name="GO").click()
        confirmation = page.locator("form.vf-form")
        expect(confirmation).to_contain_text(step_title)
        confirmation.get_by_role("button", name="Xác nhận").click()
        expect(page).not_to_have_url(re.compile(r"/queue/assign/"))
        self.open_from_inbox(case_number, step_title)

    def claim_from_case_page(self, case_pk: int, step_title: str):
        """Case page: follow the open task's link ("chờ nhận") to its claim page."""
        self.open_case_page(case_pk)
        self.page.locator("#tasks").get_by_role("link", name=step_title).click()
        self.claim_on_its_page(step_title)

    def open_from_inbox(self, case_number: str, step_title: str):
        """Inbox: follow the task's link to its form."""
        row = self.task_row("/workflow/inbox/", case_number, step_title)
        row.get_by_role("link", name=TASK_LINK).click()
        self.expect_step_form(step_title)

    def screenshot(self, name: str):
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def close(self):
        self.context.close()


class Cast(dict):
    """The people of a test by `world` key ("staff", "chair", ...), each opened on first use."""

    def __init__(self, browser, base_url: str, users: dict):
        super().__init__()
        self.browser, self.base_url, self.users = browser, base_url, users

    def __missing__(self, key: str) -> Person:
        person = self[key] = Person(self.browser, self.base_url, self.users[key].username)
        return person


@pytest.fixture
def people(live_site, world, browser):
    cast = Cast(browser, live_site.url, world["users"])
    yield cast
    for person in cast.values():
        person.close()


@pytest.fixture
def screenshots_on_failure(request, people):
    """After a failed test, a screenshot and the HTML of every person's page in artifacts/."""
    yield
    report = getattr(request.node, "rep_call", None)  # set by conftest.pytest_runtest_makereport
    if report is None or not report.failed:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    for key, person in people.items():
        try:
            person.page.screenshot(path=str(ARTIFACTS / f"failure-{key}.png"), full_page=True)
            (ARTIFACTS / f"failure-{key}.html").write_text(person.page.content())
        except Exception:  # noqa: S112 - best effort: the test's own failure is what matters
            continue


def test_staff_leader_member_and_chair_close_a_planned_inspection_the_subject_sees_nothing(
    live_site, world, browser, people, screenshots_on_failure
):
    today = timezone.localdate()
    due = today + datetime.timedelta(days=90)
    users = world["users"]
    staff, chair, leader, member, subject = (people[k] for k in ("staff", "chair", "leader", "member", "subject"))

    # --- Staff draft the decision and the team on the start form. --------------------------
    staff.login()
    page = staff.page
    staff.goto(reverse("workflow:flows:plannedinspection:open_case:execute"))
    expect(page.get_by_role("heading", name="Lập hồ sơ kiểm tra theo chương trình")).to_be_visible()
    page.locator("input[name=title]").fill("Kiểm tra việc chấp hành nguyên tắc tập trung dân chủ")
    page.locator("input[name=subject_card_number]").fill(world["subject_member"].card_number)
    page.locator("input[name=key_areas]").first.check()
    page.locator("textarea[name=grounds]").fill("Chương trình kiểm tra, giám sát năm 2026")
    page.locator("input[name=period_start]").fill("01/01/2025")
    page.locator("input[name=period_end]").fill("30/06/2026")
    page.locator("select[name=leader]").select_option(label=users["leader"].full_name)
    page.locator("label", has_text=users["member"].full_name).locator("input[name=members]").check()
    staff.submit("Lập hồ sơ")
    case_pk = int(CASE_PAGE.search(page.url).group(1))
    case_number = page.locator("#summary h2").inner_text().split(" – ")[0].strip()
    assert case_number, "the case page shows no case number"
    expect(page.locator(".kt-messages")).to_contain_text(f"Đã lập hồ sơ {case_number}")
    expect(page.locator("#case-status")).to_have_text("Dự thảo quyết định")

    # --- The chair signs the decision from the inbox. ------------------------------------
    chair.login()
    chair.open_from_inbox(case_number, "Ký quyết định kiểm tra")
    chair.page.locator("input[name=signed_on]").fill(d(today))
    chair.submit()
    expect(chair.page.locator("#case-status")).to_have_text("Đã ký quyết định")

    # --- The team member declares, claims the team's steps and does them. ----------------
    member.login()
    mp = member.page
    member.open_case_page(case_pk)
    member.claim_from_queue_link(case_number, "Thông báo quyết định cho đối tượng")
    mp.locator("input[name=sent_on]").fill(d(today))
    mp.locator("input[name=file]").set_input_files(files=[pdf_file("thong-bao.pdf")])
    member.submit()
    expect(mp.locator("#case-status")).to_have_text("Đã thông báo đối tượng")
    expect(mp.locator("#documents")).to_contain_text("Thông báo quyết định kiểm tra")

    member.claim_from_queue_action(case_number, "Nhận báo cáo tự kiểm tra")
    mp.locator("input[name=received_on]").fill(d(today))
    mp.locator("input[name=file]").set_input_files(files=[pdf_file("bao-cao-tu-kiem-tra.pdf")])
    member.submit()
    expect(mp.locator("#case-status")).to_have_text("Đã nhận báo cáo tự kiểm tra")

    member.claim_from_queue_action(case_number, "Thẩm tra, xác minh")
    mp.locator("textarea[name=strengths]").fill("Duy trì sinh hoạt định kỳ")
    mp.locator("textarea[name=shortcomings]").fill("Chưa ghi biên bản đầy đủ")
    member.submit()
    expect(mp.locator("#findings")).to_contain_text("Chưa ghi biên bản đầy đủ")

    # --- The leader declares and reports; the chair accepts the report. -------------------
    leader.login()
    leader.open_case_page(case_pk)
    leader.open_from_inbox(case_number, "Báo cáo kết quả kiểm tra của đoàn")
    leader.page.locator("textarea[name=text]").fill("Báo cáo kết quả kiểm tra của đoàn")
    leader.submit()
    expect(leader.page.locator("#case-status")).to_have_text("Đã có báo cáo của đoàn")

    chair.open_from_inbox(case_number, "Xem xét báo cáo của đoàn")
    chair.page.get_by_label("Chấp nhận").check()
    chair.submit()

    # --- The leader drafts the conclusion; the chair approves it. ------------------------
    leader.open_from_inbox(case_number, "Dự thảo kết luận kiểm tra")
    leader.page.locator("textarea[name=text]").fill("Kết luận: cơ bản chấp hành tốt nguyên tắc tập trung dân chủ")
    leader.page.locator("textarea[name=recommendations]").fill(f"{d(due)} | Kiện toàn sổ sách ghi biên bản")
    leader.submit()
    expect(leader.page.locator("#case-status")).to_have_text("Đang dự thảo kết luận")

    chair.open_from_inbox(case_number, "Duyệt kết luận kiểm tra")
    chair.page.get_by_label("Chấp nhận").check()
    chair.submit()
    expect(chair.page.locator("#recommendations")).to_contain_text("Kiện toàn sổ sách ghi biên bản")

    # --- Staff convey the conclusion; the member follows it up to the end. ---------------
    staff.claim_from_case_page(case_pk, "Thông báo kết luận cho đối tượng")
    staff.page.locator("input[name=sent_on]").fill(d(today))
    staff.submit()
    expect(staff.page.locator("#case-status")).to_have_text("Theo dõi thực hiện kết luận")

    member.claim_from_queue_action(case_number, "Theo dõi thực hiện kết luận")
    done = mp.locator("input[name=done]")
    expect(done).to_have_count(1)
    done.check()
    mp.locator("input[name=done_on]").fill(d(today))
    mp.locator("textarea[name=note]").fill("Đã kiện toàn sổ sách")
    member.submit()

    member.open_case_page(case_pk)
    expect(mp.locator("#case-status")).to_have_text("Đã kết thúc")
    expect(mp.locator("#tasks")).to_contain_text("Không có.")
    expect(mp.locator("#timeline")).to_contain_text("Kết thúc hồ sơ")
    member.screenshot("planned-inspection-closed")
    document_links = [href for a in mp.locator("#documents a").all() if (href := a.get_attribute("href"))]
    assert len(document_links) == 2, document_links

    # --- The subject's own account sees none of it. --------------------------------------
    subject.login()
    sp = subject.page
    subject.goto("/cases/")
    expect(sp.locator("#case-list")).to_be_visible()
    expect(sp.locator("#case-list")).not_to_contain_text(case_number)
    response = subject.goto(f"/cases/{case_pk}/")
    assert response.status == 404, f"the subject reached the case page: HTTP {response.status}"
    assert case_number not in sp.content()
    for href in document_links:
        response = subject.goto(href)
        assert response.status == 404, f"the subject reached {href}: HTTP {response.status}"
    for path in ("/workflow/inbox/", "/workflow/queue/", "/workflow/archive/"):
        response = subject.goto(path)
        assert response.status == 200, f"{path}: HTTP {response.status}"
        expect(sp.locator("table.vf-list__table")).to_be_visible()
        assert case_number not in sp.content(), f"the subject's {path} shows {case_number}"


@pytest.fixture
def team_report_due(world, client):
    """A case whose team has verified, its report now assigned to the leader, who has not yet
    made the conflict-of-interest declaration. Made through the views with Django's test
    client, before the browser starts (see the `browser` fixture)."""
    u = world["users"]
    today = d(timezone.localdate())
    case = open_case(client, world, declare_team=False)
    declare(client, u["member"], case)
    complete(client, u["chair"], case, "sign_decision", {"signed_on": today})
    complete(client, u["member"], case, "notify_subject", {"sent_on": today})
    complete(client, u["member"], case, "receive_self_report", {"received_on": today, "file": pdf()})
    complete(client, u["member"], case, "verify", {"strengths": "Duy trì sinh hoạt định kỳ"})
    return case


def test_undeclared_leader_opening_the_task_from_the_inbox_is_asked_to_declare(
    live_site, world, team_report_due, browser, people, screenshots_on_failure
):
    leader = people["leader"].login()
    page = leader.page
    row = leader.task_row("/workflow/inbox/", team_report_due.number, "Báo cáo kết quả kiểm tra của đoàn")
    with page.expect_response(lambda r: "/write_team_report/" in r.url) as first:
        row.get_by_role("link", name=TASK_LINK).click()
    assert first.value.status < 400, f"the task's link answered HTTP {first.value.status}"
    expect(page).to_have_url(re.compile(r"/declare/$"))
    leader.declare_if_asked()
    leader.open_from_inbox(team_report_due.number, "Báo cáo kết quả kiểm tra của đoàn")
