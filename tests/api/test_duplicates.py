"""Duplicate control (查重) through every door of the API: a customer that shares a credit
code, normalised name, phone or email with another is refused with 409 `duplicate` naming
the field and the holder's minimal facts (never more, even to a rep who may not open it),
unless a manager or admin forces it; the check before a form; the duplicate report."""
import pytest

from conftest import Server, assert_error

# 深圳市腾讯计算机系统有限公司, as published
CODE = "9144030071526726XG"
FACTS = {"id", "name", "owner", "in_pool", "other_team", "field"}


@pytest.fixture
def company(tmp_path):
    """总部 (admin, mgr_hq) above 华东 (mgr_east, rep_east, rep_east2) and 华西 (rep_west)."""
    s = Server(tmp_path)
    ids = s.add_company()
    ids["mgr_east"] = s.add_user("mgr_east", "manager", team="华东", name="华东经理")
    ids["rep_east"] = s.add_user("rep_east", "sales", team="华东", name="王伟")
    ids["rep_east2"] = s.add_user("rep_east2", "sales", team="华东", name="李娜")
    ids["rep_west"] = s.add_user("rep_west", "sales", team="华西", name="张敏")
    s.cli("team", "edit", "华东", "--leader", "mgr_east", ok=False)
    s.start()
    s.ids = ids
    yield s
    s.stop()


def west_customer(company):
    """A customer of rep_west's with everything a key can come from, and a contact."""
    west = company.client("rep_west")
    c = west.ok("POST", "/api/v1/customers", {
        "name": "北京华信科技有限公司", "phone": "010-62531234", "email": "Sales@HuaXin.com",
        "credit_code": CODE.lower(), "purchase_budget": "500000"})
    west.ok("POST", "/api/v1/contacts", {"customer": c["id"], "name": "张三",
                                          "mobile": "138 1234 5678"})
    return c


def test_credit_code_is_validated_and_upper_cased(company):
    admin = company.client("admin")
    c = admin.ok("POST", "/api/v1/customers", {"name": "腾讯", "credit_code": " " + CODE.lower()})
    assert c["credit_code"] == CODE
    assert admin.ok("GET", f"/api/v1/customers?credit_code={CODE}")["total"] == 1
    bad = CODE[:17] + "A"
    assert_error(admin.post("/api/v1/customers", {"name": "别的", "credit_code": bad}), 400,
                 "invalid", "credit_code")
    assert_error(admin.post("/api/v1/customers", {"name": "别的", "credit_code": "123"}), 400,
                 "invalid", "credit_code")
    assert_error(admin.patch(f"/api/v1/customers/{c['id']}",
                             {"credit_code": "91330100716I05852F"}), 400, "invalid",
                 "credit_code")
    assert admin.ok("PATCH", f"/api/v1/customers/{c['id']}", {"credit_code": None})[
        "credit_code"] is None


@pytest.mark.parametrize("field,body", [
    ("name", {"name": "北京華信科技股份有限公司"}),
    ("name", {"name": "北京华信科技 Co., Ltd."}),
    ("phone", {"name": "别的公司", "phone": "(010) 6253-1234"}),
    ("phone", {"name": "别的公司", "phone": "+86 138-1234-5678"}),
    ("email", {"name": "别的公司", "email": "SALES@huaxin.COM"}),
    ("credit_code", {"name": "别的公司", "credit_code": CODE}),
])
def test_a_rep_learns_the_minimal_facts_only(company, field, body):
    c = west_customer(company)
    east = company.client("rep_east")
    r = east.post("/api/v1/customers", body)
    err = assert_error(r, 409, "duplicate", field)
    dup = err["duplicate"]
    assert set(dup) == FACTS
    assert dup == {"id": c["id"], "name": "北京华信科技有限公司", "owner": "张敏",
                   "in_pool": False, "other_team": True, "field": field}
    assert [set(m) for m in err["matches"]] == [FACTS]
    # nothing beyond those facts: not the phone, the email, the budget, the contact
    for secret in ("62531234", "huaxin", "500000", "张三", "13812345678", CODE):
        if secret not in str(body):
            assert secret not in r.text, secret
    # the rep may not open it, and nothing was written
    assert east.get(f"/api/v1/customers/{c['id']}").status_code == 404
    assert east.ok("GET", "/api/v1/customers")["total"] == 0


