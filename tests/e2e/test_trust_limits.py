"""The command line refuses what the API refuses (issue 10, items 11, 12 and 15): an
option given twice, dates outside their field's range, money that would overflow."""
import pytest


def test_repeated_option_is_refused(kehu):
    before = kehu.dump()
    err = kehu.fails("customer", "add", "--name", "北京华信", "--name", "上海", field="name")
    assert "more than once" in err
    assert kehu.dump() == before
    cid = kehu.add("customer", name="北京华信")
    kehu.fails("customer", "edit", cid, "--grade", "A", "--grade=B", field="grade")
    assert kehu.json("customer", "show", cid)["customer"]["grade"] is None
    kehu.fails("customer", "list", "--page", "1", "--page", "2", field="page")
    kehu.fails("search", "北京", "--limit", "1", "--limit", "2", field="limit")



@pytest.mark.parametrize("args, name", [
    (["--port", "0", "--port", "99999"], "port"),
    (["--threads", "1", "--threads=999"], "threads"),
    (["--bind", "127.0.0.1", "--bind", "::1", "--port", "99999"], "bind"),
    (["--static", ".", "--static", "/nonexistent", "--port", "99999"], "static"),
    (["--trusted-proxy", "10.0.0.1", "--trusted_proxy", "10.0.0.2", "--port", "99999"],
     "trusted-proxy"),
    (["--secure-cookies", "--secure-cookies", "--routes"], "secure-cookies"),
])
def test_serve_repeated_option_is_refused(kehu, args, name):
    """Each old last-value-wins case ends at once (a bad port, --routes), so the
    old code cannot hang here by starting a server."""
    err = kehu.fails("serve", *args, field=name)
    assert "more than once" in err


def test_serve_db_given_twice_is_refused(kehu, tmp_path):
    """--db before the command and again after `serve`: which file would it serve?"""
    other = tmp_path / "missing" / "other.db"
    err = kehu.fails("serve", "--db", other, field="db")
    assert "more than once" in err


def test_global_db_given_twice_is_refused(kehu, tmp_path):
    other = tmp_path / "other.db"
    err = kehu.fails("--db", other, "init", field="db")
    assert "more than once" in err
    assert not other.exists()


@pytest.mark.parametrize("args, name", [
    (["--transactions", "LOG", "--transactions", "/nonexistent.csv"], "transactions"),
    (["--transactions", "LOG", "--margin", "0.5", "--margin=0.7"], "margin"),
    (["--transactions", "LOG", "--horizon-weeks", "4", "--horizon_weeks", "8"],
     "horizon-weeks"),
    (["--transactions", "LOG", "--discount-rate", "0.1", "--discount-rate", "0.2"],
     "discount-rate"),
    (["--transactions", "LOG", "--calibration-end", "1997-01-02",
      "--calibration-end", "1997-01-03"], "calibration-end"),
])
def test_clv_repeated_option_is_refused(kehu, tmp_path, args, name):
    log = tmp_path / "log.csv"
    log.write_text("id,date,amount\n1,1997-01-01,5\n1,1997-01-02,6\n"
                   "2,1997-01-01,5\n2,1997-01-03,9\n")
    proc = kehu.run("clv", *[str(log) if a == "LOG" else a for a in args], ok=False)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith("kehu: clv: ")
    assert name in proc.stderr and "more than once" in proc.stderr
    assert proc.stdout == ""

def test_dates_bounded_per_field(kehu):
    cid = kehu.add("customer", name="北京华信")
    # KEHU_TODAY is 2026-06-30: orders from 2000 up to five years ahead
    kehu.fails("order", "add", "--customer", cid, "--date", "1999-12-31", "--amount", "1",
               field="date")
    kehu.fails("order", "add", "--customer", cid, "--date", "2031-07-01", "--amount", "1",
               field="date")
    kehu.add("order", customer=cid, date="2031-06-30", amount="1")
    kehu.add("order", customer=cid, date="2000-01-01", amount="1")
    kehu.fails("contact", "add", "--customer", cid, "--name", "张三",
               "--birthday", "2026-07-01", field="birthday")
    kehu.add("contact", customer=cid, name="张三", birthday="1900-01-01")


def test_money_overflow_refused(kehu):
    cid = kehu.add("customer", name="北京华信")
    kehu.fails("order", "add", "--customer", cid, "--date", "2026-01-05",
               "--amount", "100000000000.01", field="amount")
    kehu.add("order", customer=cid, date="2026-01-05", amount="100000000000.00")
