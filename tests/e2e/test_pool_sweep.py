"""`kehu pool sweep [--dry-run]`: the pool rules' sweep for cron (issue 13)."""
import sqlite3


def own(kehu, cid, user, since):
    """Give cid to user since that day, as if it had been transferred then."""
    con = sqlite3.connect(kehu.db)
    con.execute("UPDATE customers SET owner_id=?, owner_since=?, contact_clock=? WHERE id=?",
                (user, since, since, cid))
    con.commit()
    con.close()


def owner(kehu, cid):
    con = sqlite3.connect(kehu.db)
    row = con.execute("SELECT owner_id, in_pool, prev_owner_id, pool_since FROM customers"
                      " WHERE id=?", (cid,)).fetchone()
    con.close()
    return row


def test_pool_sweep(kehu):
    kehu.run("user", "add", "rep1", "--role", "sales", input="a long password\n")
    rep = 1  # the first user
    ids = {n: kehu.add("customer", name=n) for n in ("stale", "followed", "won", "fresh")}
    for n in ("stale", "followed", "won"):
        own(kehu, ids[n], rep, "2026-01-02")
    own(kehu, ids["fresh"], rep, "2026-06-01")
    # today is 2026-06-30 (tests/e2e/conftest.py): a follow-up in May, an order in January
    kehu.add("activity", customer=ids["followed"], kind="visit", date="2026-05-20",
             status="done")
    kehu.add("order", customer=ids["won"], date="2026-01-10", amount="100")
    before = kehu.dump()

    dry = kehu.run("pool", "sweep", "--dry-run").stdout
    assert dry.splitlines() == [
        f"would move customer {ids['stale']} (owner {rep}): 超过 90 天未跟进自动进入公海",
        "1 customers would move to the pool"]
    assert kehu.dump() == before

    out = kehu.run("pool", "sweep").stdout
    assert out.splitlines() == [
        f"moved customer {ids['stale']} (owner {rep}): 超过 90 天未跟进自动进入公海",
        "1 customers moved to the pool"]
    assert owner(kehu, ids["stale"]) == (None, 1, rep, "2026-06-30")
    for n in ("followed", "won", "fresh"):
        assert owner(kehu, ids[n])[:2] == (rep, 0), n
    con = sqlite3.connect(kehu.db)
    assert con.execute("SELECT reason FROM owner_history WHERE customer_id=?",
                       (ids["stale"],)).fetchall() == [("超过 90 天未跟进自动进入公海",)]
    con.close()
    assert kehu.json("pool", "sweep")["moved"] == 0


def test_pool_sweep_usage(kehu):
    assert kehu.run("pool", ok=False).returncode == 2
    assert kehu.run("pool", "sweep", "--now", ok=False).returncode == 2
    assert "pool sweep" in kehu.run("pool", "--help").stdout