def test_force_by_manager_and_admin_not_by_rep(company):
    west_customer(company)
    body = {"name": "北京华信科技有限公司", "force": True}
    assert_error(company.client("rep_east").post("/api/v1/customers", body), 403, "forbidden",
                 "force")
    assert_error(company.client("rep_east").post("/api/v1/customers",
                                                 {"name": "x", "force": "yes"}), 400,
                 "invalid", "force")
    made = company.client("mgr_hq").ok("POST", "/api/v1/customers", body)
    assert made["name"] == "北京华信科技有限公司" and "force" not in made
    company.client("admin").ok("POST", "/api/v1/customers", body)
    # force false is no force
    assert_error(company.client("admin").post("/api/v1/customers", dict(body, force=False)),
                 409, "duplicate", "name")


def test_edit_to_own_keys_is_not_a_duplicate_but_to_anothers_is(company):
    c = west_customer(company)
    west = company.client("rep_west")
    other = west.ok("POST", "/api/v1/customers", {"name": "上海东方环保", "phone": "021-55556666"})
    # its own keys, spelled differently: not a duplicate
    west.ok("PATCH", f"/api/v1/customers/{c['id']}",
            {"name": "北京華信科技有限公司", "phone": "01062531234", "credit_code": CODE})
    # another's keys: refused, and nothing changed
    err = assert_error(west.patch(f"/api/v1/customers/{other['id']}",
                                  {"phone": "010 6253 1234", "grade": "A"}), 409, "duplicate",
                       "phone")
    assert err["duplicate"]["id"] == c["id"] and err["duplicate"]["other_team"] is False
    got = west.ok("GET", f"/api/v1/customers/{other['id']}")
    assert got["phone"] == "02155556666" and got.get("grade") is None
    # a rep's force on an edit is refused too; a manager's goes through
    assert_error(west.patch(f"/api/v1/customers/{other['id']}",
                            {"phone": "01062531234", "force": True}), 403, "forbidden", "force")
    company.client("admin").ok("PATCH", f"/api/v1/customers/{other['id']}",
                               {"phone": "01062531234", "force": True})
    # both now share the phone: editing another field of either is still allowed
    west.ok("PATCH", f"/api/v1/customers/{other['id']}", {"grade": "B"})


def test_delete_frees_the_keys_and_contacts_keep_theirs(company):
    c = west_customer(company)
    admin = company.client("admin")
    # the contact's mobile is a key of the customer's
    assert_error(admin.post("/api/v1/customers", {"name": "别的", "mobile": "x"}), 400)
    assert_error(admin.post("/api/v1/customers", {"name": "别的", "phone": "13812345678"}),
                 409, "duplicate", "phone")
    contact = admin.ok("GET", f"/api/v1/contacts?customer={c['id']}")["items"][0]
    admin.ok("PATCH", f"/api/v1/contacts/{contact['id']}", {"mobile": "13900001111"})
    admin.ok("POST", "/api/v1/customers", {"name": "别的", "phone": "13812345678"})
    assert_error(admin.post("/api/v1/customers", {"name": "别的2", "phone": "13900001111"}),
                 409, "duplicate", "phone")
    admin.ok("DELETE", f"/api/v1/customers/{c['id']}")
    admin.ok("POST", "/api/v1/customers", {"name": "北京华信科技有限公司", "credit_code": CODE,
                                            "phone": "13900001111"})


