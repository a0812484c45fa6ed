"""`kehu lead`: add, show, edit, list, rm like the other records, follow-ups, and the
conversion into a customer with a contact (and an opportunity) exactly once."""


def test_add_followup_convert_once(kehu):
    lead = kehu.add("lead", name="刘洋", company="杭州云帆网络有限公司", mobile="139 0571 2345",
                    industry="telecom", source="exhibition", region="浙江")
    shown = kehu.json("lead", "show", lead)
    assert shown["status"] == "new" and shown["mobile"] == "13905712345"
    act = int(kehu.run("lead", "followup", lead, "--kind", "call", "--note", "约了上门",
                       "--next-date", "2026-07-08").stdout)
    shown = kehu.json("lead", "show", lead)
    assert shown["status"] == "following" and shown["next_contact_date"] == "2026-07-08"
    assert shown["last_contact_note"] == "约了上门"
    assert [a["id"] for a in kehu.json("lead", "followups", lead)["items"]] == [act]
    table = kehu.run("lead", "list").stdout
    assert "刘洋" in table and "following" in table and "(1 of 1, page 1)" in table

    out = kehu.json("lead", "convert", lead, "--opportunity", "云帆项目", "--amount", "5000")
    view = kehu.json("customer", "show", out["customer"])
    assert view["customer"]["name"] == "杭州云帆网络有限公司"
    assert view["customer"]["segment"] == "telecom"
    assert [c["name"] for c in view["contacts"]] == ["刘洋"]
    assert [o["name"] for o in view["opportunities"]] == ["云帆项目"]
    assert [a["id"] for a in view["activities"]] == [act]
    assert kehu.json("lead", "show", lead)["converted_customer"] == out["customer"]

    before = kehu.dump()
    err = kehu.fails("lead", "convert", lead)
    assert "the lead is already converted" in err
    assert "线索已经转化过了" in kehu.fails("lead", "convert", lead, env={"LANG": "zh_CN.UTF-8"})
    assert kehu.dump() == before
    history = [h["action"] for h in kehu.json("lead", "history", lead)]
    assert history == ["convert", "followup", "create"]


def test_convert_refuses_a_duplicate_unless_forced(kehu):
    kehu.add("customer", name="杭州云帆网络有限公司")
    lead = kehu.add("lead", name="刘洋", company="杭州云帆网络股份有限公司")
    before = kehu.dump()
    kehu.fails("lead", "convert", lead, field="name")
    assert kehu.dump() == before
    out = kehu.json("lead", "convert", lead, "--force")
    assert kehu.json("customer", "show", out["customer"])["customer"]["name"] == \
        "杭州云帆网络股份有限公司"


def test_validation_and_usage(kehu):
    before = kehu.dump()
    kehu.fails("lead", "add", "--company", "x", field="name")
    kehu.fails("lead", "add", "--name", "x", "--industry", "space", field="industry")
    kehu.fails("lead", "add", "--name", "x", "--status", "converted", field="status")
    assert kehu.dump() == before
    lead = kehu.add("lead", name="周强")
    kehu.fails("lead", "followup", lead, field="kind")
    kehu.fails("lead", "followup", lead, "--kind", "call", "--colour", "red", code=2)
    kehu.fails("lead", "convert", code=2)
    kehu.fails("lead", "convert", lead, "--amount", "5", code=2)
    kehu.fails("lead", "convert", lead + 1, field="id")
    kehu.run("lead", "edit", lead, "--status", "invalid")
    assert kehu.json("lead", "show", lead)["status"] == "invalid"
    kehu.run("lead", "rm", lead)
    kehu.fails("lead", "show", lead)
    assert "convert" in kehu.run("lead", "--help").stdout
