"""kehu import: header matching, natural keys and modes, all-or-nothing, partial,
dry runs, the reject file to the line and column, every type, and kill -9."""
import csv
import io
import os
import signal
import subprocess
import time

from conftest import KEHU

BOM = "\ufeff"


def write(path, rows, bom=True):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_text((BOM if bom else "") + buf.getvalue(), encoding="utf-8")
    return path


def rejects(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[1:])))


def names(kehu):
    return sorted(c["name"] for c in kehu.json("customer", "list", "--per-page", "500")["items"])


def test_chinese_headers_create_customers_indexed_for_search_and_lookup(kehu, tmp_path):
    f = write(tmp_path / "c.csv", [["客户名称", "电话", "地区", "行业", "备用列"],
                                   ["北京华信科技有限公司", "010-62531234", "北京", "manufacturing", "x"],
                                   ["上海星海贸易有限公司", "021 5555 1234", "上海", "retail", "y"]])
    out = kehu.run("import", f, "--type", "customers")
    assert "2 created" in out.stdout
    assert "备用列" in out.stderr  # the unknown column is reported, not an error
    assert names(kehu) == ["上海星海贸易有限公司", "北京华信科技有限公司"]
    assert "北京华信" in kehu.run("search", "bjhx").stdout
    assert "上海星海" in kehu.run("lookup", "02155551234").stdout


def test_english_headers_any_case_and_spacing(kehu, tmp_path):
    f = write(tmp_path / "c.csv", [["Customer Name", " PHONE ", "region"],
                                   ["Acme Ltd", "13812345678", "Shenzhen"]], bom=False)
    kehu.run("import", f, "--type", "customers")
    c = kehu.json("customer", "list")["items"][0]
    assert (c["name"], c["phone"], c["region"]) == ("Acme Ltd", "13812345678", "Shenzhen")


def test_map_overrides_headers_and_names_a_missing_one(kehu, tmp_path):
    f = write(tmp_path / "c.csv", [["公司", "座机号", "说明"], ["甲公司", "13812345678", "无"]])
    kehu.run("import", f, "--type", "customers", "--map", "座机号=phone,说明=-")
    assert kehu.json("customer", "list")["items"][0]["phone"] == "13812345678"
    err = kehu.fails("import", f, "--type", "customers", "--map", "没有的列=phone")
    assert "没有的列" in err


def test_all_or_nothing_then_partial_and_the_exact_reject_file(kehu, tmp_path):
    f = write(tmp_path / "c.csv", [["客户名称", "电话", "员工数"],
                                   ["好公司一", "13812345678", "10"],
                                   ["坏电话公司", "12", "5"],
                                   ["好公司二", "13912345678", "20"],
                                   ["", "13712345678", "abc"]])
    before = kehu.dump()
    rj = tmp_path / "rejects.csv"
    proc = kehu.run("import", f, "--type", "customers", "--rejects", rj, "--lang", "zh", ok=False)
    assert proc.returncode == 1 and "nothing was imported" in proc.stdout
    assert kehu.dump() == before
    assert rejects(rj) == [
        ["行号", "列", "原因", "客户名称", "电话", "员工数"],
        ["3", "电话", "电话太短，不是电话号码", "坏电话公司", "12", "5"],
        ["5", "员工数", "员工数必须是整数", "", "13712345678", "abc"],
    ]
    kehu.run("import", f, "--type", "customers", "--partial", "--rejects", rj, "--lang", "en")
    assert names(kehu) == ["好公司一", "好公司二"]
    assert rejects(rj)[1:] == [
        ["3", "电话", "phone is too short for a phone number", "坏电话公司", "12", "5"],
        ["5", "员工数", "employees must be a whole number", "", "13712345678", "abc"],
    ]


def test_a_row_refused_as_the_api_refuses_it(kehu, tmp_path):
    """The same validation as customer add: its message is the reject's reason."""
    msg = kehu.fails("customer", "add", "--name", "X", "--segment", "bogus")
    f = write(tmp_path / "c.csv", [["name", "segment"], ["X", "bogus"]])
    rj = tmp_path / "r.csv"
    kehu.run("import", f, "--type", "customers", "--rejects", rj, "--lang", "en", ok=False)
    reason = rejects(rj)[1][2]
    assert reason in msg, (reason, msg)


