"""Leads (线索, issue 13) through the API: create and validation naming the field, the
owner's data scope on every read (get, list, count, filter, search), follow-ups that set the
lead's last and next contact, and the conversion into a customer with a contact (and an
opportunity) exactly once, through duplicate control, keeping the lead's activities."""
import json
import sqlite3

import pytest

from conftest import Server, assert_error


@pytest.fixture
def company(tmp_path):
    """总部 (admin, mgr_hq) above 华东 (mgr_east, rep_east, rep_east2) and 华西 (rep_west)."""
    s = Server(tmp_path)
    ids = s.add_company()
    ids["mgr_east"] = s.add_user("mgr_east", "manager", team="华东", name="华东经理")
    ids["rep_east"] = s.add_user("rep_east", "sales", team="华东", name="王伟")
    ids["rep_east2"] = s.add_user("rep_east2", "sales", team="华东", name="李娜")
    ids["rep_west"] = s.add_user("rep_west", "sales", team="华西", name="张敏")
    s.start()
    s.ids = ids
    yield s
    s.stop()


LEAD = {"name": "刘洋", "company": "杭州云帆网络有限公司", "mobile": "139 0571 2345",
        "email": "liu@yunfan.cn", "source": "exhibition", "region": "浙江",
        "industry": "telecom"}


def test_create_fills_owner_team_and_status(company):
    east = company.client("rep_east")
    lead = east.ok("POST", "/api/v1/leads", LEAD)
    assert lead["owner"] == company.ids["rep_east"]
    assert lead["status"] == "new"
    assert lead["mobile"] == "13905712345"
    assert lead["industry"] == "telecom" and lead["converted_customer"] is None
    assert isinstance(lead["team"], int)
    got = east.ok("GET", f"/api/v1/leads/{lead['id']}")
    assert got == lead
    edited = east.ok("PATCH", f"/api/v1/leads/{lead['id']}", {"status": "invalid"})
    assert edited["status"] == "invalid"
    assert [a for a, _ in audit_of(company, "lead", lead["id"])] == ["create", "update"]


@pytest.mark.parametrize("body,field", [
    ({}, "name"),
    ({"name": ""}, "name"),
    ({"name": "x", "mobile": "12"}, "mobile"),
    ({"name": "x", "email": "nope"}, "email"),
    ({"name": "x", "industry": "space"}, "industry"),
    ({"name": "x", "source": "moon"}, "source"),
    ({"name": "x", "status": "converted"}, "status"),
    ({"name": "x", "status": "maybe"}, "status"),
    ({"name": "x", "converted_customer": 1}, "converted_customer"),
    ({"name": "x", "last_contact_at": "2026-01-01"}, "last_contact_at"),
    ({"name": "x", "next_contact_date": "2026-13-45"}, "next_contact_date"),
    ({"name": "x", "colour": "red"}, "colour"),
])
def test_validation_names_the_field_and_writes_nothing(company, body, field):
    east = company.client("rep_east")
    assert_error(east.post("/api/v1/leads", body), 400, "invalid", field)
    assert company.client("admin").ok("GET", "/api/v1/leads")["total"] == 0


def test_a_rep_names_only_themselves_as_owner(company):
    east = company.client("rep_east")
    assert_error(east.post("/api/v1/leads", dict(LEAD, owner=company.ids["rep_west"])), 403,
                 field="owner")
    mgr = company.client("mgr_east")
    lead = mgr.ok("POST", "/api/v1/leads", dict(LEAD, owner=company.ids["rep_east"]))
    assert lead["owner"] == company.ids["rep_east"]
    # a manager outside 华西 cannot hand a lead to its rep
    assert_error(mgr.post("/api/v1/leads", dict(LEAD, owner=company.ids["rep_west"])), 403,
                 field="owner")


def test_a_rep_does_not_learn_another_reps_lead(company):
    west = company.client("rep_west")
    hidden = west.ok("POST", "/api/v1/leads", dict(LEAD, name="陈静"))
    east = company.client("rep_east")
    mine = east.ok("POST", "/api/v1/leads", dict(LEAD, name="刘洋"))
    # list and count
    page = east.ok("GET", "/api/v1/leads")
    assert [x["id"] for x in page["items"]] == [mine["id"]] and page["total"] == 1
    # filter: by the other's owner, by a value only the other has
    assert east.ok("GET", f"/api/v1/leads?owner={company.ids['rep_west']}")["total"] == 0
    assert east.ok("GET", "/api/v1/leads?source=exhibition")["total"] == 1
    # search
    assert east.ok("GET", "/api/v1/leads?q=陈")["total"] == 0
    assert east.ok("GET", "/api/v1/leads?q=刘")["total"] == 1
    assert west.ok("GET", "/api/v1/leads?q=陈")["total"] == 1
    # get, change, delete, follow up, convert: as if it did not exist
    for method, path, body in [
        ("GET", f"/api/v1/leads/{hidden['id']}", None),
        ("PATCH", f"/api/v1/leads/{hidden['id']}", {"note": "x"}),
        ("DELETE", f"/api/v1/leads/{hidden['id']}", None),
        ("GET", f"/api/v1/leads/{hidden['id']}/followups", None),
        ("POST", f"/api/v1/leads/{hidden['id']}/followups", {"kind": "call"}),
        ("POST", f"/api/v1/leads/{hidden['id']}/convert", {}),
    ]:
        r = east.req(method, path, json=body)
        assert_error(r, 404, "not_found")
        assert "陈静" not in r.text
    # the 华东 manager sees the 华东 rep's lead, not 华西's; the admin sees both
    mgr = company.client("mgr_east")
    assert mgr.ok("GET", "/api/v1/leads")["total"] == 1
    assert company.client("admin").ok("GET", "/api/v1/leads")["total"] == 2
    assert company.client("admin").ok("GET", "/api/v1/leads?q=陈")["total"] == 1
    # the unchanged lead is still there for its owner
    assert west.ok("GET", f"/api/v1/leads/{hidden['id']}")["note"] is None


