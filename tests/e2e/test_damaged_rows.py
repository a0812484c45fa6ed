"""Rows written outside kehu (sqlite3 CLI, another program): a name stored as a BLOB or as
invalid UTF-8, NULL or binary in text columns. Every command must answer (a safe rendering
with U+FFFD for bad bytes, or a clear error), never crash (issue 10, item 10)."""
import json
import sqlite3

import pytest

REPLACEMENT = "\ufffd"

# (SQL expression for the damaged value, what kehu shows for it)
DAMAGE = {
    "blob_binary": ("X'00FF41'", REPLACEMENT + REPLACEMENT + "A"),
    "blob_utf8": ("CAST('北京华信' AS BLOB)", "北京华信"),
    "invalid_text": ("CAST(X'41FF42' AS TEXT)", "A" + REPLACEMENT + "B"),
    "cut_sequence": ("CAST(X'E4B8' AS TEXT)", REPLACEMENT + REPLACEMENT),
    "control_chars": ("CAST(X'41014207' AS TEXT)", "A" + REPLACEMENT + "B" + REPLACEMENT),
}


def damage(db, sql, *args):
    con = sqlite3.connect(db)
    con.execute(sql, args)
    con.commit()
    con.close()


@pytest.fixture
def damaged(kehu):
    """A customer with a phone and a contact; the caller damages its columns."""
    cid = kehu.add("customer", name="北京华信", phone="13812345678", address="北京")
    kehu.add("contact", customer=cid, name="张三", mobile="13900001111")
    return kehu, cid


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_damaged_name_every_command_answers(damaged, kind):
    kehu, cid = damaged
    expr, shown = DAMAGE[kind]
    damage(kehu.db, f"UPDATE customers SET name={expr}, address=NULL, region=X'FF' WHERE id=?",
           cid)

    out = kehu.json("customer", "show", cid)
    assert out["customer"]["name"] == shown
    assert out["customer"]["address"] is None
    assert out["customer"]["region"] == REPLACEMENT
    assert kehu.run("customer", "show", cid).returncode == 0
    items = kehu.json("customer", "list")["items"]
    assert [c["name"] for c in items] == [shown]
    assert kehu.run("customer", "list").returncode == 0
    # editing another field works and leaves the damaged name as it was stored
    kehu.run("customer", "edit", cid, "--grade", "A")
    assert kehu.json("customer", "show", cid)["customer"]["grade"] == "A"
    # search (by the contact, whose keys are intact) and the phone lookup answer
    assert kehu.run("search", "张三").returncode == 0
    assert kehu.run("search", "5678").returncode == 0
    view = kehu.json("lookup", "13812345678")
    assert view["customer"]["name"] == shown
    # renaming repairs the record; it is then found by its new name
    kehu.run("customer", "edit", cid, "--name", "上海新名")
    assert kehu.json("customer", "show", cid)["customer"]["name"] == "上海新名"
    assert "上海新名" in kehu.run("search", "新名").stdout
    kehu.run("analyze")


def test_damaged_columns_of_every_type(damaged):
    """BLOBs and text in enum, money, boolean, date, JSON and integer columns."""
    kehu, cid = damaged
    damage(kehu.db, "UPDATE customers SET grade=X'FF', purchase_budget_fen='lots',"
           " key_account=X'01', founded_on=X'FF', custom=X'FF00', employees='many',"
           " phone=X'FF' WHERE id=?", cid)
    damage(kehu.db, "UPDATE contacts SET name=X'FF', mobile=NULL, birthday='someday'")
    out = kehu.json("customer", "show", cid)
    assert out["customer"]["grade"] == REPLACEMENT
    assert out["customer"]["custom"] == {}
    assert out["contacts"][0]["name"] == REPLACEMENT
    assert kehu.run("customer", "list").returncode == 0
    assert kehu.run("contact", "list").returncode == 0
    kehu.run("customer", "edit", cid, "--region", "华北")
    contact = kehu.json("contact", "list")["items"][0]["id"]
    kehu.run("contact", "edit", contact, "--title", "经理")
    assert kehu.run("search", "华信").returncode == 0
    # the edit re-indexed the damaged phone: not found, but an answer
    assert "no customer has the number" in kehu.fails("lookup", "13812345678")
    assert kehu.run("settings").returncode == 0


def test_damaged_setting_is_shown(kehu):
    damage(kehu.db, "UPDATE settings SET value=X'FF00', description=X'FF'"
           " WHERE key='auth.session_hours'")
    out = kehu.json("settings")
    assert out["auth.session_hours"]["value"] == REPLACEMENT * 2
    assert out["auth.session_hours"]["description"] == REPLACEMENT
