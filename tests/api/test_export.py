"""Issue 12, deliver 2 and 5: exports of the lists (CSV, xlsx, vCard) and vCard import.

The company:   总部 (admin, mgr_hq)
               ├── 华东 (mgr_east, rep_e1, rep_e2)
               └── 华西 (rep_w1)
rep_e1 and rep_w1 own customers; one customer is in the public pool (a rep sees it at
level 1). The xlsx files are read back with zipfile and the XML parser alone.
"""
import csv
import io
import re
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

import pytest

from conftest import Server, assert_error

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
SECRET = "met at the golf club"


@pytest.fixture(scope="module")
def co(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("export"))
    ids = s.add_company()
    for login, role, team in [("mgr_east", "manager", "华东"), ("rep_e1", "sales", "华东"),
                              ("rep_e2", "sales", "华东"), ("rep_w1", "sales", "华西")]:
        ids[login] = s.add_user(login, role, team=team)
    s.start()
    c = {u: s.client(u) for u in ids}
    cust = {}
    for i, (owner, seg) in enumerate([("rep_e1", "finance"), ("rep_e1", "retail"),
                                       ("rep_e1", "finance"), ("rep_w1", "finance"),
                                       ("rep_w1", "energy")]):
        cust[i] = c[owner].ok("POST", "/api/v1/customers", {
            "name": f"导出测试{i}号有限公司", "segment": seg, "phone": "010-6253123%d" % i,
            "purchase_budget": "%d.50" % (1000 * (i + 1)), "founded_on": "2001-02-0%d" % (i + 1),
            "employees": 10 * (i + 1), "decision_maker_background": SECRET})["id"]
    # a cell a spreadsheet would evaluate, and one that needs quoting
    c["rep_e1"].ok("PATCH", f"/api/v1/customers/{cust[0]}",
                   {"address": "=HYPERLINK(\"http://evil\",\"x\")", "region": '华东, "上海"'})
    # one customer in the pool: every rep sees it at level 1
    pool = c["rep_w1"].ok("POST", "/api/v1/customers", {
        "name": "公海导出测试公司", "segment": "finance", "purchase_budget": "99.00",
        "decision_maker_background": SECRET})["id"]
    c["rep_w1"].ok("POST", f"/api/v1/customers/{pool}/release", status=200)
    cust["pool"] = pool
    for i in range(3):
        c["rep_e1"].ok("POST", "/api/v1/orders", {"customer": cust[i], "date": "2026-05-0%d" % (i + 1),
                                                  "amount": "%d.25" % (100 + i)})
    yield {"server": s, "c": c, "ids": ids, "cust": cust}
    s.stop()


def get_csv(cl, path, **params):
    r = cl.get(path, params=params)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf"), r.content[:10]
    text = r.content[3:].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return r, text, rows


