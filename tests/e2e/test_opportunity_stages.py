"""`kehu opportunity stages ID`: the stage history of an opportunity, with the rules of
a stage change the API has (a lost reason, the stage's probability)."""
import sqlite3

from test_duplicates import UNDO_23, UNDO_24, UNDO_25, UNDO_AFTER_25


def test_stages_lists_the_creation_and_each_change(kehu):
    cid = kehu.add("customer", name="阶段客户")
    oid = kehu.add("opportunity", customer=cid, name="年度采购", stage="qualified")
    assert kehu.json("opportunity", "show", oid)["probability"] == 20
    kehu.run("opportunity", "edit", oid, "--stage", "negotiation")
    before = kehu.dump()
    err = kehu.fails("opportunity", "edit", oid, "--stage", "lost", field="lost_reason")
    assert "lost_reason is required when the stage becomes lost" in err
    err = kehu.fails("opportunity", "edit", oid, "--stage", "lost", field="lost_reason",
                     env={"LANG": "zh_CN.UTF-8"})
    assert err.endswith("lost_reason: 输单必须填写原因\n"), err
    assert kehu.dump() == before
    kehu.run("opportunity", "edit", oid, "--stage", "lost", "--lost-reason", "价格太高")
    o = kehu.json("opportunity", "show", oid)
    assert (o["stage"], o["probability"], o["lost_reason"]) == ("lost", 0, "价格太高")

    items = kehu.json("opportunity", "stages", oid)["items"]
    assert [(h["from_stage"], h["to_stage"]) for h in items] == [
        (None, "qualified"), ("qualified", "negotiation"), ("negotiation", "lost")]
    assert items[2]["lost_reason"] == "价格太高"
    assert all(h["at"] and h["user"] is None for h in items)  # the CLI writes as the system

    lines = kehu.run("opportunity", "stages", oid).stdout.splitlines()
    assert len(lines) == 3
    assert "-> qualified" in lines[0] and lines[0].split()[2] == "-"
    assert "negotiation" in lines[2] and "lost" in lines[2] and "价格太高" in lines[2]


def test_stages_of_a_missing_opportunity_fails(kehu):
    err = kehu.fails("opportunity", "stages", 4242)
    assert "4242" in err
    kehu.fails("opportunity", "stages", code=2)
    assert "opportunity stages ID" in kehu.run("opportunity", "--help").stdout


def test_an_existing_database_gets_the_settings_and_the_history(kehu):
    """Migration 22 on a database of the release before it: the lost_reason column, the
    history table, and the stage settings seeded with their defaults."""
    cid = kehu.add("customer", name="旧库客户")
    old = kehu.add("opportunity", customer=cid, name="旧商机", stage="proposal")
    con = sqlite3.connect(kehu.db)
    con.executescript(UNDO_AFTER_25 + UNDO_25 + UNDO_24 + UNDO_23 + " DROP TABLE opportunity_stages;"
                      " ALTER TABLE opportunities DROP COLUMN lost_reason;"
                      " DELETE FROM settings WHERE key LIKE 'stage.probability.%';"
                      " PRAGMA user_version = 21;")
    con.close()
    kehu.run("init")
    settings = kehu.json("settings")
    assert {k: settings[k]["value"] for k in settings if k.startswith("stage.")} == {
        "stage.probability.lead": "10", "stage.probability.qualified": "20",
        "stage.probability.proposal": "50", "stage.probability.negotiation": "80"}
    # a stage reached before the migration has no row; the next change has one
    assert kehu.json("opportunity", "stages", old)["items"] == []
    kehu.run("opportunity", "edit", old, "--stage", "negotiation")
    items = kehu.json("opportunity", "stages", old)["items"]
    assert [(h["from_stage"], h["to_stage"]) for h in items] == [("proposal", "negotiation")]
    assert kehu.json("opportunity", "show", old)["probability"] == 80
