"""Contacts, products, orders and activities hanging off a customer, and the 360° view."""


def make_customer(kehu):
    return kehu.add("customer", name="杭州嘉禾医疗器械有限公司", phone="0571-8888 1234")


def test_contact_with_roles_and_org_chart(kehu):
    cid = make_customer(kehu)
    boss = kehu.add("contact", customer=cid, name="张三", mobile="+86 138 1234 5678",
                    birthday="1975-03-08", role="decision_maker", level="decision",
                    warmth="warm", dominance="dominant")
    buyer = kehu.add("contact", customer=cid, name="李四", phone="(0571) 8888-1235",
                     role="purchaser", reports_to=boss)
    c = kehu.json("contact", "show", buyer)
    assert c["reports_to"] == boss and c["role"] == "purchaser"
    assert c["phone"] == "057188881235"
    assert kehu.json("contact", "show", boss)["mobile"] == "13812345678"
    kehu.fails("contact", "edit", boss, "--reports-to", boss, field="reports_to")
    other = kehu.add("customer", name="别家公司")
    stranger = kehu.add("contact", customer=other, name="王五")
    kehu.fails("contact", "edit", buyer, "--reports-to", stranger, field="reports_to")
    kehu.fails("contact", "add", "--customer", cid, "--name", "赵六", "--role", "boss",
               field="role")


def test_order_with_lines_fills_amount_and_cost(kehu):
    cid = make_customer(kehu)
    pid = kehu.add("product", name="压力传感器", code="SNS-110", unit_price="890.00",
                   unit_cost="489.50")
    oid = kehu.add("order", customer=cid, date="2026-05-01", line=f"{pid}:3")
    o = kehu.json("order", "show", oid)
    assert o["amount"] == "2670.00" and o["cost"] == "1468.50"
    assert o["lines"][0]["quantity"] == 3 and o["lines"][0]["product_name"] == "压力传感器"
    oid2 = kehu.add("order", customer=cid, date="2026-06-01", amount="1234.50", cost="800")
    assert kehu.json("order", "show", oid2)["amount"] == "1234.50"
    view = kehu.json("customer", "show", cid)
    m = view["metrics"]
    assert m["orders"] == 2
    assert m["revenue"] == "3904.50"
    assert m["profit"] == str(f"{3904.50 - 1468.50 - 800:.2f}")
    assert m["first_order"] == "2026-05-01" and m["last_order"] == "2026-06-01"
    assert view["products"][0]["name"] == "压力传感器"


def test_order_change_updates_metrics(kehu):
    cid = make_customer(kehu)
    oid = kehu.add("order", customer=cid, date="2026-01-10", amount="100")
    kehu.add("order", customer=cid, date="2026-03-10", amount="300")
    assert kehu.json("customer", "show", cid)["metrics"]["revenue"] == "400.00"
    kehu.run("order", "edit", oid, "--amount", "150")
    assert kehu.json("customer", "show", cid)["metrics"]["revenue"] == "450.00"
    kehu.run("order", "rm", oid)
    m = kehu.json("customer", "show", cid)["metrics"]
    assert m["revenue"] == "300.00" and m["orders"] == 1


def test_activity_visit_plan_and_report(kehu):
    cid = make_customer(kehu)
    aid = kehu.add("activity", customer=cid, kind="visit", date="2026-06-20",
                   purpose="了解年度采购计划", method="face_to_face",
                   topic_market_competitors="竞品降价 10%", place_channel="走访两家经销商",
                   report="市场需求稳定", next_step="报价", next_date="2026-07-01")
    a = kehu.json("activity", "show", aid)
    assert a["purpose"] == "了解年度采购计划" and a["next_date"] == "2026-07-01"
    kehu.fails("activity", "add", "--customer", cid, "--kind", "telepathy", "--date",
               "2026-06-20", field="kind")
    view = kehu.json("customer", "show", cid)
    assert view["activities"][0]["id"] == aid
    assert view["metrics"]["last_contact"] == "2026-06-20"


def test_lookup_by_any_number_in_any_format(kehu):
    cid = make_customer(kehu)
    kehu.add("contact", customer=cid, name="张三", mobile="138-1234-5678")
    for typed in ["13812345678", "+86 138 1234 5678", "0086-138-1234-5678", "138 1234 5678"]:
        v = kehu.json("lookup", typed)
        assert v["customer"]["id"] == cid
        assert v["matched_contact"]["name"] == "张三"
        assert set(["customer", "contacts", "activities", "orders", "products"]) <= set(v)
    v = kehu.json("lookup", "(0571) 8888-1234")
    assert v["customer"]["id"] == cid and v["matched_contact"] is None
    kehu.fails("lookup", "13900000000", field="no customer")
    kehu.fails("lookup", "not a phone", field="phone")


def test_lookup_human_output(kehu):
    cid = make_customer(kehu)
    kehu.add("order", customer=cid, date="2026-05-01", amount="99")
    out = kehu.run("lookup", "057188881234").stdout
    assert "杭州嘉禾医疗器械有限公司" in out and "recent orders (1)" in out


def test_deleted_contact_number_no_longer_found(kehu):
    cid = make_customer(kehu)
    k = kehu.add("contact", customer=cid, name="张三", mobile="13812345678")
    kehu.run("contact", "rm", k)
    kehu.fails("lookup", "13812345678")
    kehu.run("customer", "rm", cid)
    kehu.fails("lookup", "057188881234")