def test_modes_create_update_upsert_by_name_and_dry_run(kehu, tmp_path):
    kehu.add("customer", name="老客户", region="北京")
    f = write(tmp_path / "c.csv", [["客户名称", "地区"], ["老客户", "上海"], ["新客户", "广州"]])
    rj = tmp_path / "r.csv"
    kehu.run("import", f, "--type", "customers", "--rejects", rj, "--lang", "en", ok=False)
    assert rejects(rj)[1][:2] == ["2", "客户名称"]
    assert "already exists" in rejects(rj)[1][2]
    kehu.run("import", f, "--type", "customers", "--mode", "update", "--rejects", rj, ok=False)
    assert rejects(rj)[1][0] == "3"
    before = kehu.dump()
    out = kehu.json("import", f, "--type", "customers", "--mode", "upsert", "--dry-run")
    assert (out["created"], out["updated"], out["rejected"], out["committed"]) == (1, 1, 0, False)
    assert kehu.dump() == before
    out = kehu.json("import", f, "--type", "customers", "--mode", "upsert")
    assert (out["created"], out["updated"], out["committed"]) == (1, 1, True)
    regions = {c["name"]: c["region"] for c in kehu.json("customer", "list")["items"]}
    assert regions == {"老客户": "上海", "新客户": "广州"}
    out = kehu.json("import", f, "--type", "customers", "--mode", "upsert")
    assert (out["created"], out["updated"], out["skipped"]) == (0, 0, 2)


def test_customer_key_by_phone_when_no_name(kehu, tmp_path):
    cid = kehu.add("customer", name="电话客户", phone="13812345678")
    f = write(tmp_path / "c.csv", [["电话", "地区"], ["138 1234 5678", "成都"]])
    kehu.run("import", f, "--type", "customers", "--mode", "update")
    assert kehu.json("customer", "show", cid)["customer"]["region"] == "成都"


def test_contacts_by_customer_and_mobile_or_name(kehu, tmp_path):
    kehu.add("customer", name="华信")
    f = write(tmp_path / "k.csv", [["客户名称", "联系人", "手机", "职务"],
                                   ["华信", "张三", "13812345678", "经理"],
                                   ["华信", "李四", "", "工程师"]])
    kehu.run("import", f, "--type", "contacts")
    g = write(tmp_path / "k2.csv", [["company", "name", "mobile", "title"],
                                    ["华信", "张三丰", "138-1234-5678", "总经理"],
                                    ["华信", "李四", "", "总工"]])
    out = kehu.json("import", g, "--type", "contacts", "--mode", "update")
    assert out["updated"] == 2
    items = {c["name"]: c["title"] for c in kehu.json("contact", "list")["items"]}
    assert items == {"张三丰": "总经理", "李四": "总工"}
    assert "张三丰" in kehu.run("search", "zsf").stdout
    bad = write(tmp_path / "k3.csv", [["客户名称", "姓名"], ["没有这家", "王五"]])
    rj = tmp_path / "r.csv"
    kehu.run("import", bad, "--type", "contacts", "--rejects", rj, "--lang", "en", ok=False)
    assert rejects(rj)[1][:3] == ["2", "客户名称", "customer: no customer called 没有这家"]


def test_products_by_code_and_orders_grouped_by_number(kehu, tmp_path):
    p = write(tmp_path / "p.csv", [["产品编码", "产品名称", "单价", "单位成本"],
                                   ["SNS-110", "压力传感器", "890", "489.50"],
                                   ["VLV-20", "阀门", "120", "60"]])
    kehu.run("import", p, "--type", "products")
    p2 = write(tmp_path / "p2.csv", [["code", "unit price"], ["SNS-110", "900"]])
    kehu.run("import", p2, "--type", "products", "--mode", "upsert")
    prices = {x["code"]: x["unit_price"] for x in kehu.json("product", "list")["items"]}
    assert prices == {"SNS-110": "900.00", "VLV-20": "120.00"}
    kehu.add("customer", name="华信")
    o = write(tmp_path / "o.csv", [["订单号", "客户名称", "订单日期", "产品编码", "数量"],
                                   ["A1", "华信", "2026-05-01", "SNS-110", "2"],
                                   ["A1", "华信", "2026-05-01", "VLV-20", "3"],
                                   ["A2", "华信", "2026-05-02", "VLV-20", "1"]])
    out = kehu.json("import", o, "--type", "orders")
    assert (out["rows"], out["created"]) == (3, 2)
    orders = sorted(kehu.json("order", "list")["items"], key=lambda x: x["date"])
    assert [x["amount"] for x in orders] == ["2160.00", "120.00"]
    bad = write(tmp_path / "o2.csv", [["订单号", "客户名称", "订单日期", "产品编码", "数量"],
                                      ["B1", "华信", "2026-05-03", "SNS-110", "1"],
                                      ["B1", "华信", "2026-05-03", "NOPE", "1"]])
    rj = tmp_path / "r.csv"
    kehu.run("import", bad, "--type", "orders", "--rejects", rj, "--lang", "en", "--partial")
    r = rejects(rj)
    assert [row[:2] for row in r[1:]] == [["2", ""], ["3", "产品编码"]]
    assert "product: no product called NOPE" == r[2][2]
    assert len(kehu.json("order", "list")["items"]) == 2


