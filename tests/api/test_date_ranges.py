"""Dates are bounded per field when written, and one odd date already stored does not
break a report for everybody (issue 10, item 12)."""
import datetime
import sqlite3

import pytest

from conftest import assert_error

TODAY = datetime.datetime.now(datetime.timezone.utc).date()  # the server's today


def plus_years(d, n):
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, month=3, day=1)


@pytest.fixture
def cid(admin):
    return admin.ok("POST", "/api/v1/customers", {"name": "北京华信"})["id"]


@pytest.mark.parametrize("path,field,body,first,last", [
    ("orders", "date", {"amount": "10"}, "2000-01-01", plus_years(TODAY, 5)),
    ("activities", "date", {"kind": "call"}, "2000-01-01", plus_years(TODAY, 5)),
    ("contacts", "birthday", {"name": "张三"}, "1900-01-01", TODAY),
    ("customers", "founded_on", {"name": "上海"}, "1900-01-01", TODAY),
])
def test_date_range_per_field(server, admin, cid, path, field, body, first, last):
    first = datetime.date.fromisoformat(first)
    if path != "customers":
        body = {**body, "customer": cid}
    for bad in (first - datetime.timedelta(days=1), last + datetime.timedelta(days=1)):
        err = assert_error(admin.post(f"/api/v1/{path}", {**body, field: bad.isoformat()}),
                           400, "invalid", field)
        if bad.year >= 1900:  # before that the date parser itself refuses the year
            assert first.isoformat() in err["message"] and last.isoformat() in err["message"]
    # Customers of one name are duplicates (查重): the admin forces them.
    force = {"force": True} if path == "customers" else {}
    for good in (first, last):
        admin.ok("POST", f"/api/v1/{path}", {**body, **force, field: good.isoformat()})
    # PATCH is bounded alike
    oid = admin.ok("POST", f"/api/v1/{path}", {**body, **force, field: first.isoformat()})["id"]
    assert_error(admin.patch(f"/api/v1/{path}/{oid}", {field: "1900-01-01"
                                                       if first.year > 1900 else "2199-01-01"}),
                 400, "invalid", field)


def test_list_filter_by_an_old_date_still_answers(server, admin, cid):
    assert admin.ok("GET", "/api/v1/orders", params={"date": "1999-12-31"})["total"] == 0


def test_one_1900_order_does_not_refuse_cohorts(server, admin, cid):
    """Stored before the limits (or by another program): the report caps, says so."""
    other = admin.ok("POST", "/api/v1/customers", {"name": "上海"})["id"]
    admin.ok("POST", "/api/v1/orders", {"customer": cid, "date": "2024-02-01", "amount": "10"})
    old = admin.ok("POST", "/api/v1/orders", {"customer": other, "date": "2024-02-01",
                                              "amount": "10"})["id"]
    con = sqlite3.connect(server.db)
    con.execute("UPDATE orders SET order_date='1900-01-01' WHERE id=?", (old,))
    con.commit()
    con.close()
    q = admin.ok("GET", "/api/v1/analytics/cohorts", params={"period": "quarter"})
    assert q["capped"] is True and q["periods_max"] == 500
    assert q["customers_left_out"] == 1 and q["customers"] == 1
    assert [c["cohort"] for c in q["cohorts"]] == ["2024Q1"]
    y = admin.ok("GET", "/api/v1/analytics/cohorts", params={"period": "year"})
    assert y["capped"] is False and y["customers_left_out"] == 0
    assert [c["cohort"] for c in y["cohorts"]] == ["1900", "2024"]
    for report in ("abc", "grid", "quadrants", "lifecycle", "loyalty", "clv", "whale",
                   "forecast", "followups"):
        admin.ok("GET", f"/api/v1/analytics/{report}")
