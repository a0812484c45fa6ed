"""An opportunity's stage (issue 13, docs/api.md "Opportunities: stages"): the win
probability follows the stage's setting unless the request gives one (won is 100, lost
0), a change to lost needs a lost_reason and changes nothing without one, and every
stage change, the creation too, leaves a history row (who, when, from, to) that
GET /api/v1/opportunities/{id}/stages serves within the reader's scope.

The company:   总部 (admin, mgr_hq)
               ├── 华东 (rep_e)
               └── 华西 (rep_w)
"""
from datetime import datetime, timedelta, timezone

import pytest

from conftest import Server, assert_error


@pytest.fixture(scope="module")
def co(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("stages"))
    ids = s.add_company()
    for login, team in [("rep_e", "华东"), ("rep_w", "华西")]:
        ids[login] = s.add_user(login, "sales", team=team)
    s.start()
    c = {u: s.client(u) for u in ids}
    cust = {rep: c[rep].ok("POST", "/api/v1/customers", {"name": f"阶段{rep}"})["id"]
            for rep in ("rep_e", "rep_w")}
    yield {"server": s, "c": c, "ids": ids, "cust": cust}
    s.stop()


def new_opp(co, rep="rep_e", **fields):
    body = {"customer": co["cust"][rep], "name": "阶段项目", **fields}
    return co["c"][rep].ok("POST", "/api/v1/opportunities", body)["id"]


def get(co, oid, who="rep_e"):
    return co["c"][who].ok("GET", f"/api/v1/opportunities/{oid}")


def move(co, oid, who="rep_e", **fields):
    return co["c"][who].ok("PATCH", f"/api/v1/opportunities/{oid}", fields)


def history(co, oid, who="rep_e"):
    return co["c"][who].ok("GET", f"/api/v1/opportunities/{oid}/stages")["items"]


def test_probability_follows_the_stage_setting(co):
    oid = new_opp(co)
    o = get(co, oid)
    assert o["stage"] == "lead" and o["probability"] == 10
    for stage, p in [("qualified", 20), ("proposal", 50), ("negotiation", 80), ("won", 100)]:
        move(co, oid, stage=stage)
        assert get(co, oid)["probability"] == p, stage
    # a changed setting is what the next change takes; the stored rows keep theirs
    admin = co["c"]["admin"]
    admin.ok("PATCH", "/api/v1/settings", {"stage.probability.proposal": 35})
    try:
        assert get(co, oid)["probability"] == 100
        move(co, oid, stage="proposal")
        assert get(co, oid)["probability"] == 35
        assert get(co, new_opp(co, stage="proposal"))["probability"] == 35
    finally:
        admin.ok("PATCH", "/api/v1/settings", {"stage.probability.proposal": 50})


def test_an_explicit_probability_wins_except_won_and_lost(co):
    oid = new_opp(co, stage="qualified", probability=33)
    assert get(co, oid)["probability"] == 33
    move(co, oid, stage="proposal", probability=44)
    assert get(co, oid)["probability"] == 44
    # a change of something else leaves the probability as it is
    move(co, oid, name="改名")
    assert get(co, oid)["probability"] == 44
    move(co, oid, stage="won", probability=60)
    assert get(co, oid)["probability"] == 100
    move(co, oid, probability=70)
    assert get(co, oid)["probability"] == 100
    lost = new_opp(co, stage="lost", lost_reason="价格太高", probability=90)
    assert get(co, lost)["probability"] == 0


def test_the_settings_are_served_with_their_range(co):
    s = co["c"]["admin"].ok("GET", "/api/v1/settings")
    for stage, d in [("lead", 10), ("qualified", 20), ("proposal", 50), ("negotiation", 80)]:
        v = s[f"stage.probability.{stage}"]
        assert v["default"] == str(d) and v["min"] == 0 and v["max"] == 100
    r = co["c"]["admin"].patch("/api/v1/settings", {"stage.probability.lead": 101})
    assert_error(r, 400, field="stage.probability.lead")


