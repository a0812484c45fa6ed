"""Duplicate control from the command line: `customer add/edit` refuse a duplicate (exit 1,
nothing written) unless --force; `kehu duplicates` and `duplicates check`; the migration
that fills the keys of an existing database; and the write path keeping exactly the keys a
rebuild computes (the keys are written in the record's own transaction)."""
import sqlite3

CODE = "91110000802100433B"  # 北京百度网讯科技有限公司, as published


def keys(db):
    con = sqlite3.connect(db)
    rows = con.execute("SELECT kind, key, customer_id, contact_id FROM dup_keys"
                       " ORDER BY 1, 2, 3, 4").fetchall()
    con.close()
    return rows


# Migration 23 undone: no contracts or receipts, and receivable_plans back to the
# payments table it was (order_id NOT NULL, its indexes).
UNDO_23 = (" DROP TRIGGER IF EXISTS list_counts_customers_move;"
           " DROP INDEX orders_contract; ALTER TABLE orders DROP COLUMN contract_id;"
           " DROP TABLE receivables; DROP TABLE contract_lines;"
           " CREATE TABLE payments (id INTEGER PRIMARY KEY,"
           " order_id INTEGER NOT NULL REFERENCES orders(id),"
           " customer_id INTEGER NOT NULL REFERENCES customers(id),"
           " amount_fen INTEGER NOT NULL, due_date TEXT NOT NULL, paid_date TEXT,"
           " created_at TEXT NOT NULL, updated_at TEXT, deleted_at TEXT);"
           " INSERT INTO payments SELECT id, order_id, customer_id, amount_fen, due_date,"
           " paid_date, created_at, updated_at, deleted_at FROM receivable_plans;"
           " DROP TABLE receivable_plans; DROP TABLE contracts;"
           " CREATE INDEX payments_customer ON payments(customer_id);"
           " CREATE INDEX payments_order ON payments(order_id);"
           " CREATE INDEX payments_due ON payments(due_date) WHERE deleted_at IS NULL;"
           " DELETE FROM settings WHERE key IN ('contract.number_pattern',"
           " 'receivable.number_pattern');")


UNDO_24 = "".join(f" ALTER TABLE activities DROP COLUMN {c};"
                  for c in ("rejected_by", "rejected_at", "reject_comment"))

UNDO_25 = " DROP TABLE opportunity_lines;"

# Migration 28: targets.
UNDO_28 = (" DROP TABLE sales_week_reasons; DROP TABLE sales_targets;"
           + "".join(f" DROP TRIGGER sales_actuals_{t}_{w};" for t in ("contracts", "receivables")
                     for w in ("insert", "delete", "update")) + " DROP TABLE sales_actuals;"
           + "".join(f" DROP INDEX {i};" for i in (
               "contracts_owner_day", "contracts_approved_day", "contracts_approved_undated",
               "receivables_owner_day",
               "receivables_approved_day", "customers_owner_created", "customers_created",
               "activities_user_done", "activities_done_day")))

UNDO_27 = " DROP TABLE report_reads; DROP TABLE report_comments; DROP TABLE reports;"

# Migration 29: reminders.
UNDO_29 = " DROP TABLE reminder_digests; DROP TABLE reminder_prefs; DROP TABLE notifications;"

UNDO_26 = " DROP TABLE todo_marks;" + "".join(f" DROP INDEX {i};" for i in (
    "customers_next_contact", "customers_owner_next_contact", "contacts_next_contact",
    "opportunities_next_contact", "tasks_open_due", "leads_new", "receivable_plans_open",
    "contracts_approved_end", "activities_visit_undecided", "customers_key_accounts",
    "contacts_birthday_md", "customers_founded_md", "customers_won_md", "important_dates_md"))


# Migration 30 rebuilds an index of 26, which UNDO_26 drops.
UNDO_30 = ""

