"""The pool runs itself (公海规则, issue 13): the sweep, the lock and its cap, the daily
claim cap, the previous owner's cooldown and the days until the pool."""
import datetime
import json
import time

import pytest

from conftest import assert_error
from test_ownership import history

TODAY = datetime.datetime.now(datetime.timezone.utc).date()


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


@pytest.fixture
def reps(server, admin):
    server.cli("team", "add", "华东", "--parent", "总部")
    ids = {u: server.add_user(u, r, team="华东") for u, r in
           [("mgr", "manager"), ("rep1", "sales"), ("rep2", "sales")]}
    return ids, {u: server.client(u) for u in ids}


def setting(server, key, value):
    server.cli("settings", "set", key, str(value))


def sweep(server, monkeypatch, today, *args):
    monkeypatch.setenv("KEHU_TODAY", today)
    out = server.cli("pool", "sweep", *args, "--json").stdout
    monkeypatch.delenv("KEHU_TODAY")
    return json.loads(out)


def refused(r, rule, limit, en, zh):
    """A 409 naming the rule and its number, in English and Chinese."""
    assert_error(r, 409)
    e = r.json()["error"]
    assert en in e["message"] and rule in e["message"], e
    assert e["rule"] == rule and e["limit"] == limit and zh in e["message_zh"], e


def test_sweep_moves_stale_spares_locked_won_and_followed(server, admin, reps, monkeypatch):
    ids, c = reps
    rep1 = c["rep1"]
    new = lambda name: rep1.ok("POST", "/api/v1/customers", {"name": name})["id"]
    stale, locked, ordered, won_opp, followed = (new(n) for n in
                                                 ("久未跟进", "已锁定", "有订单", "赢单", "有跟进"))
    rep1.ok("POST", f"/api/v1/customers/{locked}/lock", status=200)
    rep1.ok("POST", "/api/v1/orders", {"customer": ordered, "date": day(0), "amount": "20"})
    opp = rep1.ok("POST", "/api/v1/opportunities", {"customer": won_opp, "name": "deal"})["id"]
    rep1.ok("PATCH", f"/api/v1/opportunities/{opp}", {"stage": "won"})
    # a follow-up on day +60 restarts that customer's clock
    monkeypatch.setenv("KEHU_TODAY", day(60))
    server.cli("activity", "add", "--customer", followed, "--kind", "call", "--date", day(60),
               "--status", "done")
    monkeypatch.delenv("KEHU_TODAY")

    # day +100: only the stale one is more than 90 days without a follow-up
    dry = sweep(server, monkeypatch, day(100), "--dry-run")
    assert dry["dry_run"] is True and dry["moved"] == 1
    assert [(x["id"], x["owner"], x["rule"]) for x in dry["customers"]] == [
        (stale, ids["rep1"], "no_followup")]
    assert rep1.ok("GET", f"/api/v1/customers/{stale}/owners")["owner"] == ids["rep1"]
    assert history(server, stale)[0] == []   # the dry run changed nothing

    real = sweep(server, monkeypatch, day(100))
    assert real["moved"] == 1 and real["customers"][0]["id"] == stale
    owners = admin.ok("GET", f"/api/v1/customers/{stale}/owners")
    assert owners["owner"] is None and owners["in_pool"] is True
    hist, audit = history(server, stale)
    assert hist == [(ids["rep1"], None, "超过 90 天未跟进自动进入公海", None)]  # by the system
    assert "pool_sweep" in audit
    for kept in (locked, ordered, won_opp, followed):
        assert admin.ok("GET", f"/api/v1/customers/{kept}/owners")["owner"] == ids["rep1"]
    # a second sweep the same day finds nothing more
    assert sweep(server, monkeypatch, day(100))["moved"] == 0

    # the deal rule: 30 days without a deal moves the followed one too, not the won ones
    setting(server, "pool.deal_after_days", 30)
    moved = sweep(server, monkeypatch, day(100))
    assert [(x["id"], x["reason"]) for x in moved["customers"]] == [
        (followed, "超过 30 天未成交自动进入公海")]
    for kept in (locked, ordered, won_opp):
        assert admin.ok("GET", f"/api/v1/customers/{kept}/owners")["owner"] == ids["rep1"]