def list_ids(cl, path, **params):
    """Every id of the list, page after page by cursor."""
    ids, cursor = [], None
    while True:
        q = dict(params, per_page=500)
        if cursor:
            q["cursor"] = cursor
        body = cl.ok("GET", path, params=q)
        ids += [x["id"] for x in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            return ids


def test_csv_is_the_list_row_for_row_with_bom_crlf_and_chinese_headers(co):
    admin = co["c"]["admin"]
    for params in [{}, {"segment": "finance", "sort": "-name"}, {"sort": "purchase_budget"},
                   {"sort": "-founded_on", "segment": "finance"}]:
        r, text, rows = get_csv(admin, "/api/v1/exports/customers", **params)
        assert rows[0][0] == "编号" and "客户名称" in rows[0] and "采购预算" in rows[0]
        assert [int(x[0]) for x in rows[1:]] == list_ids(admin, "/api/v1/customers", **params)
        # CRLF line ends, and no bare LF outside quoted cells
        assert text.endswith("\r\n") and text.count("\r\n") == len(rows)
    cd = r.headers["Content-Disposition"]
    assert cd.startswith("attachment; filename=\"customers-") and cd.endswith(".csv")
    name = urllib.parse.unquote(re.search(r"filename\*=UTF-8''(\S+)", cd).group(1))
    assert re.fullmatch(r"客户-\d{4}-\d{2}-\d{2}\.csv", name), name


def test_english_headers_and_values_as_the_api_shows_them(co):
    admin, cust = co["c"]["admin"], co["cust"]
    _, _, rows = get_csv(admin, "/api/v1/exports/customers", lang="en", sort="id")
    head = rows[0]
    assert head[:2] == ["ID", "Customer name"]
    row = next(x for x in rows[1:] if int(x[0]) == cust[1])
    got = dict(zip(head, row))
    want = admin.ok("GET", f"/api/v1/customers/{cust[1]}")
    assert got["Purchase budget"] == want["purchase_budget"] == "2000.50"
    assert got["Founded on"] == "2001-02-02"
    assert got["Employees"] == "20"
    assert got["Segment"] == "retail"
    r = admin.get("/api/v1/exports/customers", headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert r.content[3:].decode().startswith("ID,Customer name,")


def test_quoting_and_formula_injection(co):
    admin, cust = co["c"]["admin"], co["cust"]
    _, text, rows = get_csv(admin, "/api/v1/exports/customers", sort="id")
    head = rows[0]
    row = dict(zip(head, next(x for x in rows[1:] if int(x[0]) == cust[0])))
    # OWASP: a leading apostrophe, and the cell quoted
    assert row["地址"] == "'=HYPERLINK(\"http://evil\",\"x\")"
    assert '"\'=HYPERLINK(""http://evil"",""x"")"' in text
    # RFC 4180: commas and quotes inside a quoted cell, quotes doubled
    assert row["地区"] == '华东, "上海"'
    assert '"华东, ""上海"""' in text
    # numbers we wrote are not guarded
    assert not any(cell.startswith("'") for cell in [row["采购预算"], row["员工数"]])


def test_rep_exports_only_their_rows_and_no_hidden_field(co):
    rep, cust = co["c"]["rep_e1"], co["cust"]
    _, text, rows = get_csv(rep, "/api/v1/exports/customers", sort="id")
    ids = [int(x[0]) for x in rows[1:]]
    assert ids == list_ids(rep, "/api/v1/customers", sort="id")
    assert cust[3] not in ids and cust[4] not in ids           # rep_w1's
    assert cust[0] in ids and cust["pool"] in ids
    # the pool customer is level 1 to the rep: its level-2 and -3 cells stay empty
    head = rows[0]
    pool = dict(zip(head, next(x for x in rows[1:] if int(x[0]) == cust["pool"])))
    assert pool["采购预算"] == "" and pool["决策者背景与爱好"] == ""
    assert SECRET in text  # their own customers' level 3 is theirs to export
    # exporting only the pool: no row shows level 2 or 3, so no such column at all
    _, text, rows = get_csv(rep, "/api/v1/exports/customers", in_pool="true")
    assert [int(x[0]) for x in rows[1:]] == [cust["pool"]]
    assert "采购预算" not in rows[0] and "决策者背景与爱好" not in rows[0]
    assert "99.00" not in text and SECRET not in text
    # another department's rep: nothing of rep_e1's
    _, text, rows = get_csv(co["c"]["rep_w1"], "/api/v1/exports/customers")
    assert cust[0] not in [int(x[0]) for x in rows[1:]] and "导出测试0号" not in text
    # orders: the same scope as the list
    _, _, rows = get_csv(co["c"]["rep_w1"], "/api/v1/exports/orders")
    assert rows[1:] == []
    _, _, rows = get_csv(co["c"]["mgr_east"], "/api/v1/exports/orders", sort="-date")
    assert [int(x[0]) for x in rows[1:]] == list_ids(co["c"]["mgr_east"], "/api/v1/orders",
                                                    sort="-date")
    assert len(rows) == 4


def test_refused_like_the_list_and_audited(co):
    rep, s = co["c"]["rep_e1"], co["server"]
    assert_error(rep.get("/api/v1/exports/customers", params={"nope": "1"}), 400, field="nope")
    assert_error(rep.get("/api/v1/exports/customers", params={"format": "pdf"}), 400,
                 field="format")
    assert_error(rep.get("/api/v1/exports/orders", params={"format": "vcf"}), 400,
                 field="format")
    # a level-2 filter over rows the rep sees at level 1 is refused, as in the list
    assert_error(rep.get("/api/v1/customers", params={"purchase_budget": "99.00"}), 400)
    assert_error(rep.get("/api/v1/exports/customers", params={"purchase_budget": "99.00"}), 400)
    get_csv(rep, "/api/v1/exports/customers", segment="finance")
    import sqlite3
    con = sqlite3.connect(s.db)
    rows = con.execute("SELECT user_id, action, entity, changes FROM audit_log "
                       "WHERE action='export' ORDER BY id DESC LIMIT 1").fetchall()
    con.close()
    user, action, entity, changes = rows[0]
    assert (user, action, entity) == (co["ids"]["rep_e1"], "export", "customer")
    assert '"filters":{"segment":"finance"}' in changes and '"complete":true' in changes
    assert '"rows":3' in changes, changes  # two of theirs in finance and the pool's


def read_xlsx(content):
    """The first sheet as rows of typed cells: (type, value), with shared or inline strings."""
    z = zipfile.ZipFile(io.BytesIO(content))
    styles = ET.fromstring(z.read("xl/styles.xml"))
    numfmts = {n.get("numFmtId"): n.get("formatCode")
               for n in styles.iterfind("m:numFmts/m:numFmt", NS)}
    xfs = [numfmts.get(x.get("numFmtId"), x.get("numFmtId"))
           for x in styles.find("m:cellXfs", NS)]
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iterfind("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    out = []
    for row in sheet.iterfind("m:sheetData/m:row", NS):
        cells = {}
        for c in row.iterfind("m:c", NS):
            col = re.match(r"[A-Z]+", c.get("r")).group(0)
            idx = 0
            for ch in col:
                idx = idx * 26 + ord(ch) - 64
            t, fmt = c.get("t"), xfs[int(c.get("s", "0"))]
            if t == "inlineStr":
                val = ("s", "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"])))
            elif t == "s":
                val = ("s", shared[int(c.find("m:v", NS).text)])
            elif t == "b":
                val = ("b", c.find("m:v", NS).text == "1")
            else:
                val = ("n", float(c.find("m:v", NS).text), fmt)
            cells[idx - 1] = val
        out.append([cells.get(i) for i in range(max(cells) + 1)] if cells else [])
    return z, sheet, out


