"""`kehu token create|list|revoke`: tokens are listed by id, name, owner and dates, never
by their secret, and one can be revoked alone."""
import json
import sqlite3

PASSWORD = "correct horse 1\n"


def tokens(kehu):
    return json.loads(kehu.run("token", "list", "--json").stdout)["items"]


def test_list_shows_no_secret_and_revoke_one(kehu):
    kehu.run("user", "add", "lily", "--role", "sales", input=PASSWORD)
    kehu.run("user", "add", "wang", "--role", "sales", input=PASSWORD)
    a = kehu.run("token", "create", "lily", "--name", "呼叫中心").stdout.strip()
    b = kehu.run("token", "create", "lily").stdout.strip()
    c = kehu.run("token", "create", "wang").stdout.strip()
    listed = tokens(kehu)
    assert [t["login"] for t in listed] == ["wang", "lily", "lily"]
    assert listed[2]["name"] == "呼叫中心" and listed[1]["name"] is None
    assert all(t["last_used_at"] is None and t["revoked_at"] is None for t in listed)
    text = kehu.run("token", "list").stdout
    con = sqlite3.connect(kehu.db)
    hashes = [r[0] for r in con.execute("SELECT token_hash FROM api_tokens")]
    con.close()
    for secret in [a, b, c, *hashes]:
        assert secret not in text and secret not in json.dumps(listed)
    assert "呼叫中心" in text and "never" in text
    # one login's tokens
    only = json.loads(kehu.run("token", "list", "lily", "--json").stdout)
    assert only["total"] == 2 and {t["login"] for t in only["items"]} == {"lily"}
    # revoke one: the others stay live
    kehu.run("token", "revoke", listed[1]["id"])
    after = {t["id"]: t["revoked_at"] for t in tokens(kehu)}
    assert after[listed[1]["id"]] and not after[listed[0]["id"]] and not after[listed[2]["id"]]
    assert "revoked" in kehu.run("token", "list", "lily").stdout


def test_revoke_and_list_refuse_bad_input(kehu):
    kehu.run("user", "add", "lily", "--role", "sales", input=PASSWORD)
    kehu.run("token", "create", "lily")
    tid = tokens(kehu)[0]["id"]
    kehu.run("token", "revoke", tid)
    before = kehu.dump()
    assert "id" in kehu.fails("token", "revoke", tid)          # already revoked
    assert "id" in kehu.fails("token", "revoke", 999)          # no such token
    kehu.fails("token", "revoke", "abc", code=2)
    assert "nobody" in kehu.fails("token", "list", "nobody", field="login")
    assert kehu.dump() == before
