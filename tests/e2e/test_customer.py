"""The customer file through the command line: create, read, update, delete, list."""
import json
import sqlite3


def test_init_reports_schema_version(kehu):
    import re
    out = kehu.run("init").stdout
    version = int(re.search(r"schema version (\d+)", out).group(1))
    con = sqlite3.connect(kehu.db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == version >= 3


def test_add_show_edit_rm_customer(kehu):
    cid = kehu.add("customer", name="北京华信科技有限公司", phone="010-6253 1234",
                   segment="enterprise", source="referral", nature="private")
    view = kehu.json("customer", "show", cid)
    c = view["customer"]
    assert c["name"] == "北京华信科技有限公司"
    assert c["phone"] == "01062531234"
    assert c["segment"] == "enterprise"
    kehu.run("customer", "edit", cid, "--grade", "A", "--purchase-budget", "1,250,000.5")
    c = kehu.json("customer", "show", cid)["customer"]
    assert c["grade"] == "A"
    assert c["purchase_budget"] == "1250000.50"
    kehu.run("customer", "rm", cid)
    kehu.fails("customer", "show", cid, field="no customer")


def test_every_change_is_audited(kehu):
    cid = kehu.add("customer", name="上海远航物流有限公司")
    kehu.run("customer", "edit", cid, "--region", "上海")
    kehu.run("customer", "edit", cid, "--region", "浦东")
    hist = kehu.json("customer", "history", cid)
    assert [h["action"] for h in hist] == ["update", "update", "create"]
    assert hist[0]["changes"] == {"region": ["上海", "浦东"]}
    assert hist[2]["changes"]["name"] == [None, "上海远航物流有限公司"]


def test_list_filters_sorts_and_pages(kehu):
    for i, seg in enumerate(["finance", "education", "finance", "government"]):
        kehu.add("customer", name=f"客户{i}", segment=seg)
    page = kehu.json("customer", "list", "--segment", "finance")
    assert page["total"] == 2
    assert {c["name"] for c in page["items"]} == {"客户0", "客户2"}
    page = kehu.json("customer", "list", "--sort", "-name", "--per-page", "2", "--page", "2")
    assert page["total"] == 4
    assert [c["name"] for c in page["items"]] == ["客户1", "客户0"]
    kehu.fails("customer", "list", "--sort", "password", field="sort")
    kehu.fails("customer", "list", "--segment", "aliens", field="segment")


def test_list_table_for_people(kehu):
    kehu.add("customer", name="深圳鼎盛电子有限公司", segment="manufacturing")
    out = kehu.run("customer", "list").stdout
    assert "深圳鼎盛电子有限公司" in out
    assert "(1 of 1, page 1)" in out


def test_help_on_every_command(kehu):
    for cmd in ["customer", "contact", "product", "order", "activity", "opportunity", "task",
                "date", "competitor", "payment"]:
        out = kehu.run(cmd, "--help").stdout
        assert "usage: kehu" in out and "add" in out
    for cmd in ["search", "lookup", "demo", "settings", "init"]:
        assert "usage: kehu" in kehu.run(cmd, "--help").stdout
    assert "usage: kehu" in kehu.run("--help").stdout
    contact_help = kehu.run("contact", "--help").stdout
    assert "decision_maker|user|influencer|purchaser|gatekeeper" in contact_help


def test_db_from_environment(tmp_path):
    from conftest import KEHU
    import os
    import subprocess
    db = tmp_path / "env.db"
    env = dict(os.environ, KEHU_DB=str(db))
    out = subprocess.run([KEHU, "customer", "add", "--name", "环境变量客户"], env=env,
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"
    con = sqlite3.connect(db)
    assert con.execute("SELECT name FROM customers").fetchone()[0] == "环境变量客户"


def test_database_uses_wal_and_foreign_keys(kehu):
    con = sqlite3.connect(kehu.db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA user_version").fetchone()[0] >= 1
    keys = {r[0] for r in con.execute("SELECT key FROM settings")}
    for k in ["abc.a_share", "abc.b_share", "lifecycle.dormant_interval_factor",
              "loyalty.new_days", "loyalty.regular_orders_12m", "loyalty.old_years",
              "loyalty.loyal_quarters", "pool.max_customers_per_rep"]:
        assert k in keys


def test_settings_validate(kehu):
    kehu.run("settings", "set", "abc.a_share", "0.6")
    s = kehu.json("settings")
    assert s["abc.a_share"]["value"] == "0.6"
    kehu.fails("settings", "set", "abc.a_share", "1.5", field="abc.a_share")
    kehu.fails("settings", "set", "abc.a_share", "lots", field="abc.a_share")
    kehu.fails("settings", "set", "no.such.key", "1", field="no.such.key")
    kehu.fails("settings", "set", "abc.basis", "revenue", field="abc.basis")
    assert kehu.json("settings")["abc.a_share"]["value"] == "0.6"