def test_search_escapes_like_wildcards(company):
    admin = company.client("admin")
    admin.ok("POST", "/api/v1/leads", {"name": "百分之百"})
    assert admin.ok("GET", "/api/v1/leads?q=%25")["total"] == 0
    assert admin.ok("GET", "/api/v1/leads?q=_")["total"] == 0
    assert admin.ok("GET", "/api/v1/leads?q=分之")["total"] == 1


def test_followup_updates_the_lead(company):
    east = company.client("rep_east")
    lead = east.ok("POST", "/api/v1/leads", LEAD)
    act = east.ok("POST", f"/api/v1/leads/{lead['id']}/followups",
                  {"kind": "call", "date": "2026-11-30", "note": "约了下周上门",
                   "next_date": "2026-12-08"})
    assert act["lead"] == lead["id"] and act["customer"] is None
    assert act["user"] == company.ids["rep_east"] and act["kind"] == "call"
    got = east.ok("GET", f"/api/v1/leads/{lead['id']}")
    assert got["status"] == "following"
    assert got["last_contact_note"] == "约了下周上门"
    assert got["next_contact_date"] == "2026-12-08"
    assert got["last_contact_at"].endswith("Z")
    items = east.ok("GET", f"/api/v1/leads/{lead['id']}/followups")["items"]
    assert [i["id"] for i in items] == [act["id"]]
    # bad follow-ups name the field and change nothing
    for body, field in [({}, "kind"), ({"kind": "dance"}, "kind"),
                        ({"kind": "call", "date": "2026-02-30"}, "date"),
                        ({"kind": "call", "customer": 1}, "customer")]:
        assert_error(east.post(f"/api/v1/leads/{lead['id']}/followups", body), 400,
                     "invalid", field)
    assert len(east.ok("GET", f"/api/v1/leads/{lead['id']}/followups")["items"]) == 1
    # another rep of the same team may not follow up on it (they do not see it)
    assert_error(company.client("rep_east2").post(f"/api/v1/leads/{lead['id']}/followups",
                                                  {"kind": "call"}), 404)