def test_activities_and_opportunities(kehu, tmp_path):
    kehu.add("customer", name="华信")
    a = write(tmp_path / "a.csv", [["客户名称", "类型", "日期", "主题"],
                                   ["华信", "visit", "2026-06-01", "拜访"]])
    assert kehu.json("import", a, "--type", "activities")["created"] == 1
    rj = tmp_path / "r.csv"
    kehu.run("import", a, "--type", "activities", "--mode", "update", "--rejects", rj,
             "--lang", "en", ok=False)
    assert "no natural key" in rejects(rj)[1][2]
    o = write(tmp_path / "o.csv", [["客户名称", "商机名称", "阶段", "金额"],
                                   ["华信", "二期项目", "proposal", "50000"]])
    kehu.run("import", o, "--type", "opportunities")
    o2 = write(tmp_path / "o2.csv", [["客户名称", "商机名称", "阶段"], ["华信", "二期项目", "won"]])
    assert kehu.json("import", o2, "--type", "opportunities", "--mode", "upsert")["updated"] == 1
    assert kehu.json("opportunity", "list")["items"][0]["stage"] == "won"


def test_as_a_rep_imports_into_their_own_scope_only(kehu, tmp_path):
    kehu.run("team", "add", "东区")
    kehu.run("team", "add", "西区")
    kehu.run("user", "add", "east", "--role", "sales", "--team", "东区", input="a long password\n")
    kehu.run("user", "add", "west", "--role", "sales", "--team", "西区", input="a long password\n")
    f = write(tmp_path / "c.csv", [["客户名称", "负责人"], ["我的客户", "east"], ["别人的客户", "west"]])
    rj = tmp_path / "r.csv"
    kehu.run("import", f, "--type", "customers", "--as", "east", "--partial", "--rejects", rj,
             "--lang", "en")
    assert rejects(rj)[1][:2] == ["3", "负责人"]
    assert "data scope" in rejects(rj)[1][2]
    mine = kehu.json("customer", "list")["items"]
    assert [c["name"] for c in mine] == ["我的客户"]


def test_templates_in_both_languages_read_back_by_import(kehu, tmp_path):
    zh = kehu.run("import", "--template", "customers", "--lang", "zh").stdout
    en = kehu.run("import", "--template", "customers", "--lang", "en").stdout
    assert zh.startswith(BOM + "统一社会信用代码,客户名称,电话") or zh.startswith(BOM + "客户名称,电话")
    assert "Customer name" in en
    t = tmp_path / "t.csv"
    header = zh.lstrip(BOM).rstrip("\r\n").split(",")
    row = ["模板客户" if h == "客户名称" else "" for h in header]
    t.write_text(zh.rstrip("\r\n") + "\r\n" + ",".join(row) + "\r\n", encoding="utf-8")
    out = kehu.json("import", t, "--type", "customers")
    assert out["created"] == 1 and out["warnings"] == []