# Migration 31: campaigns, greetings, the mail queue and consent.
UNDO_31 = (" ALTER TABLE customer_metrics DROP COLUMN mail_clicks_12m;"
           " ALTER TABLE customer_metrics DROP COLUMN mails_12m;"
           + "".join(f" DROP TABLE {t};" for t in (
    "mail_keys", "contact_consent", "mail_suppressions", "mail_events", "mail_queue",
    "campaigns", "greeting_skips", "greetings"))
    + " ALTER TABLE contacts DROP COLUMN mail_consent;"
    + " ALTER TABLE users DROP COLUMN signature; ALTER TABLE users DROP COLUMN phone;")

# Every migration after 25, newest first: a rollback past 25 starts with it.
UNDO_AFTER_25 = UNDO_31 + UNDO_30 + UNDO_29 + UNDO_28 + UNDO_27 + UNDO_26


def back_to_schema_22(db):
    """The database as the release before contracts (migration 23) left it."""
    con = sqlite3.connect(db)
    con.executescript(UNDO_AFTER_25 + UNDO_25 + UNDO_24 + UNDO_23 + " PRAGMA user_version = 22;")
    con.close()


def back_to_schema_13(db):
    """The database as the release before duplicate control left it."""
    con = sqlite3.connect(db)
    con.executescript(UNDO_AFTER_25 + " DROP TABLE dup_keys; DROP INDEX customers_credit_code;"
                      " ALTER TABLE customers DROP COLUMN credit_code;"
                      # and the migrations after 13 that came before or with it
                      " ALTER TABLE customers DROP COLUMN merged_into;"
                      " ALTER TABLE report_results DROP COLUMN stale;"
                      " ALTER TABLE report_results DROP COLUMN actor_id;"
                      " DROP TABLE import_jobs;"
                      " DROP INDEX activities_lead; ALTER TABLE activities DROP COLUMN lead_id;"
                      " DROP TABLE leads;"
                      " DROP INDEX customers_pool_owner_clock;"
                      " DROP INDEX customers_pool_contact_clock; DROP TABLE pool_claims;"
                      + "".join(f" ALTER TABLE customers DROP COLUMN {c};"
                                for c in ("owner_since", "contact_clock", "locked", "won_on",
                                          "prev_owner_id", "pool_since")) +
                      " DROP INDEX activities_contact;"
                      + "".join(f" ALTER TABLE {t} DROP COLUMN {c};"
                                for t in ("customers", "contacts", "opportunities")
                                for c in ("last_contact_date", "last_contact_note",
                                          "next_contact_date")) +
                      " DROP INDEX activities_user_kind_status; DROP INDEX customers_pool_updated;"
                      " DROP TABLE pipeline_counts;"
                      + "".join(f" DROP TRIGGER list_counts_pipeline_{t};"
                                for t in ("insert", "delete", "update", "move"))
                      + " DROP TABLE opportunity_stages;"
                      " ALTER TABLE opportunities DROP COLUMN lost_reason;"
                      + UNDO_25 + UNDO_24 + UNDO_23 +
                      " PRAGMA user_version = 13;")
    con.close()


def test_add_refuses_a_duplicate_unless_forced(kehu):
    first = kehu.add("customer", name="北京百度网讯科技有限公司", credit_code=CODE.lower(),
                     phone="010-59928888")
    before = kehu.dump()
    err = kehu.fails("customer", "add", "--name", "北京百度網訊科技", field="name")
    assert f"customer {first}" in err and "force" in err
    err = kehu.fails("customer", "add", "--name", "百度", "--credit-code", CODE,
                     field="credit_code")
    assert kehu.dump() == before
    forced = int(kehu.run("customer", "add", "--name", "北京百度网讯科技", "--force").stdout)
    assert forced == first + 1
    kehu.fails("customer", "add", "--name", "x", "--force=yes", code=2)
    # editing to its own keys is fine, to another's is not
    kehu.run("customer", "edit", first, "--phone", "01059928888", "--name", "北京百度网讯科技有限公司")
    other = kehu.add("customer", name="上海某公司")
    kehu.fails("customer", "edit", other, "--phone", "(010) 5992-8888", field="phone")
    kehu.run("customer", "edit", other, "--phone", "(010) 5992-8888", "--force")
    assert "--force" in kehu.run("customer", "--help").stdout
    assert "--credit-code" in kehu.run("customer", "--help").stdout