def test_lock_cap_and_rules(server, admin, reps):
    ids, c = reps
    rep1 = c["rep1"]
    a, b = (rep1.ok("POST", "/api/v1/customers", {"name": n})["id"] for n in ("甲", "乙"))
    setting(server, "pool.max_locked_per_rep", 1)
    assert rep1.ok("POST", f"/api/v1/customers/{a}/lock", status=200) == {"id": a, "locked": True}
    refused(rep1.post(f"/api/v1/customers/{b}/lock"), "pool.max_locked_per_rep", 1,
            "most allowed is 1", "每人最多锁定 1 个客户")
    # another rep may not see it; the manager over rep1 may unlock it
    assert_error(c["rep2"].post(f"/api/v1/customers/{a}/lock"), 404)
    # a locked customer is not released by hand
    r = rep1.post(f"/api/v1/customers/{a}/release")
    assert_error(r, 409)
    assert r.json()["error"]["message_zh"] == "客户已锁定，请先解锁再放入公海"
    assert c["mgr"].ok("POST", f"/api/v1/customers/{a}/unlock", status=200)["locked"] is False
    rep1.ok("POST", f"/api/v1/customers/{b}/lock", status=200)
    # a pool customer has no owner to lock for
    rep1.ok("POST", f"/api/v1/customers/{a}/release", status=200)
    assert_error(admin.post(f"/api/v1/customers/{a}/lock"), 409)
    assert_error(admin.post("/api/v1/customers/999999/lock"), 404)


def test_daily_claim_cap(server, admin, reps):
    ids, c = reps
    pool = []
    for n in range(3):
        cid = admin.ok("POST", "/api/v1/customers", {"name": f"公海{n}"})["id"]
        admin.ok("POST", f"/api/v1/customers/{cid}/release", status=200)
        pool.append(cid)
    setting(server, "pool.daily_claims_per_rep", 2)
    c["rep1"].ok("POST", f"/api/v1/customers/{pool[0]}/claim", status=200)
    c["rep1"].ok("POST", f"/api/v1/customers/{pool[1]}/claim", status=200)
    refused(c["rep1"].post(f"/api/v1/customers/{pool[2]}/claim"), "pool.daily_claims_per_rep",
            2, "claimed 2 customers", "每日领取上限 2 个")
    assert admin.ok("GET", f"/api/v1/customers/{pool[2]}/owners")["in_pool"] is True
    # the cap is per rep
    c["rep2"].ok("POST", f"/api/v1/customers/{pool[2]}/claim", status=200)


def test_previous_owner_cooldown(server, admin, reps, monkeypatch):
    ids, c = reps
    cid = c["rep1"].ok("POST", "/api/v1/customers", {"name": "冷却"})["id"]
    c["rep1"].ok("POST", f"/api/v1/customers/{cid}/release", status=200)
    refused(c["rep1"].post(f"/api/v1/customers/{cid}/claim"), "pool.reclaim_cooldown_days", 7,
            "after 7 days", "未满 7 天")
    # 8 days later the previous owner may claim it back
    server.stop()
    monkeypatch.setenv("KEHU_TODAY", day(8))
    server.start()
    server.client("rep1").ok("POST", f"/api/v1/customers/{cid}/claim", status=200)


def test_days_until_pool(server, admin, reps):
    ids, c = reps
    rep1 = c["rep1"]
    fresh, locked, won = (rep1.ok("POST", "/api/v1/customers", {"name": n})["id"]
                          for n in ("新客户", "锁定客户", "成交客户"))
    rep1.ok("POST", f"/api/v1/customers/{locked}/lock", status=200)
    rep1.ok("POST", "/api/v1/orders", {"customer": won, "date": day(0), "amount": "20"})

    def rows():
        return {i["id"]: i for i in rep1.ok("GET", "/api/v1/customers")["items"]}
    got = rows()
    assert got[fresh]["days_until_pool"] == 90 and got[fresh]["pool_warning"] is False
    assert got[locked]["days_until_pool"] is None and got[locked]["locked"] is True
    assert got[won]["days_until_pool"] is None and got[won]["won_on"] == day(0)
    setting(server, "pool.deal_after_days", 5)
    got = rows()
    assert got[fresh]["days_until_pool"] == 5 and got[fresh]["pool_warning"] is True
    view = rep1.ok("GET", f"/api/v1/customers/{fresh}/view")
    assert view["pool"] == {"days_until_pool": 5, "pool_warning": True, "locked": False,
                            "won_on": None}
    assert rep1.ok("GET", f"/api/v1/customers/{locked}/view")["pool"]["days_until_pool"] is None


def test_server_sweeps_at_start(server, admin, reps, monkeypatch):
    """The job inside `kehu serve` runs the sweep when it starts (then once a day)."""
    ids, c = reps
    stale = c["rep1"].ok("POST", "/api/v1/customers", {"name": "服务器回收"})["id"]
    server.stop()
    monkeypatch.setenv("KEHU_TODAY", day(91))
    server.start()
    cl = server.client("admin")
    for _ in range(200):
        if cl.ok("GET", f"/api/v1/customers/{stale}/owners")["in_pool"]:
            break
        time.sleep(0.05)
    assert cl.ok("GET", f"/api/v1/customers/{stale}/owners")["owner"] is None
    assert history(server, stale)[0] == [(ids["rep1"], None, "超过 90 天未跟进自动进入公海", None)]
