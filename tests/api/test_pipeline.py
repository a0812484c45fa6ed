"""GET /api/v1/pipeline: the sales pipeline board, per stage its totals and its cards a
page at a time, within the caller's data scope (docs/api.md, "The sales pipeline").

The company:   总部 (admin, mgr_hq)
               ├── 华东 (rep_e)
               └── 华西 (rep_w)
Each rep owns customers with opportunities in every stage (some without an amount);
c_shared is rep_w's, shared read with rep_e.
"""
from decimal import Decimal, ROUND_HALF_UP

import pytest

from conftest import Server, assert_error, share

STAGES = ["lead", "qualified", "proposal", "negotiation", "won", "lost"]


@pytest.fixture(scope="module")
def co(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("pipeline"))
    ids = s.add_company()
    for login, team in [("rep_e", "华东"), ("rep_w", "华西")]:
        ids[login] = s.add_user(login, "sales", team=team)
    s.start()
    c = {u: s.client(u) for u in ids}
    cust = {}
    for rep in ("rep_e", "rep_w"):
        for k in range(3):
            cust[f"{rep}_{k}"] = c[rep].ok("POST", "/api/v1/customers",
                                           {"name": f"漏斗{rep}{k}"})["id"]
    share(c["rep_w"], cust["rep_w_0"], ids["rep_e"])
    n = 0
    for key, cid in cust.items():
        rep = key.rsplit("_", 1)[0]
        for stage in STAGES:
            for j in range(3):
                n += 1
                body = {"customer": cid, "name": f"项目{n}", "stage": stage,
                        "probability": (n * 7) % 101, "owner": ids[rep]}
                if stage == "lost":
                    body["lost_reason"] = "价格"
                # equal amounts (a tie broken by id) and cards without an amount
                if j < 2:
                    body["amount"] = f"{(n % 4) * 1000 + 0.5:.2f}"
                c[rep].ok("POST", "/api/v1/opportunities", body)
    yield {"server": s, "c": c, "ids": ids, "cust": cust}
    s.stop()


def listed(cl, stage, **params):
    """Every opportunity of stage as GET /opportunities lists it, by amount descending."""
    q = "&".join(f"{k}={v}" for k, v in params.items())
    r = cl.ok("GET", f"/api/v1/opportunities?stage={stage}&sort=-amount&per_page=500&{q}")
    assert r["total"] == len(r["items"])
    return r["items"]


def yuan(x):
    return Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def walk(cl, stage, limit, **params):
    """The ids of every card of stage, page after page."""
    q = "".join(f"&{k}={v}" for k, v in params.items())
    board = cl.ok("GET", f"/api/v1/pipeline?limit={limit}{q}")
    col = next(s for s in board["stages"] if s["stage"] == stage)
    ids = [o["id"] for o in col["items"]]
    while col["next"]:
        page = cl.ok("GET", f"/api/v1/pipeline?stage={stage}&limit={limit}"
                            f"&after={col['next']}{q}")
        assert [s["stage"] for s in page["stages"]] == [stage]
        col = page["stages"][0]
        assert "count" not in col and len(col["items"]) <= limit
        ids += [o["id"] for o in col["items"]]
    return ids


@pytest.mark.parametrize("login", ["admin", "mgr_hq", "rep_e", "rep_w"])
def test_totals_are_those_of_the_list_in_every_scope(co, login):
    cl = co["c"][login]
    board = cl.ok("GET", "/api/v1/pipeline?limit=4")
    assert [s["stage"] for s in board["stages"]] == STAGES and board["limit"] == 4
    for col in board["stages"]:
        items = listed(cl, col["stage"])
        amounts = [Decimal(o["amount"]) for o in items if o["amount"] is not None]
        weighted = sum((Decimal(o["amount"]) * o["probability"] / 100
                        for o in items if o["amount"] is not None), Decimal(0))
        assert col["count"] == len(items)
        assert Decimal(col["amount"]) == sum(amounts, Decimal(0))
        assert Decimal(col["weighted"]) == yuan(weighted)
        assert col["items"] == items[:4]
        assert (col["next"] is None) == (len(items) <= 4)


def test_a_rep_sees_only_their_scope(co):
    c, cust = co["c"], co["cust"]
    mine = {cust[f"rep_e_{k}"] for k in range(3)} | {cust["rep_w_0"]}  # with the share
    board = c["rep_e"].ok("GET", "/api/v1/pipeline?limit=100")
    seen = {o["customer"] for s in board["stages"] for o in s["items"]}
    assert seen == mine
    # 4 customers x 3 cards in each stage, where the admin counts 6 x 3
    assert all(s["count"] == 12 for s in board["stages"])
    assert all(s["count"] == 18 for s in c["admin"].ok("GET", "/api/v1/pipeline")["stages"])


def test_paging_walks_every_card_once_in_list_order(co):
    cl = co["c"]["admin"]
    for stage in ("lead", "won"):
        ids = walk(cl, stage, 4)
        assert ids == [o["id"] for o in listed(cl, stage)]


def test_owner_filter_narrows_cards_and_totals(co):
    cl, rep = co["c"]["admin"], co["ids"]["rep_w"]
    board = cl.ok("GET", f"/api/v1/pipeline?owner={rep}&limit=2")
    for col in board["stages"]:
        items = listed(cl, col["stage"], owner=rep)
        assert col["count"] == len(items) == 9
        assert {o["owner"] for o in col["items"]} == {rep}
    assert walk(cl, "proposal", 2, owner=rep) == [o["id"] for o in listed(cl, "proposal", owner=rep)]


def test_a_card_moved_away_does_not_shift_the_next_page(co):
    cl = co["c"]["rep_e"]
    first = cl.ok("GET", "/api/v1/pipeline?limit=3")["stages"][STAGES.index("qualified")]
    before = [o["id"] for o in listed(cl, "qualified")]
    co["c"]["admin"].ok("PATCH", f"/api/v1/opportunities/{first['items'][0]['id']}",
                        {"stage": "proposal"})
    page = cl.ok("GET", f"/api/v1/pipeline?stage=qualified&limit=3&after={first['next']}")
    assert [o["id"] for o in page["stages"][0]["items"]] == before[3:6]


@pytest.mark.parametrize("query,field", [
    ("stage=pending", "stage"),
    ("after=100:3", "after"),
    ("stage=lead&after=abc", "after"),
    ("stage=lead&after=5:0", "after"),
    ("stage=lead&after=none:", "after"),
    ("limit=0", "limit"),
    ("limit=101", "limit"),
    ("owner=me", "owner"),
    ("sort=amount", "sort"),
])
def test_bad_input_names_the_parameter(co, query, field):
    assert_error(co["c"]["admin"].get(f"/api/v1/pipeline?{query}"), 400, "invalid", field)


def test_needs_a_session(co):
    r = co["server"].client("admin")
    r.s.headers.pop("Authorization")
    assert_error(r.get("/api/v1/pipeline"), 401, "unauthenticated")
