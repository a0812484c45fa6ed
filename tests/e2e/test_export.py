"""`kehu export`, `kehu contact export` and `kehu import-vcard`: the CLI side of issue 12
deliver 2 and 5, on a temporary database."""
import csv
import io
import zipfile

from conftest import Kehu

PASSWORD = "correct horse 1\n"


def rows_of(path):
    data = open(path, "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode(), newline="")))


def company(tmp_path):
    k = Kehu(tmp_path / "e.db")
    k.run("init")
    k.run("user", "add", "rep1", "--role", "sales", input=PASSWORD)
    ids = [k.add("customer", name=f"命令行导出{i}", segment=seg)
           for i, seg in enumerate(["finance", "retail", "finance", "energy"])]
    return k, ids


def test_csv_options_and_filter_query_agree_with_the_list(tmp_path):
    k, ids = company(tmp_path)
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    k.run("export", "--type", "customers", "--segment", "finance", "--sort", "-name",
          "--format", "csv", "--out", a)
    k.run("export", "--type", "customers", "--filter", "segment=finance&sort=-name",
          "--format", "csv", "--out", b)
    assert open(a, "rb").read() == open(b, "rb").read()
    listed = k.json("customer", "list", "--segment", "finance", "--sort", "-name")["items"]
    got = rows_of(a)
    assert got[0][:2] == ["编号", "客户名称"]
    assert [int(r[0]) for r in got[1:]] == [x["id"] for x in listed]
    en = tmp_path / "en.csv"
    k.run("export", "--type", "customers", "--format", "csv", "--out", en, "--lang", "en")
    assert rows_of(en)[0][:2] == ["ID", "Customer name"]
    # to stdout
    out = k.run("export", "--type", "customers", "--format", "csv", "--out", "-").stdout
    assert out.startswith("\ufeff编号,")


def test_as_a_rep_exports_what_their_list_shows(tmp_path):
    import sqlite3
    k, ids = company(tmp_path)
    out = tmp_path / "rep.csv"
    # customers entered at the command line belong to nobody: a rep's list has none
    k.run("export", "--type", "customers", "--format", "csv", "--out", out, "--as", "rep1")
    assert len(rows_of(out)) == 1
    k.run("export", "--type", "customers", "--format", "csv", "--out", out)
    assert len(rows_of(out)) == 5
    con = sqlite3.connect(k.db)
    audit = con.execute("SELECT a.user_id, u.login, a.changes FROM audit_log a "
                        "LEFT JOIN users u ON u.id = a.user_id WHERE a.action = 'export' "
                        "ORDER BY a.id").fetchall()
    con.close()
    assert audit[0][1] == "rep1" and '"rows":0' in audit[0][2]
    assert audit[1][0] in (None, 0) and '"rows":4' in audit[1][2]
    k.fails("export", "--type", "customers", "--format", "csv", "--out", out, "--as", "nobody")


def test_xlsx_file_and_errors(tmp_path):
    k, ids = company(tmp_path)
    x = tmp_path / "c.xlsx"
    k.run("export", "--type", "customers", "--format", "xlsx", "--out", x)
    z = zipfile.ZipFile(x)
    assert "xl/worksheets/sheet1.xml" in z.namelist()
    assert "命令行导出0" in z.read("xl/worksheets/sheet1.xml").decode()
    k.fails("export", "--type", "customers", "--format", "pdf", "--out", x, field="format")
    k.fails("export", "--type", "customers", "--format", "csv", field="out")
    k.fails("export", "--type", "nothing", "--format", "csv", "--out", x, field="type")
    k.fails("export", "--type", "customers", "--nope", "1", "--format", "csv", "--out",
            tmp_path / "n.csv", field="nope")
    assert not (tmp_path / "n.csv").exists()
    k.fails("export", "--type", "orders", "--format", "vcf", "--out", x, field="format")


def test_vcard_export_then_import_into_an_empty_customer(tmp_path):
    k, ids = company(tmp_path)
    k.add("contact", customer=ids[0], name="张三", title="总经理", mobile="13812345678",
          phone="010-62531234", email="zs@example.com", birthday="1975-03-08",
          address="北京市海淀区中关村大街 1 号", notes="爱喝茶; 不抽烟", wechat="zhangsan",
          hobbies="钓鱼", department="总经办")
    k.add("contact", customer=ids[0], name="司马光", mobile="13900001111")
    empty = k.add("customer", name="空的客户")
    for version in ["3.0", "4.0"]:
        f = tmp_path / f"c{version}.vcf"
        k.run("contact", "export", "--format", "vcf", "--version", version, "--customer",
              ids[0], "--out", f)
        text = open(f, encoding="utf-8").read()
        assert "N:张;三;;;" in text and "N:司马;光;;;" in text
    dst = k.add("customer", name="名片去处")
    out = k.json("import-vcard", tmp_path / "c3.0.vcf", "--customer", dst)
    assert out["created"] == 2
    skip = {"id", "customer", "customer_name", "created_at", "updated_at"}

    def contacts(cid):
        items = k.json("contact", "list", "--customer", cid, "--sort", "name")["items"]
        return [{a: b for a, b in x.items() if a not in skip} for x in items]

    assert contacts(dst) == contacts(ids[0])
    # 4.0 into the same customer: matched by name, updated
    assert k.json("import-vcard", tmp_path / "c4.0.vcf", "--customer", dst)["updated"] == 2
    assert contacts(dst) == contacts(ids[0])
    assert contacts(empty) == []
    k.fails("import-vcard", tmp_path / "missing.vcf", "--customer", dst, field="file")
    k.fails("import-vcard", tmp_path / "c3.0.vcf", field="customer")