def test_report_and_check(kehu):
    a = kehu.add("customer", name="华信科技有限公司", email="a@huaxin.cn")
    b = int(kehu.run("customer", "add", "--name", "華信科技", "--force").stdout)
    kehu.add("customer", name="无关公司")
    rep = kehu.json("duplicates")
    assert rep["total"] == 1
    group = rep["groups"][0]
    assert (group["field"], group["key"], group["count"]) == ("name", "华信科技", 2)
    assert [m["id"] for m in group["customers"]] == [a, b]
    text = kehu.run("duplicates").stdout
    assert "华信科技" in text and "(1 of 1 groups)" in text
    got = kehu.json("duplicates", "check", "--name", "华信科技集团", "--email", "A@huaxin.cn")
    assert sorted((m["field"], m["id"]) for m in got["matches"]) == [
        ("email", a), ("name", a), ("name", b)]
    assert "no duplicate" in kehu.run("duplicates", "check", "--name", "别的").stdout
    kehu.fails("duplicates", "check", "--phone", "12", field="phone")
    kehu.fails("duplicates", "check", "--nonsense", "1", code=2)


def test_migration_fills_the_keys_of_an_existing_database(kehu, tmp_path):
    c1 = kehu.add("customer", name="臺灣積體電路製造股份有限公司", phone="0512-62531234",
                  email="Ir@tsmc.com")
    c2 = kehu.add("customer", name="上海华信", phone="13812345678")
    k = kehu.add("contact", customer=c2, name="张三", mobile="139 0000 1111",
                 email="zs@huaxin.cn")
    gone = kehu.add("customer", name="已删除公司", phone="13700000000")
    kehu.run("customer", "rm", gone)
    kept = keys(kehu.db)
    assert (2, "台湾积体电路制造", c1, 0) in kept and (3, "13900001111", c2, k) in kept
    assert not any(r[2] == gone for r in kept)
    back_to_schema_13(kehu.db)
    kehu.run("init")
    assert keys(kehu.db) == kept
    # the upgraded file refuses duplicates at once
    kehu.fails("customer", "add", "--name", "台湾积体电路制造", field="name")
    kehu.fails("customer", "add", "--name", "x", "--phone", "13900001111", field="phone")


def test_the_write_path_keeps_what_a_rebuild_computes(kehu):
    a = kehu.add("customer", name="甲公司", phone="13812345678", email="a@a.cn")
    b = kehu.add("customer", name="乙公司")
    k1 = kehu.add("contact", customer=b, name="李四", mobile="13911112222", phone="010-62531234")
    k2 = kehu.add("contact", customer=b, name="王五", mobile="13911112222")
    kehu.run("contact", "edit", k1, "--mobile", "13633334444", "--email", "ls@b.cn")
    kehu.run("contact", "rm", k2)
    kehu.run("customer", "edit", a, "--name", "甲集团", "--phone", "", "--credit-code", CODE)
    kehu.run("customer", "edit", b, "--email", "B@b.cn")
    written = keys(kehu.db)
    back_to_schema_13(kehu.db)
    kehu.run("init")
    # the release before had no credit codes: the rest is the same
    assert keys(kehu.db) == [r for r in written if r[0] != 1]
    assert (2, "甲", a, 0) in written and (1, CODE, a, 0) in written
    assert not any(r[1] == "13812345678" for r in written)


def test_demo_builds_the_keys(tmp_path):
    from conftest import Kehu
    k = Kehu(tmp_path / "demo.db")
    k.run("demo", "--customers", "300", "--seed", "7")
    built = keys(k.db)
    con = sqlite3.connect(k.db)
    live = con.execute("SELECT count(*) FROM customers WHERE deleted_at IS NULL").fetchone()[0]
    con.close()
    assert sum(1 for r in built if r[0] == 2) == live
    back_to_schema_13(k.db)
    k.run("init")
    assert keys(k.db) == built
