"""`kehu todo [--user LOGIN] [--kind K]`: the to-do centre on the command line, in English
or 中文 by the locale, for everybody or as one user sees it (KEHU_TODAY is 2026-06-30)."""

import sqlite3


def build(kehu):
    kehu.run("user", "add", "rep1", "--role", "sales", input="correct horse 1\n")
    kehu.run("user", "add", "rep2", "--role", "sales", input="correct horse 1\n")
    mine = kehu.add("customer", name="甲公司")
    theirs = kehu.add("customer", name="乙公司")
    # the command line owns nothing: the owners as a transfer in the web UI sets them
    con = sqlite3.connect(kehu.db)
    con.executemany("UPDATE customers SET owner_id = ? WHERE id = ?", ((1, mine), (2, theirs)))
    con.commit()
    con.close()
    for cid, nd in ((mine, "2026-06-28"), (theirs, "2026-06-30")):
        kehu.add("activity", customer=cid, kind="call", date="2026-06-20", status="done",
                 subject="电话", next_date=nd)
    kehu.add("contact", customer=mine, name="张三", birthday="1980-07-02")
    return mine, theirs


def test_counts_and_lists_for_everybody_and_one_user(kehu):
    mine, theirs = build(kehu)
    every = kehu.json("todo")
    assert every["counts"]["followups_due"] == 2 and every["counts"]["dates_upcoming"] == 1
    assert every["counts"]["total"] == sum(v for k, v in every["counts"].items()
                                           if k != "total")
    rep1 = kehu.json("todo", "--user", "rep1")
    assert rep1["counts"]["followups_due"] == 1
    assert [i["id"] for i in rep1["items"]["followups_due"]["items"]] == [f"customer:{mine}"]
    one = kehu.json("todo", "--user", "rep2", "--kind", "followups_due")
    assert (one["count"], [i["id"] for i in one["items"]]) == (1, [f"customer:{theirs}"])
    assert one["items"][0]["overdue"] is False
    out = kehu.run("todo", "--user", "rep1").stdout
    assert "Follow-ups due (followups_due): 1" in out
    assert "2026-06-28! customer:" in out and "甲公司" in out
    assert "Birthdays and dates (dates_upcoming): 1" in out and "2026-07-02" in out
    zh = kehu.run("todo", "--kind", "dates_upcoming", env={"LANG": "zh_CN.UTF-8"}).stdout
    assert zh.startswith("生日与纪念日 (dates_upcoming): 1") and "张三" in zh


def test_bad_input(kehu):
    build(kehu)
    before = kehu.dump()
    assert "kind must be one of" in kehu.fails("todo", "--kind", "nope", field="kind")
    assert "没有用户" in kehu.fails("todo", "--user", "nobody", env={"LANG": "zh_CN.UTF-8"})
    kehu.fails("todo", "--limit", "0", field="limit")
    kehu.fails("todo", "--colour", "red", code=2)
    assert "todo [--user LOGIN]" in kehu.run("todo", "--help").stdout
    assert "todo [--user LOGIN]" in kehu.run("--help").stdout
    assert kehu.dump() == before
