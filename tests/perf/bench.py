"""The benchmark runner (issue 10 point 2), run by `make bench` on the database of
DATABASE_URL (PostgreSQL) or SQLITE_PATH after `manage.py generate_province`. Not a pytest
module (no test_ prefix): the normal suite never collects it.

For each figure it prints the median, the p95 and the queries per call, with the stock
library on the same rows (guardian's get_objects_for_user, viewflow's own inbox and queue
querysets) and the access filter as it was before issue 10 (an OR of EXISTS), with the
ratio; it writes the table as JSON (--json, default bench.json) with the EXPLAIN of each
fixed query on PostgreSQL.

    DATABASE_URL=postgres://... .venv/bin/python -m tests.perf.bench --repeat 30
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.conf import settings  # noqa: E402

settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the test client's host
# Signed in with force_login, as in the suite (tests/conftest.py): no second factor asked.
settings.KIEMTRA_OTP_REQUIRED = False

from django.db import connection  # noqa: E402
from django.db.models import Count, Exists, OuterRef, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from guardian.shortcuts import get_objects_for_user  # noqa: E402
from viewflow.workflow.models import Task  # noqa: E402

from inspections import access  # noqa: E402
from inspections.access.scope import _auditor_scope  # noqa: E402
from inspections.models import Case, CaseGroupObjectPermission, CaseRole, CaseUserObjectPermission  # noqa: E402
from inspections.selectors import cases as case_selectors  # noqa: E402
from people.models import AuditMandate, User  # noqa: E402
from workflow import queues  # noqa: E402
from workflow.kinds.registry import registry as flows  # noqa: E402

FLOWS = [spec.flow for spec in flows.with_flows()]
PAGE = 25


def measure(fn, repeat: int) -> dict:
    fn()  # warm-up
    times, queries = [], 0
    for _n in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
        queries = len(ctx.captured_queries)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 2),
        "queries": queries,
    }


def old_visible(user):
    """cases_visible_to before issue 10: an OR of two EXISTS and the mandate range."""
    visible = Q(
        Exists(
            CaseUserObjectPermission.objects.filter(
                user=user, permission__codename="view_case", content_object=OuterRef("pk")
            )
        )
    ) | Q(
        Exists(
            CaseGroupObjectPermission.objects.filter(
                group__user=user, permission__codename="view_case", content_object=OuterRef("pk")
            )
        )
    )
    audit = _auditor_scope(user)
    if audit is not None:
        visible |= audit
    return Case.objects.filter(visible)


def page_and_count(qs):
    def run():
        list(qs[:PAGE])
        qs.count()

    return run


def explain(qs) -> str:
    if connection.vendor != "postgresql":
        return ""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def people() -> dict:
    role_counts = (
        CaseRole.objects.filter(revoked_at__isnull=True).values("user").annotate(n=Count("case")).order_by("-n")
    )
    ranked = [row["user"] for row in role_counts]
    chairs = set(CaseRole.objects.filter(role=CaseRole.Role.APPROVER).values_list("user", flat=True))
    heavy = next(u for u in ranked if u not in chairs)
    chair = next(u for u in ranked if u in chairs)
    typical = ranked[len(ranked) // 2]
    auditor = (
        AuditMandate.objects.select_related("organisation").order_by("organisation__path", "-valid_to").first().user_id
    )
    return {
        name: User.objects.get(pk=pk)
        for name, pk in [("typical", typical), ("heavy", heavy), ("chair", chair), ("auditor", auditor)]
    }


def inbox_owner(heaviest: bool):
    counts = Task.objects.filter(status="ASSIGNED").values("owner").annotate(n=Count("pk")).order_by("-n")
    rows = list(counts)
    row = rows[0] if heaviest else rows[len(rows) // 2]
    return User.objects.get(pk=row["owner"])


def http(user, url, repeat):
    client = Client()
    client.force_login(user)
    status = client.get(url).status_code
    if status != 200:
        raise SystemExit(f"{url}: HTTP {status}")
    return measure(lambda: client.get(url), repeat)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", default="bench.json")
    args = parser.parse_args()
    r = args.repeat
    rows = []
    sizes = {
        "cases": Case.objects.count(),
        "tasks": Task.objects.count(),
        "permission_rows": CaseUserObjectPermission.objects.count(),
        "users": User.objects.count(),
    }

    def add(figure, who, ours, stock=None, stock_name=""):
        row = {"figure": figure, "who": who, **ours}
        if stock is not None:
            row.update(
                {
                    "stock": stock_name,
                    "stock_median_ms": stock["median_ms"],
                    "stock_p95_ms": stock["p95_ms"],
                    "ratio": round(stock["median_ms"] / ours["median_ms"], 2) if ours["median_ms"] else None,
                }
            )
        rows.append(row)
        stock_text = f"  | {stock_name}: {stock['median_ms']} ms (x{row['ratio']})" if stock is not None else ""
        print(
            f"{figure:<34} {who:<9} median {ours['median_ms']:>8} ms  p95 {ours['p95_ms']:>8} ms  "
            f"{ours['queries']:>3} q{stock_text}",
            flush=True,
        )

    explains = {}
    for who, user in people().items():
        visible = access.cases_visible_to(user)
        n = visible.count()
        ours = measure(page_and_count(case_selectors.case_list(user)), r)
        old = measure(page_and_count(old_visible(user).order_by("-opened_on", "-pk")), r)
        add(f"case list page + count ({n})", who, ours, old, "before issue 10")
        guardian = measure(
            page_and_count(
                get_objects_for_user(user, "inspections.view_case", accept_global_perms=False).order_by(
                    "-opened_on", "-pk"
                )
            ),
            r,
        )
        add(f"  stock guardian ({n})", who, ours, guardian, "get_objects_for_user")
        explains[f"case list {who}"] = explain(case_selectors.case_list(user)[:PAGE])
        add("http /cases/", who, http(user, reverse("cases:index"), r))
        add("http audit search", who, http(user, reverse("cases:audit"), r))
    for heaviest in (False, True):
        who = "heaviest" if heaviest else "typical"
        user = inbox_owner(heaviest)
        ours = measure(page_and_count(queues.inbox(user, FLOWS)), r)
        stock = measure(page_and_count(Task.objects.inbox(FLOWS, user).order_by("-created")), r)
        add("inbox page + count", who, ours, stock, "viewflow inbox")
        ours = measure(page_and_count(queues.queue(user, FLOWS)), r)
        stock = measure(page_and_count(Task.objects.queue(FLOWS, user).order_by("-created")), r)
        add("queue page + count", who, ours, stock, "viewflow queue")
        explains[f"queue {who}"] = explain(queues.queue(user, FLOWS)[:PAGE])
        add("http inbox", who, http(user, reverse("workflow:inbox"), r))
        add("http queue", who, http(user, reverse("workflow:queue"), r))
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "database": f"{connection.vendor} {connection.pg_version if connection.vendor == 'postgresql' else ''}",
        "sizes": sizes,
        "repeat": r,
        "rows": rows,
        "explain": explains,
    }
    with open(args.json, "w", encoding="utf-8") as out:
        json.dump(report, out, ensure_ascii=False, indent=1)
    print(json.dumps(sizes), "->", args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