def test_xlsx_headers_types_and_values(co):
    admin, cust = co["c"]["admin"], co["cust"]
    r = admin.get("/api/v1/exports/customers", params={"format": "xlsx", "sort": "id"})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''%E5%AE%A2%E6%88%B7-" in r.headers["Content-Disposition"]
    z, sheet, rows = read_xlsx(r.content)
    head = [v[1] for v in rows[0]]
    assert head[:2] == ["编号", "客户名称"]
    assert [int(x[0][1]) for x in rows[1:]] == list_ids(admin, "/api/v1/customers", sort="id")
    row = dict(zip(head, next(x for x in rows[1:] if int(x[0][1]) == cust[2])))
    assert row["客户名称"] == ("s", "导出测试2号有限公司")
    phone = admin.ok("GET", f"/api/v1/customers/{cust[2]}")["phone"]
    assert phone.startswith("0") and row["电话"] == ("s", phone)  # a phone stays text
    assert row["采购预算"][0] == "n" and row["采购预算"][1] == 3000.5
    assert "0.00" in row["采购预算"][2]                      # two decimals
    # a date is a number (the Excel serial) with a date format: 2001-02-03
    assert row["成立日期"][0] == "n" and row["成立日期"][1] == 36925.0
    assert row["成立日期"][2] == "yyyy-mm-dd"
    assert row["员工数"] == ("n", 30.0, "0")
    assert row["重点客户"] is None or row["重点客户"][0] == "b"
    # the header row is frozen, the columns have widths
    pane = sheet.find("m:sheetViews/m:sheetView/m:pane", NS)
    assert pane.get("ySplit") == "1" and pane.get("state") == "frozen"
    assert len(sheet.findall("m:cols/m:col", NS)) == len(head)
    # a rep's xlsx holds their rows only
    r = co["c"]["rep_w1"].get("/api/v1/exports/customers", params={"format": "xlsx"})
    _, _, rows = read_xlsx(r.content)
    assert sorted(int(x[0][1]) for x in rows[1:]) == sorted(
        list_ids(co["c"]["rep_w1"], "/api/v1/customers"))


def test_every_list_exports(co):
    admin = co["c"]["admin"]
    for path in ["customers", "contacts", "products", "orders", "payments", "activities",
                 "opportunities", "tasks", "important_dates", "competitors"]:
        _, _, rows = get_csv(admin, f"/api/v1/exports/{path}")
        assert [int(x[0]) for x in rows[1:]] == list_ids(admin, f"/api/v1/{path}"), path
        r = admin.get(f"/api/v1/exports/{path}", params={"format": "xlsx"})
        assert r.status_code == 200 and zipfile.ZipFile(io.BytesIO(r.content)).testzip() is None


def test_many_rows_over_several_pages(tmp_path):
    s = Server(tmp_path)
    s.cli("demo", "--customers", "1200", "--seed", "3")
    s.add_user("exporter", "admin")
    s.start()
    try:
        admin = s.client("exporter")
        _, _, rows = get_csv(admin, "/api/v1/exports/customers", sort="-name")
        assert len(rows) == 1201
        assert [int(x[0]) for x in rows[1:]] == list_ids(admin, "/api/v1/customers", sort="-name")
    finally:
        s.stop()


