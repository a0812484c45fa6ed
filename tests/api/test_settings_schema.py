"""The settings schema GET /api/v1/settings serves (what Settings.vue checks
as it is typed) is the one PATCH /api/v1/settings enforces."""
from conftest import assert_error

# Pairs the server keeps in order: an extreme of one may clash with the
# other's default, which is refused for the pair, not the range.
PAIRED = {"abc.a_share", "abc.b_share", "abc.count_a", "abc.count_b"}
WHOLE = {"integer", "money"}


def values(admin):
    return {k: v["value"] for k, v in admin.ok("GET", "/api/v1/settings").items()}


def accepted(admin, key, value, default):
    r = admin.patch("/api/v1/settings", {key: value})
    if key in PAIRED and r.status_code == 400:
        assert "must" in r.json()["error"]["message"], r.text
        return
    assert r.status_code == 200, (key, value, r.text)
    if r.json()[key].get("secret"):  # a password is never shown back, only whether set
        assert (r.json()[key]["value"], r.json()[key]["set"]) == ("", value != "")
    else:
        assert r.json()[key]["value"] == value
    admin.ok("PATCH", "/api/v1/settings", {key: default})


def refused(admin, key, value):
    before = values(admin)
    assert_error(admin.patch("/api/v1/settings", {key: value}), 400, "invalid", key)
    assert values(admin) == before


def test_every_setting_is_described(server, admin):
    s = admin.ok("GET", "/api/v1/settings")
    assert len(s) > 30
    for key, v in s.items():
        assert v["type"] in {"integer", "number", "money", "ratio", "enum", "bool", "text"}
        assert v["value"] == v["default"], key  # a new database holds the defaults
        assert v["label"] == "admin.labels." + key
        if v["type"] == "enum":
            assert v["default"] in v["choices"]
        else:
            assert v["min"] <= v["max"]
    assert s["abc.basis"]["choices"] == ["profit", "sales", "net_profit"]
    assert s["cost.visit_fen"]["type"] == "money"
    assert s["grid.amount_small_fen"]["blank"] is True


def test_patch_accepts_and_refuses_what_the_schema_says(server, admin):
    for key, v in admin.ok("GET", "/api/v1/settings").items():
        default = v["default"]
        if v["type"] == "enum":
            for choice in v["choices"]:
                accepted(admin, key, choice, default)
            refused(admin, key, "not-a-choice")
            continue
        lo, hi = v["min"], v["max"]
        if v["type"] == "text":  # min and max are lengths in bytes
            for n in (lo, hi):
                accepted(admin, key, "x" * n, default)
            refused(admin, key, "x" * (hi + 1))
            if lo > 0 and not v.get("blank"):
                refused(admin, key, "")
            continue
        for edge in (lo, hi):
            accepted(admin, key, str(edge), default)
        refused(admin, key, str(hi + 1))
        if lo > 0 or v["type"] != "number":
            refused(admin, key, str(lo - 1))
        if v["type"] in WHOLE:
            refused(admin, key, str(lo) + ".5")
        if v.get("blank"):
            accepted(admin, key, "", default)
        else:
            refused(admin, key, "")
        refused(admin, key, "lots")


def test_net_profit_is_a_basis_for_both(server, admin):
    s = admin.ok("GET", "/api/v1/settings")
    assert "net_profit" in s["abc.basis"]["choices"]
    assert admin.ok("PATCH", "/api/v1/settings", {"abc.basis": "net_profit"})[
        "abc.basis"]["value"] == "net_profit"
    assert admin.ok("GET", "/api/v1/analytics/abc")["basis"] == "net_profit"


def test_unknown_setting_is_refused_with_its_name(server, admin):
    before = values(admin)
    assert_error(admin.patch("/api/v1/settings", {"abc.a_share": "0.4", "no.such": "1"}),
                 404, None, "no.such")
    assert values(admin) == before