def test_kill_9_during_an_import_leaves_the_database_as_before(kehu, tmp_path):
    kehu.add("customer", name="原有客户")
    before = kehu.dump()
    rows = [["客户名称", "电话", "地区"]]
    rows += [[f"客户{i:07d}有限公司", f"139{i:08d}", "北京"] for i in range(300000)]
    f = write(tmp_path / "big.csv", rows)
    proc = subprocess.Popen([KEHU, "--db", kehu.db, "import", str(f), "--type", "customers"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = kehu.db + "-wal"
    deadline = time.time() + 120
    # Mid-import: its one transaction has written pages to the WAL.
    while time.time() < deadline and proc.poll() is None:
        if os.path.exists(wal) and os.path.getsize(wal) > 4 << 20:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the import ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert kehu.dump() == before
    assert "原有客户" in kehu.run("customer", "list").stdout


def test_imported_customers_are_under_duplicate_control(kehu, tmp_path):
    """Each row is the API's create: its duplicate keys are written with it, and a row that
    duplicates an existing customer by a normalised key is rejected for that reason."""
    first = write(tmp_path / "a.csv", [["客户名称", "电话"], ["华为技术有限公司", "0755-28780808"]])
    assert kehu.json("import", first, "--type", "customers")["created"] == 1
    found = kehu.json("duplicates", "check", "--phone", "075528780808")
    assert [m["name"] for m in found["matches"]] == ["华为技术有限公司"]
    before = kehu.dump()
    second = write(tmp_path / "b.csv", [["客户名称"], ["华為技術"]])
    rejects = tmp_path / "rejects.csv"
    out = kehu.run("import", second, "--type", "customers", "--rejects", rejects, ok=False)
    assert out.returncode == 1
    assert kehu.dump() == before
    text = rejects.read_text(encoding="utf-8-sig")
    assert "华为技术有限公司" in text, text
    # the reason in the file's language: Chinese by default, English on request
    assert "客户名称：客户 1（华为技术有限公司）的客户名称与此相同，该客户没有负责人" in text, text
    kehu.run("import", second, "--type", "customers", "--rejects", rejects, "--lang", "en",
             ok=False)
    text = rejects.read_text(encoding="utf-8-sig")
    assert "has the same name already (no owner)" in text, text


ENUM_COLUMNS = {  # import type, entity: {field: the web UI's group of value labels}
    ("customers", "customer"): {"grade": "grade", "nature": "nature", "segment": "segment",
                                "source": "source", "size": "size",
                                "brand_loyalty": "brand_loyalty",
                                "key_account_face": "key_account_face"},
    ("contacts", "contact"): {"gender": "gender", "role": "role", "level": "level",
                              "function": "function", "warmth": "warmth",
                              "humility": "humility", "kindness": "kindness",
                              "dominance": "dominance"},
    ("activities", "activity"): {"kind": "activity_kind", "status": "activity_status",
                                 "method": "method"},
}


def ui_enum_labels():
    """The value labels of the web UI (web/src/messages.js), as node reads them."""
    web = os.path.join(os.path.dirname(__file__), "..", "..", "web")
    js = ("import('./src/messages.js').then(m => console.log(JSON.stringify("
          "{zh: m.messages.zh.enum, en: m.messages.en.enum})))")
    out = subprocess.run(["node", "--input-type=module", "-e", js], cwd=web, check=True,
                         capture_output=True, text=True).stdout
    import json
    return json.loads(out)


def test_enum_cells_may_hold_the_ui_labels(kehu, tmp_path):
    """Every value label the web UI shows (中文 and English) imports as the value it
    labels, for every enum column of customers, contacts and activities; a cell that
    names no value is refused with the field."""
    labels = ui_enum_labels()
    kehu.add("customer", name="标签测试有限公司")
    n = 0
    for (kind, _), fields in ENUM_COLUMNS.items():
        rows, want = [], []
        for field, group in fields.items():
            for value in labels["zh"][group]:
                for lang in ("zh", "en"):
                    n += 1
                    base = {"customers": {"name": f"标签{n}号公司"},
                            "contacts": {"customer": "标签测试有限公司", "name": f"联系人{n}"},
                            "activities": {"customer": "标签测试有限公司",
                                           "date": "2026-11-02", "subject": f"第{n}次"}}[kind]
                    row = dict(base)
                    if kind == "activities" and field != "kind":
                        row["kind"] = "visit"
                    row[field] = f" {labels[lang][group][value]} " if lang == "en" else \
                        labels[lang][group][value]
                    rows.append(row)
                    want.append((field, value, row))
        head = sorted({k for r in rows for k in r})
        f = write(tmp_path / f"{kind}.csv", [head] + [[r.get(h, "") for h in head] for r in rows])
        rj = tmp_path / f"{kind}-rejects.csv"
        out = kehu.json("import", f, "--type", kind, "--rejects", rj)
        assert (out["created"], out["rejected"]) == (len(rows), 0), rejects(rj)[:3]
        entity = {"customers": "customer", "contacts": "contact", "activities": "activity"}[kind]
        key = "subject" if kind == "activities" else "name"
        stored = {x[key]: x for x in kehu.json(entity, "list", "--per-page", "500")["items"]}
        for field, value, row in want:
            assert stored[row[key]][field] == value, (field, value, stored[row[key]])
    bad = write(tmp_path / "bad.csv", [["客户名称", "行业"], ["造船厂", "造船"]])
    rj = tmp_path / "bad-rejects.csv"
    kehu.run("import", bad, "--type", "customers", "--rejects", rj, ok=False)
    assert rejects(rj)[1][:2] == ["2", "行业"]
