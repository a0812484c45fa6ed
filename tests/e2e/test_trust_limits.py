"""The command line refuses what the API refuses (issue 10, items 11, 12 and 15): an
option given twice, dates outside their field's range, money that would overflow."""


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
