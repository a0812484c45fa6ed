"""Search by name, pinyin, initials, traditional characters and phone digits."""
import sqlite3


def ids(kehu, query):
    return [(r["type"], r["id"]) for r in kehu.json("search", query)]


def test_person_found_by_pinyin_initials_and_traditional(kehu):
    cid = kehu.add("customer", name="南京博远自动化有限公司")
    zs = kehu.add("contact", customer=cid, name="张三", mobile="13812345678")
    for q in ["张三", "张", "zs", "zhangsan", "zhang san", "ZHANG SAN", "張三", "zhang",
              "san", "5678", "138 1234"]:
        assert ("contact", zs) in ids(kehu, q), q
    assert ("contact", zs) not in ids(kehu, "lisi")


def test_company_found_by_substring_and_pinyin(kehu):
    cid = kehu.add("customer", name="北京华信科技有限公司", phone="010-62531234")
    for q in ["华信", "华信科技", "北京华信科技有限公司", "huaxin", "bjhx", "hxkj",
              "beijinghuaxin", "62531234", "華信"]:
        assert ("customer", cid) in ids(kehu, q), q
    assert ids(kehu, "上海") == []


def test_polyphonic_surnames_read_as_surnames(kehu):
    cid = kehu.add("customer", name="测试公司")
    zeng = kehu.add("contact", customer=cid, name="曾国藩")
    shan = kehu.add("contact", customer=cid, name="单田芳")
    assert ("contact", zeng) in ids(kehu, "zengguofan")
    assert ("contact", zeng) in ids(kehu, "zgf")
    assert ("contact", shan) in ids(kehu, "shantianfang")


def test_search_follows_edits_and_deletes(kehu):
    cid = kehu.add("customer", name="旧名字公司")
    assert ("customer", cid) in ids(kehu, "旧名字")
    kehu.run("customer", "edit", cid, "--name", "新名字公司")
    assert ("customer", cid) not in ids(kehu, "旧名字")
    assert ("customer", cid) in ids(kehu, "xinmingzi")
    kehu.run("customer", "rm", cid)
    assert ids(kehu, "新名字") == []


# store/index.c's statement, with the data scope of store/scope.h applied in the scan
SEARCH_SQL = (
    "SELECT DISTINCT k.kind, k.id FROM search_keys k"
    " LEFT JOIN contacts ct ON k.kind = 2 AND ct.id = k.id"
    " JOIN customers c ON c.id = CASE k.kind WHEN 1 THEN k.id ELSE ct.customer_id END"
    " WHERE k.key >= :prefix AND k.key < :prefix || char(1114111)"
    " AND c.deleted_at IS NULL AND (k.kind = 1 OR ct.deleted_at IS NULL)"
    " AND (:scope_all OR c.owner_id IN (SELECT value FROM json_each(:scope_owners))"
    " OR (:scope_pool AND c.in_pool = 1)"
    " OR c.id IN (SELECT customer_id FROM customer_team WHERE user_id = :scope_user))"
    " LIMIT :limit")


def test_search_uses_an_index(kehu):
    """The query plan of the search statement is an index range scan of search_keys, the
    customers reached by their primary key: never a scan of a table."""
    kehu.add("customer", name="张三公司")
    con = sqlite3.connect(kehu.db)
    plan = [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + SEARCH_SQL, {
        "prefix": "zs", "limit": 10, "scope_all": 0, "scope_owners": "[2]", "scope_pool": 1,
        "scope_user": 2})]
    text = " ".join(plan)
    assert "SEARCH k USING" in text and "key>? AND key<?" in text.replace("=", ""), plan
    assert not [p for p in plan if p.startswith("SCAN") and "json_each" not in p], plan


def test_search_rejects_empty_and_overlong(kehu):
    kehu.fails("search", "   ", field="query")
    kehu.fails("search", "x" * 300, field="query")
    kehu.fails("search", "abc", "--limit", "0", field="limit")