def test_convert_creates_customer_contact_opportunity_once(company):
    east = company.client("rep_east")
    lead = east.ok("POST", "/api/v1/leads", LEAD)
    act = east.ok("POST", f"/api/v1/leads/{lead['id']}/followups",
                  {"kind": "visit", "note": "需求明确"})
    out = east.ok("POST", f"/api/v1/leads/{lead['id']}/convert",
                  {"opportunity": {"name": "云帆 CRM 项目", "amount": "120000.50"}}, status=200)
    assert out["lead"] == lead["id"] and out["activities_moved"] == 1
    cust = east.ok("GET", f"/api/v1/customers/{out['customer']}")
    assert cust["name"] == "杭州云帆网络有限公司"
    assert cust["owner"] == company.ids["rep_east"]
    assert cust["segment"] == "telecom" and cust["source"] == "exhibition"
    assert cust["region"] == "浙江" and cust["email"] == "liu@yunfan.cn"
    contact = east.ok("GET", f"/api/v1/contacts/{out['contact']}")
    assert contact["customer"] == out["customer"] and contact["name"] == "刘洋"
    assert contact["mobile"] == "13905712345"
    opp = east.ok("GET", f"/api/v1/opportunities/{out['opportunity']}")
    assert opp["customer"] == out["customer"] and opp["amount"] == "120000.50"
    assert opp["owner"] == company.ids["rep_east"]
    # the lead's history is now the customer's
    moved = east.ok("GET", f"/api/v1/activities/{act['id']}")
    assert moved["customer"] == out["customer"] and moved["lead"] == lead["id"]
    on_customer = east.ok("GET", f"/api/v1/activities?customer={out['customer']}")
    assert [a["id"] for a in on_customer["items"]] == [act["id"]]
    got = east.ok("GET", f"/api/v1/leads/{lead['id']}")
    assert got["status"] == "converted" and got["converted_customer"] == out["customer"]
    assert got["converted_at"].endswith("Z")
    # exactly once
    err = assert_error(east.post(f"/api/v1/leads/{lead['id']}/convert", {}), 409,
                       "lead_converted")
    assert err["message"] == "the lead is already converted (customer %d)" % out["customer"]
    r = east.post(f"/api/v1/leads/{lead['id']}/convert", {},
                  headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    zh = assert_error(r, 409, "lead_converted")
    assert zh["message"] == "线索已经转化过了（客户 %d）" % out["customer"]
    assert company.client("admin").ok("GET", "/api/v1/customers")["total"] == 1
    # a converted lead keeps its status
    assert_error(east.patch(f"/api/v1/leads/{lead['id']}", {"status": "new"}), 409,
                 field="status")


def test_convert_without_company_uses_the_person(company):
    east = company.client("rep_east")
    lead = east.ok("POST", "/api/v1/leads", {"name": "周强", "mobile": "13700001111"})
    out = east.ok("POST", f"/api/v1/leads/{lead['id']}/convert", {}, status=200)
    cust = east.ok("GET", f"/api/v1/customers/{out['customer']}")
    assert cust["name"] == "周强" and cust["phone"] == "13700001111"
    assert out["opportunity"] is None


def test_convert_refuses_a_bad_opportunity_and_keeps_nothing(company):
    east = company.client("rep_east")
    lead = east.ok("POST", "/api/v1/leads", LEAD)
    r = east.post(f"/api/v1/leads/{lead['id']}/convert",
                  {"opportunity": {"name": "x", "amount": "1.234"}})
    assert_error(r, 400, "invalid", "opportunity.amount")
    assert_error(east.post(f"/api/v1/leads/{lead['id']}/convert", {"colour": 1}), 400,
                 "invalid", "colour")
    admin = company.client("admin")
    assert admin.ok("GET", "/api/v1/customers")["total"] == 0
    assert admin.ok("GET", "/api/v1/contacts")["total"] == 0
    assert east.ok("GET", f"/api/v1/leads/{lead['id']}")["status"] == "new"


def test_convert_goes_through_duplicate_control(company):
    west = company.client("rep_west")
    west.ok("POST", "/api/v1/customers", {"name": "杭州云帆网络有限公司"})
    east = company.client("rep_east")
    lead = east.ok("POST", "/api/v1/leads", LEAD)
    err = assert_error(east.post(f"/api/v1/leads/{lead['id']}/convert", {}), 409,
                       "duplicate", "name")
    assert err["duplicate"]["owner"] == "张敏"
    # a rep's force is refused; nothing was written
    assert_error(east.post(f"/api/v1/leads/{lead['id']}/convert", {"force": True}), 403,
                 field="force")
    admin = company.client("admin")
    assert admin.ok("GET", "/api/v1/customers")["total"] == 1
    assert east.ok("GET", f"/api/v1/leads/{lead['id']}")["status"] == "new"
    # the 华东 manager forces it; the customer is the lead owner's
    out = company.client("mgr_east").ok("POST", f"/api/v1/leads/{lead['id']}/convert",
                                        {"force": True}, status=200)
    cust = east.ok("GET", f"/api/v1/customers/{out['customer']}")
    assert cust["owner"] == company.ids["rep_east"]
    assert admin.ok("GET", "/api/v1/customers")["total"] == 2


def test_convert_needs_the_right_to_edit_the_lead(company):
    east = company.client("rep_east")
    lead = east.ok("POST", "/api/v1/leads", LEAD)
    # the manager of 华东 may; the rep of 华西 does not even see it
    assert_error(company.client("rep_west").post(f"/api/v1/leads/{lead['id']}/convert", {}),
                 404)
    assert company.client("admin").ok("GET", "/api/v1/customers")["total"] == 0


def test_conversion_is_in_the_audit_log(company):
    east = company.client("rep_east")
    lead = east.ok("POST", "/api/v1/leads", LEAD)
    east.ok("POST", f"/api/v1/leads/{lead['id']}/followups", {"kind": "call"})
    out = east.ok("POST", f"/api/v1/leads/{lead['id']}/convert", {}, status=200)
    entries = audit_of(company, "lead", lead["id"])
    assert [a for a, _ in entries] == ["create", "followup", "convert"]
    assert entries[-1][1] == {"customer": out["customer"], "contact": out["contact"],
                              "opportunity": None, "activities_moved": 1}
    on_customer = audit_of(company, "customer", out["customer"])
    assert ("convert", {"from_lead": lead["id"]}) in on_customer


def audit_of(company, entity, entity_id):
    """[(action, changes)] of the audit log, oldest first, read from the database file."""
    db = sqlite3.connect(company.db)
    try:
        rows = db.execute("SELECT action, changes FROM audit_log WHERE entity=? AND"
                          " entity_id=? ORDER BY id", (entity, entity_id)).fetchall()
    finally:
        db.close()
    return [(a, json.loads(c) if c else None) for a, c in rows]
