"""`kehu customer merge`: the preview changes nothing, the merge moves every row."""


def test_preview_then_merge(kehu):
    a = kehu.add("customer", name="甲", grade="B")
    # a second record of the same company, forced past duplicate control (撞单)
    b = int(kehu.run("customer", "add", "--name", "甲公司", "--grade", "A", "--region", "华东",
                     "--phone", "13912345678", "--force").stdout)
    contact = kehu.add("contact", customer=b, name="王五", mobile="13800000001")
    kehu.add("order", customer=b, date="2026-05-01", amount="800")
    preview = kehu.json("customer", "merge", a, b, "--preview")
    assert {f["name"]: f["take"] for f in preview["fields"]} == \
        {"name": False, "grade": False, "region": True, "phone": True}
    assert preview["moves"]["orders"] == 1
    assert kehu.json("customer", "show", b)["customer"]["id"] == b  # still there

    out = kehu.json("customer", "merge", a, b, "--take", "grade,region")
    assert out["taken"] == ["grade", "region"] and out["moved"]["contacts"] == 1
    view = kehu.json("customer", "show", a)
    assert view["customer"]["grade"] == "A" and view["customer"]["region"] == "华东"
    assert view["customer"].get("phone") is None  # not taken
    assert [c["id"] for c in view["contacts"]] == [contact]
    assert view["metrics"]["orders"] == 1
    assert kehu.json("lookup", "13800000001")["customer"]["id"] == a
    # b's own phone went with it: it no longer leads anywhere
    kehu.fails("lookup", "13912345678")
    kehu.fails("customer", "show", b)
    # the pair is gone from the duplicate report
    assert not any(b in [c["id"] for c in g["customers"]]
                   for g in kehu.json("duplicates")["groups"])
    history = kehu.json("customer", "history", a)
    merges = [h for h in history if h["action"] == "merge"]
    assert len(merges) == 1 and merges[0]["changes"]["merged"] == b


def test_usage_errors(kehu):
    a = kehu.add("customer", name="乙")
    kehu.fails("customer", "merge", a, code=2)
    kehu.fails("customer", "merge", a, "x", code=2)
    kehu.fails("customer", "merge", a, a + 1)  # no such customer
    kehu.fails("customer", "merge", a, a)
    kehu.fails("customer", "merge", a, a + 1, "--bogus", "1", code=2)