def test_pool_customer_is_named_as_in_the_pool(company):
    c = west_customer(company)
    company.client("rep_west").ok("POST", f"/api/v1/customers/{c['id']}/release", status=200)
    err = assert_error(company.client("rep_east").post("/api/v1/customers",
                                                       {"name": "北京华信科技"}), 409,
                       "duplicate", "name")
    assert err["duplicate"]["in_pool"] is True and err["duplicate"]["owner"] is None
    assert "pool" in err["message"]


def test_check_before_the_form(company):
    c = west_customer(company)
    east = company.client("rep_east")
    got = east.ok("GET", "/api/v1/duplicates/check",
                  params={"name": "北京華信科技", "phone": "138-1234-5678",
                          "email": "x@y.cn", "credit_code": CODE.lower()})
    fields = sorted(m["field"] for m in got["matches"])
    assert fields == ["credit_code", "name", "phone"]
    for m in got["matches"]:
        assert set(m) == FACTS and m["id"] == c["id"] and m["owner"] == "张敏"
    assert east.ok("GET", "/api/v1/duplicates/check", params={"name": "上海华信科技"}) == {
        "matches": []}
    assert_error(east.get("/api/v1/duplicates/check"), 400, "invalid")
    assert_error(east.get("/api/v1/duplicates/check", params={"phone": "12"}), 400,
                 "invalid", "phone")
    assert_error(east.get("/api/v1/duplicates/check", params={"credit_code": CODE[:17] + "0"}),
                 400, "invalid", "credit_code")


def test_report_for_admins_and_managers_by_scope(company):
    west = company.client("rep_west")
    east = company.client("rep_east")
    admin = company.client("admin")
    a = west.ok("POST", "/api/v1/customers", {"name": "华西一厂", "phone": "028-88886666"})
    b = company.client("mgr_hq").ok("POST", "/api/v1/customers",
                                    {"name": "华西一厂集团", "force": True})
    e1 = east.ok("POST", "/api/v1/customers", {"name": "东方一号", "email": "a@east.cn"})
    company.client("mgr_east").ok("POST", "/api/v1/customers",
                                  {"name": "东方二号", "email": "A@east.cn", "force": True})
    rep = admin.ok("GET", "/api/v1/duplicates")
    assert rep["total"] == 2 and rep["offset"] == 0
    groups = {(g["field"], g["key"]): g for g in rep["groups"]}
    assert set(groups) == {("name", "华西一厂"), ("email", "a@east.cn")}
    assert sorted(m["id"] for m in groups[("name", "华西一厂")]["customers"]) == [a["id"], b["id"]]
    for g in rep["groups"]:
        assert g["count"] == 2
        for m in g["customers"]:
            assert set(m) == FACTS - {"field"}
    # a manager of 华东 sees only the group touching their scope
    mine = company.client("mgr_east").ok("GET", "/api/v1/duplicates")
    assert mine["total"] == 1 and mine["groups"][0]["field"] == "email"
    assert {m["id"] for m in mine["groups"][0]["customers"]} >= {e1["id"]}
    assert_error(east.get("/api/v1/duplicates"), 403, "forbidden")
    assert_error(admin.get("/api/v1/duplicates?limit=0"), 400, "invalid", "limit")
    page2 = admin.ok("GET", "/api/v1/duplicates?limit=1&offset=1")
    assert page2["total"] == 2 and len(page2["groups"]) == 1
    past = admin.ok("GET", "/api/v1/duplicates?offset=5")
    assert past["total"] == 2 and past["groups"] == []


def test_openapi_lists_the_routes_and_the_field(company):
    doc = company.client("admin").ok("GET", "/api/v1/openapi.json")
    assert "/api/v1/duplicates/check" in doc["paths"] and "/api/v1/duplicates" in doc["paths"]
    schemas = doc["components"]["schemas"]
    customer = next(v for k, v in schemas.items() if k.lower().startswith("customer"))
    assert customer["properties"]["credit_code"]["pattern"].endswith("{18}$")
