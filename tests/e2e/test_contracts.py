"""Contracts, payment plans and receipts on the command line (issue 13): a contract
through its approval to its order, receipts against it, and migration 23 on a database
that has payments."""
import sqlite3

from test_duplicates import back_to_schema_22


def rows(db, sql):
    con = sqlite3.connect(db)
    out = con.execute(sql).fetchall()
    con.close()
    return out


def test_contract_flow(kehu):
    cid = kehu.add("customer", name="杭州云帆网络有限公司")
    pid = kehu.add("product", name="压力传感器", unit_price="890", unit_cost="489.50")
    k = kehu.add("contract", customer=cid, name="年度采购", line=f"{pid}:10", discount="5",
                 signed_date="2026-06-01", start_date="2026-06-01", end_date="2027-05-31")
    c = kehu.json("contract", "show", k)
    # 10 × 890 less 5 %, the number from today's date (KEHU_TODAY) and the day's sequence
    assert (c["number"], c["total"], c["status"], c["order"]) == (
        "HT20260630001", "8455.00", "draft", None)
    assert c["lines"][0]["amount"] == "8900.00"
    second = kehu.add("contract", customer=cid, name="服务", total="1000")
    assert kehu.json("contract", "show", second)["number"] == "HT20260630002"
    # a receipt needs an approved contract
    before = kehu.dump()
    err = kehu.fails("receivable", "add", "--contract", k, "--amount", "100",
                     "--received-date", "2026-06-10", field="contract")
    assert "approved" in err
    assert kehu.dump() == before
    # reject needs a comment; rejected goes back through submit
    kehu.fails("contract", "approve", k, field="status")
    kehu.run("contract", "submit", k)
    kehu.fails("contract", "edit", k, "--note", "x", field="status")
    kehu.fails("contract", "reject", k, field="comment")
    kehu.run("contract", "reject", k, "--comment", "折扣太高")
    kehu.run("contract", "edit", k, "--discount", "2")
    assert kehu.json("contract", "show", k)["total"] == "8722.00"
    kehu.run("contract", "submit", k)
    out = kehu.json("contract", "approve", k, "--comment", "同意")
    assert (out["status"], out["approval_comment"]) == ("approved", "同意")
    order = kehu.json("order", "show", out["order"])
    assert (order["amount"], order["date"], order["status"], order["contract"]) == (
        "8722.00", "2026-06-01", "confirmed", k)
    assert len(order["lines"]) == 1
    assert kehu.json("customer", "list")["items"][0]["won_on"] == "2026-06-01"
    # a plan and receipts: the limit counts the receipts in review
    plan = kehu.add("plan", contract=k, period=1, amount="5000", due_date="2026-07-31")
    assert kehu.json("plan", "show", plan)["customer"] == cid
    r1 = kehu.add("receivable", contract=k, plan=plan, amount="5000",
                  received_date="2026-06-20", method="wire")
    kehu.run("receivable", "submit", r1)
    err = kehu.fails("receivable", "add", "--contract", k, "--amount", "3722.01",
                     "--received-date", "2026-06-21", field="amount")
    assert "3722.00 yuan remain" in err
    kehu.run("receivable", "approve", r1)
    p = kehu.json("plan", "show", plan)
    assert (p["status"], p["received"], p["paid_date"]) == ("paid", "5000.00", "2026-06-20")
    kehu.fails("receivable", "rm", r1, field="status")
    kehu.fails("contract", "cancel", k, field="status")  # it has a receipt approved
    kehu.run("receivable", "cancel", r1)
    assert kehu.json("plan", "show", plan)["status"] == "pending"
    kehu.fails("contract", "rm", k)  # it has receipts
    kehu.run("contract", "cancel", k)
    assert kehu.json("order", "show", out["order"])["status"] == "cancelled"
    assert "submit|approve|reject|cancel" in kehu.run("contract", "--help").stdout


def test_migration_keeps_payments_as_plans(kehu):
    cid = kehu.add("customer", name="老客户")
    oid = kehu.add("order", customer=cid, date="2026-01-05", amount="300")
    paid = kehu.add("payment", order=oid, customer=cid, amount="100", due_date="2026-02-01",
                    paid_date="2026-02-10")
    open_ = kehu.add("payment", order=oid, customer=cid, amount="200", due_date="2026-03-01")
    before = rows(kehu.db, "SELECT id, order_id, customer_id, amount_fen, due_date, paid_date,"
                           " created_at FROM receivable_plans ORDER BY id")
    back_to_schema_22(kehu.db)
    assert rows(kehu.db, "SELECT id, order_id, customer_id, amount_fen, due_date, paid_date,"
                         " created_at FROM payments ORDER BY id") == before
    kehu.run("init")
    assert rows(kehu.db, "PRAGMA user_version") == [(31,)]
    assert rows(kehu.db, "SELECT id, order_id, customer_id, amount_fen, due_date, paid_date,"
                         " created_at FROM receivable_plans ORDER BY id") == before
    assert rows(kehu.db, "SELECT name FROM sqlite_master WHERE name = 'payments'") == []
    # the old records answer as before, and as plans with a status (today 2026-06-30)
    assert kehu.json("payment", "show", paid)["paid_date"] == "2026-02-10"
    assert kehu.json("plan", "show", paid)["status"] == "paid"
    assert kehu.json("plan", "show", open_)["status"] == "overdue"
    assert kehu.json("plan", "list", "--status", "overdue")["total"] == 1
    assert kehu.json("payment", "list")["total"] == 2
    # the list counts follow the renamed table
    kehu.add("payment", order=oid, customer=cid, amount="1", due_date="2026-09-01")
    assert kehu.json("payment", "list")["total"] == 3
    assert kehu.json("plan", "list", "--status", "pending")["total"] == 1
