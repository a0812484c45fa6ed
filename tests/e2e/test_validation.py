"""Bad input gets a clear error naming the field, a non-zero exit, and changes nothing."""
import pytest

SQL_NASTIES = ["'; DROP TABLE customers; --", "Robert'); DELETE FROM orders;--",
               "\" OR 1=1 --", "%_\\", "x' UNION SELECT password_hash FROM users --"]


@pytest.fixture
def seeded(kehu):
    cid = kehu.add("customer", name="成都天成信息技术有限公司", phone="028-8765 4321")
    kehu.add("contact", customer=cid, name="王伟", mobile="13912345678")
    kehu.add("order", customer=cid, date="2026-01-02", amount="500")
    return kehu, cid


def unchanged(kehu, before):
    after = kehu.dump()
    assert after == before


@pytest.mark.parametrize("args,field", [
    (["customer", "add"], "name"),
    (["customer", "add", "--name", ""], "name"),
    (["customer", "add", "--name", "   "], "name"),
    (["customer", "add", "--name", "长" * 201], "name"),
    (["customer", "add", "--name", "两行\n名字"], "name"),
    (["customer", "add", "--name", "x", "--segment", "aliens"], "segment"),
    (["customer", "add", "--name", "x", "--phone", "12345"], "phone"),
    (["customer", "add", "--name", "x", "--phone", "138-abc-5678"], "phone"),
    (["customer", "add", "--name", "x", "--phone", "23456789"], "phone"),
    (["customer", "add", "--name", "x", "--email", "not-an-email"], "email"),
    (["customer", "add", "--name", "x", "--founded-on", "2023-02-30"], "founded_on"),
    (["customer", "add", "--name", "x", "--founded-on", "30/01/2023"], "founded_on"),
    (["customer", "add", "--name", "x", "--employees", "-5"], "employees"),
    (["customer", "add", "--name", "x", "--employees", "12abc"], "employees"),
    (["customer", "add", "--name", "x", "--purchase-budget", "-1"], "purchase_budget"),
    (["customer", "add", "--name", "x", "--purchase-budget", "1e309"], "purchase_budget"),
    (["customer", "add", "--name", "x", "--purchase-budget", "999999999999999"], "purchase_budget"),
    (["customer", "add", "--name", "x", "--purchase-budget", "12.345"], "purchase_budget"),
    (["customer", "add", "--name", "x", "--key-account", "maybe"], "key_account"),
    (["customer", "add", "--name", "x", "--owner", "1"], "owner"),
    (["customer", "add", "--name", "x", "--colour", "red"], "colour"),
    (["contact", "add", "--customer", "999", "--name", "x"], "customer"),
    (["contact", "add", "--customer", "abc", "--name", "x"], "customer"),
    (["contact", "add", "--customer", "1", "--name", "x", "--birthday", "1990-13-01"], "birthday"),
    (["order", "add", "--customer", "1", "--date", "2026-01-01"], "amount"),
    (["order", "add", "--customer", "1", "--date", "2026-01-01", "--amount", "-3"], "amount"),
    (["order", "add", "--customer", "1", "--date", "2026-01-01", "--amount", "abc"], "amount"),
    (["order", "add", "--customer", "1", "--date", "tomorrow", "--amount", "1"], "date"),
    (["order", "add", "--customer", "1", "--date", "2026-01-01", "--line", "999:1"], "lines[0]"),
    (["order", "add", "--customer", "1", "--date", "2026-01-01", "--line", "1:0"], "lines[0]"),
    (["activity", "add", "--customer", "1", "--kind", "visit"], "date"),
    (["opportunity", "add", "--customer", "1", "--name", "x", "--probability", "150"], "probability"),
])
def test_bad_input_is_refused_and_changes_nothing(seeded, args, field):
    kehu, _ = seeded
    before = kehu.dump()
    kehu.fails(*args, field=field)
    unchanged(kehu, before)


def test_unknown_ids(seeded):
    kehu, _ = seeded
    before = kehu.dump()
    for args in (["customer", "show", "424242"], ["customer", "edit", "424242", "--name", "x"],
                 ["customer", "rm", "424242"], ["contact", "show", "424242"],
                 ["order", "rm", "424242"]):
        kehu.fails(*args, field="no ")
    kehu.fails("customer", "show", "-1", code=2)
    kehu.fails("customer", "show", "abc", code=2)
    unchanged(kehu, before)


def test_invalid_utf8_is_refused(seeded, tmp_path):
    import subprocess
    from conftest import KEHU
    kehu, cid = seeded
    before = kehu.dump()
    for bad in [b"\xff\xfe", b"abc\xc3", b"\xed\xa0\x80", b"\xc0\xaf"]:
        proc = subprocess.run([KEHU.encode(), b"--db", kehu.db.encode(), b"customer", b"edit",
                               str(cid).encode(), b"--name", bad], capture_output=True)
        assert proc.returncode == 1
        assert b"UTF-8" in proc.stderr
    unchanged(kehu, before)


@pytest.mark.parametrize("text", SQL_NASTIES)
def test_sql_metacharacters_are_stored_literally(kehu, text):
    cid = kehu.add("customer", name=text, address=text, goals=text, decision_process=text,
                   related_parties=text)
    c = kehu.json("customer", "show", cid)["customer"]
    assert c["name"] == text.strip() and c["address"] == text.strip()
    assert c["goals"] == text.strip() and c["related_parties"] == text.strip()
    k = kehu.add("contact", customer=cid, name=text, hobbies=text)
    assert kehu.json("contact", "show", k)["name"] == text.strip()
    a = kehu.add("activity", customer=cid, kind="note", date="2026-01-01", note=text)
    assert kehu.json("activity", "show", a)["note"] == text.strip()
    proc = kehu.run("search", text, "--json", ok=False)
    # Either results, or (for text that is only punctuation) a clear refusal.
    assert proc.returncode == 0 or "query" in proc.stderr, proc.stderr
    assert kehu.json("customer", "list")["total"] == 1


def test_usage_errors_exit_2(kehu):
    kehu.fails("customer", code=2)
    kehu.fails("customer", "fly", code=2)
    kehu.fails("customer", "add", "--name", code=2)
    kehu.fails("nosuchcommand", code=2)
    kehu.fails("customer", "edit", "1", code=2)