VCARD_FIELDS = {"name": "欧阳晓明", "title": "采购经理", "department": "采购部",
                "mobile": "13912345678", "phone": "021-62531234", "email": "oy@example.com",
                "birthday": "1980-02-29", "address": "上海市徐汇区漕溪北路 88 号",
                "notes": "第一行; 含分号, 逗号\\反斜杠\n第二行", "gender": "male",
                "wechat": "oyxm", "hometown": "长沙", "hobbies": "围棋", "family": SECRET,
                "role": "purchaser", "level": "technical", "warmth": "warm"}


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vcard_round_trip_keeps_every_field(co, version):
    c, rep = co["c"], co["c"]["rep_e1"]
    src = rep.ok("POST", "/api/v1/customers", {"name": f"名片来源{version}"})["id"]
    dst = rep.ok("POST", "/api/v1/customers", {"name": f"名片去处{version}"})["id"]
    rep.ok("POST", "/api/v1/contacts", dict(VCARD_FIELDS, customer=src))
    rep.ok("POST", "/api/v1/contacts", {"customer": src, "name": "John Smith",
                                        "mobile": "+86 138 0000 1111"})
    r = rep.get("/api/v1/exports/contacts", params={"format": "vcf", "version": version,
                                                    "customer": src})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/vcard")
    text = r.content.decode()
    assert text.count("BEGIN:VCARD") == 2 and "VERSION:" + version in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "N:欧阳;晓明;;;" in text and "N:Smith;John;;;" in text
    assert ("TEL;TYPE=CELL:" if version == "3.0" else 'TEL;TYPE="cell,voice";VALUE=text:') in text
    assert ("BDAY:1980-02-29" if version == "3.0" else "BDAY:19800229") in text
    got = rep.req("POST", f"/api/v1/contacts/vcard?customer_id={dst}", data=r.content,
                  headers={"Content-Type": "text/vcard"}).json()
    assert got["created"] == 2 and got["updated"] == 0, got
    items = rep.ok("GET", "/api/v1/contacts", params={"customer": dst, "sort": "name"})["items"]
    orig = rep.ok("GET", "/api/v1/contacts", params={"customer": src, "sort": "name"})["items"]
    skip = {"id", "customer", "customer_name", "created_at", "updated_at"}
    assert [{k: v for k, v in x.items() if k not in skip} for x in items] == \
        [{k: v for k, v in x.items() if k not in skip} for x in orig]
    # again: the same cards update, by name
    again = rep.req("POST", f"/api/v1/contacts/vcard?customer_id={dst}", data=r.content).json()
    assert again["created"] == 0 and again["updated"] == 2


def test_vcard_import_checks_like_contact_create(co):
    c, cust = co["c"], co["cust"]
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王五\r\nEMAIL:not-an-email\r\nEND:VCARD\r\n"
    # someone else's customer: as if it did not exist
    assert_error(c["rep_w1"].req("POST", f"/api/v1/contacts/vcard?customer_id={cust[0]}",
                                 data=card.encode()), 404)
    # a bad value: the field named, nothing created
    before = c["rep_e1"].ok("GET", "/api/v1/contacts", params={"customer": cust[0]})["total"]
    two = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:赵六\r\nEND:VCARD\r\n" + card).encode()
    e = assert_error(c["rep_e1"].req("POST", f"/api/v1/contacts/vcard?customer_id={cust[0]}",
                                     data=two), 400, field="email")
    assert "card 2" in e["message"]
    assert c["rep_e1"].ok("GET", "/api/v1/contacts", params={"customer": cust[0]})["total"] == before
    assert_error(c["rep_e1"].req("POST", f"/api/v1/contacts/vcard?customer_id={cust[0]}",
                                 data=b"FN:x\r\n"), 400, field="file")
    assert_error(c["rep_e1"].req("POST", "/api/v1/contacts/vcard", data=card.encode()), 400,
                 field="customer_id")
    # a phone's 2.1-style card with quoted-printable GB2312
    qp = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:"
          "=D5=C5;=C8=FD;;;\r\nTEL;CELL:13800001234\r\nEND:VCARD\r\n").encode()
    got = c["rep_e1"].req("POST", f"/api/v1/contacts/vcard?customer_id={cust[0]}", data=qp).json()
    assert got["contacts"][0]["name"] == "张三"
    one = c["rep_e1"].ok("GET", f"/api/v1/contacts/{got['contacts'][0]['id']}")
    assert one["mobile"] == "13800001234"


def test_openapi_lists_the_export_routes(co):
    doc = co["c"]["admin"].ok("GET", "/api/v1/openapi.json")
    op = doc["paths"]["/api/v1/exports/customers"]["get"]
    names = [p["name"] for p in op["parameters"]]
    assert {"format", "lang", "sort", "segment", "abc_class"} <= set(names)
    assert "text/csv" in op["responses"]["200"]["content"]
    assert "version" in [p["name"] for p in
                         doc["paths"]["/api/v1/exports/contacts"]["get"]["parameters"]]
    assert "post" in doc["paths"]["/api/v1/contacts/vcard"]
