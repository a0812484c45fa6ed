"""`kehu report add|list|show` (issue 14 parts 3 and 7): a report written as a user,
pre-filled from their day, submitted once; lists by kind and author; who sees which;
errors naming the field, changing nothing. KEHU_TODAY is 2026-06-30, a Tuesday."""
import json

import pytest

PW = "correct horse 1\n"


@pytest.fixture
def team(kehu):
    """lily and wang (sales) and boss (their manager) in 华东; zoe (sales) in 华西."""
    for login, role, t in (("lily", "sales", "华东"), ("wang", "sales", "华东"),
                           ("boss", "manager", "华东"), ("zoe", "sales", "华西")):
        kehu.run("user", "add", login, "--role", role, "--team", t, input=PW)
    kehu.ids = {r["login"]: r["id"] for r in kehu.json("user", "list")["items"]}
    return kehu


def test_add_prefilled_submitted_and_shown(team):
    k, lily = team, team.ids["lily"]
    cid = k.add("customer", name="北京华信科技有限公司")
    other = k.add("customer", name="成都天府软件有限公司")
    visit = k.add("activity", customer=cid, kind="visit", date="2026-06-30", user=lily,
                  subject="了解采购计划", next_step="报价", next_date="2026-07-01")
    k.add("activity", customer=cid, kind="call", date="2026-06-29", user=lily, subject="昨天")
    k.add("activity", customer=other, kind="visit", date="2026-06-30",
          user=team.ids["zoe"], subject="华西的拜访")
    order = k.add("order", customer=cid, date="2026-06-30", amount="880", owner=lily)
    k.add("order", customer=other, date="2026-06-30", amount="99", owner=team.ids["zoe"])
    k.add("task", title="发送报价单", customer=cid, due_date="2026-07-01", user=lily)
    k.add("task", title="华西的任务", due_date="2026-07-01", user=team.ids["zoe"])
    out = json.loads(k.run("report", "add", "--kind", "daily", "--as", "lily", "--prefill",
                           "--gains", "签了一单", "--submit", "--json",
                           env={"LANG": "zh_CN.UTF-8"}).stdout)
    assert (out["status"], out["kind"], out["period_start"], out["author_id"]) == (
        "submitted", "daily", "2026-06-30", lily)
    assert out["gains"] == "签了一单"
    assert "北京华信科技有限公司（拜访）：了解采购计划；报价" in out["work_done"]
    assert "新建订单 1 笔，金额 880.00 元" in out["work_done"]
    assert "华西" not in out["work_done"] and "昨天" not in out["work_done"]
    assert out["plan"] == "1. 2026-07-01 任务：发送报价单（北京华信科技有限公司）"
    assert visit and order
    # once submitted it cannot be written again
    err = k.fails("report", "add", "--kind", "daily", "--as", "lily", field="period_start")
    assert "already" in err
    shown = k.run("report", "show", str(out["id"]), "--as", "boss").stdout
    assert "签了一单" in shown and "status" in shown and "submitted" in shown
    assert k.json("report", "show", str(out["id"]), "--as", "boss")["reads"][0]["reader_id"] \
        == team.ids["boss"]


def test_list_by_kind_and_author_and_scope(team):
    k = team
    k.run("report", "add", "--kind", "daily", "--user", "lily", "--work-done", "拜访两家")
    k.run("report", "add", "--kind", "weekly", "--as", "lily", "--date", "2026-06-29",
          "--plan", "下周拜访三家")
    k.run("report", "add", "--kind", "daily", "--as", "wang", "--date", "2026-06-29",
          "--work-done", "电话五个")
    k.run("report", "add", "--kind", "daily", "--as", "zoe", "--work-done", "华西")
    everyone = k.json("report", "list")
    assert everyone["total"] == 4
    assert [(r["author_login"], r["kind"], r["period_start"]) for r in everyone["items"]] == [
        ("zoe", "daily", "2026-06-30"), ("lily", "daily", "2026-06-30"),
        ("wang", "daily", "2026-06-29"), ("lily", "weekly", "2026-06-29")]
    assert [r["kind"] for r in k.json("report", "list", "--user", "lily")["items"]] == [
        "daily", "weekly"]
    assert k.json("report", "list", "--kind", "weekly")["total"] == 1
    # as a rep: their own; as the manager: the team's
    assert {r["author_login"] for r in k.json("report", "list", "--as", "wang")["items"]} == \
        {"wang"}
    assert {r["author_login"] for r in k.json("report", "list", "--as", "boss")["items"]} == \
        {"lily", "wang"}
    text = k.run("report", "list", "--kind", "daily", "--user", "wang").stdout
    assert text.splitlines()[-1] == "1 report(s)" and "2026-06-29\tdaily\tdraft" in text
    zoes = k.json("report", "list", "--user", "zoe")["items"][0]["id"]
    assert "no report with id" in k.fails("report", "show", str(zoes), "--as", "lily",
                                          field="id")


def test_errors_name_the_field_and_change_nothing(team):
    k = team
    before = k.dump()
    k.fails("report", "add", "--kind", "monthly", "--as", "lily", field="kind")
    k.fails("report", "add", "--kind", "weekly", "--date", "2026-06-30", "--as", "lily",
            field="period_start")
    k.fails("report", "add", "--kind", "daily", "--date", "2026-02-30", "--as", "lily",
            field="period_start")
    k.fails("report", "add", "--kind", "daily", "--as", "lily", "--losses", "长" * 4001,
            field="losses")
    k.fails("report", "add", "--kind", "daily", "--as", "nobody", field="login")
    k.fails("report", "add", "--kind", "daily", "--as", "lily", "--submit", field="work_done")
    k.fails("report", "add", "--kind", "daily", code=2)
    k.fails("report", "add", "--kind", "daily", "--as", "lily", "--mood", "好", code=2)
    k.fails("report", "show", "x", code=2)
    k.fails("report", "show", "99", field="id")
    k.fails("report", "frobnicate", code=2)
    assert k.dump() == before
    zh = k.fails("report", "add", "--kind", "weekly", "--date", "2026-06-30", "--as", "lily",
                 env={"LANG": "zh_CN.UTF-8"})
    assert "周报应从星期一开始" in zh
