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


def test_search_uses_an_index(kehu):
    """The query plan of the search statement is an index range scan, not a table scan."""
    con = sqlite3.connect(kehu.db)
    plan = " ".join(r[3] for r in con.execute(
        "EXPLAIN QUERY PLAN SELECT DISTINCT kind, id FROM search_keys"
        " WHERE key >= ?1 AND key < ?1 || char(1114111) LIMIT ?2", ("zs", 10)))
    assert "SEARCH search_keys USING" in plan and "key>? AND key<?" in plan.replace("=", "")


def test_search_rejects_empty_and_overlong(kehu):
    kehu.fails("search", "   ", field="query")
    kehu.fails("search", "x" * 300, field="query")
    kehu.fails("search", "abc", "--limit", "0", field="limit")