def test_lost_needs_a_reason_and_changes_nothing_without_one(co):
    oid = new_opp(co, stage="negotiation", amount="5000")
    before = get(co, oid)
    for body in [{"stage": "lost"}, {"stage": "lost", "lost_reason": ""},
                 {"stage": "lost", "lost_reason": None}, {"stage": "lost", "name": "别的"}]:
        r = co["c"]["rep_e"].patch(f"/api/v1/opportunities/{oid}", body)
        err = assert_error(r, 400, code="invalid", field="lost_reason")
        assert "lost_reason" in err["message"] and err["reason"] == "lost_reason_required"
        zh = co["c"]["rep_e"].patch(f"/api/v1/opportunities/{oid}", body,
                                       headers={"Accept-Language": "zh-CN"})
        assert assert_error(zh, 400, code="invalid", field="lost_reason")["message"] in (
            "输单必须填写原因", "输单原因不能清空")
        assert get(co, oid) == before
    assert len(history(co, oid)) == 1
    r = co["c"]["rep_e"].post("/api/v1/opportunities",
                              {"customer": co["cust"]["rep_e"], "name": "直接输单",
                               "stage": "lost"})
    assert_error(r, 400, field="lost_reason")
    # too long: the field's bound
    r = co["c"]["rep_e"].patch(f"/api/v1/opportunities/{oid}",
                               {"stage": "lost", "lost_reason": "长" * 501})
    assert_error(r, 400, field="lost_reason")
    move(co, oid, stage="lost", lost_reason="预算取消")
    o = get(co, oid)
    assert o["stage"] == "lost" and o["lost_reason"] == "预算取消" and o["probability"] == 0
    # a lost opportunity keeps a reason; the reason may be reworded
    r = co["c"]["rep_e"].patch(f"/api/v1/opportunities/{oid}", {"lost_reason": None})
    assert_error(r, 400, field="lost_reason")
    move(co, oid, lost_reason="预算取消，明年再议")
    assert get(co, oid)["lost_reason"] == "预算取消，明年再议"


def test_reopening_clears_the_reason_and_the_history_keeps_it(co):
    oid = new_opp(co, stage="proposal")
    move(co, oid, stage="lost", lost_reason="选了竞品")
    move(co, oid, stage="won")
    o = get(co, oid)
    assert o["stage"] == "won" and o["probability"] == 100 and o.get("lost_reason") is None
    # a reason on an open opportunity is refused
    r = co["c"]["rep_e"].patch(f"/api/v1/opportunities/{oid}", {"lost_reason": "x"})
    assert_error(r, 400, field="lost_reason")
    h = history(co, oid)
    assert [(x["from_stage"], x["to_stage"]) for x in h] == [
        (None, "proposal"), ("proposal", "lost"), ("lost", "won")]
    assert [x["lost_reason"] for x in h] == [None, "选了竞品", None]


def test_history_rows_say_who_when_from_and_to(co):
    start = datetime.now(timezone.utc) - timedelta(seconds=2)
    oid = new_opp(co, amount="100")
    move(co, oid, stage="qualified")
    move(co, oid, amount="200")  # not a stage change: no row
    move(co, oid, stage="qualified")  # the same stage: no row
    move(co, oid, who="mgr_hq", stage="negotiation")
    h = history(co, oid)
    assert [(x["from_stage"], x["to_stage"], x["user"]) for x in h] == [
        (None, "lead", co["ids"]["rep_e"]), ("lead", "qualified", co["ids"]["rep_e"]),
        ("qualified", "negotiation", co["ids"]["mgr_hq"])]
    assert h[0]["user_name"] and h[2]["user_name"]
    end = datetime.now(timezone.utc) + timedelta(seconds=2)
    for x in h:
        at = datetime.fromisoformat(x["at"].replace("Z", "+00:00"))
        assert start <= at <= end, x
    assert [x["id"] for x in h] == sorted(x["id"] for x in h)
    # the manager reads it too
    assert history(co, oid, who="mgr_hq") == h


def test_a_rep_outside_scope_gets_404(co):
    oid = new_opp(co, stage="proposal")
    r = co["c"]["rep_w"].get(f"/api/v1/opportunities/{oid}/stages")
    assert_error(r, 404)
    missing = co["c"]["admin"].get("/api/v1/opportunities/999999/stages")
    assert_error(missing, 404)
    assert r.json()["error"]["code"] == missing.json()["error"]["code"]


def test_the_board_totals_follow_the_stage_probability(co):
    """pipeline_counts' triggers see the probability the stage gave."""
    oid = new_opp(co, rep="rep_w", stage="qualified", amount="1000")
    cl = co["c"]["rep_w"]

    def weighted(stage):
        col = next(s for s in cl.ok("GET", "/api/v1/pipeline")["stages"]
                   if s["stage"] == stage)
        return col["weighted"]

    assert weighted("qualified") == "200.00"
    move(co, oid, who="rep_w", stage="negotiation")
    assert weighted("qualified") == "0.00" and weighted("negotiation") == "800.00"
    move(co, oid, who="rep_w", stage="lost", lost_reason="没预算")
    assert weighted("negotiation") == "0.00" and weighted("lost") == "0.00"
