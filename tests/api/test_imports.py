"""POST /api/v1/imports: the job lifecycle, its reject file, permissions (a rep's
import stays in their scope; another user's job does not exist), the size cap, a
restarted server reporting an interrupted job as failed, previews and templates."""
import sqlite3
import time

from conftest import Server, assert_error

BOM = "\ufeff"


def sheet(*rows):
    return (BOM + "\r\n".join(",".join(r) for r in rows) + "\r\n").encode()


def wait_done(cl, job_id):
    deadline = time.time() + 60
    while time.time() < deadline:
        j = cl.get(f"/api/v1/imports/{job_id}").json()
        if j["state"] in ("done", "failed"):
            return j
        time.sleep(0.05)
    raise AssertionError(f"import {job_id} did not end: {j}")


def post(cl, body, **query):
    return cl.req("POST", "/api/v1/imports", params=query, data=body,
                  headers={"Content-Type": "text/csv"})


def test_job_lifecycle_counts_and_reject_file(server, admin):
    body = sheet(["客户名称", "电话"], ["好公司", "13812345678"], ["坏公司", "12"])
    r = post(admin, body, type="customers", partial="true", lang="en")
    assert r.status_code == 202, r.text
    job = wait_done(admin, r.json()["id"])
    assert (job["state"], job["rows"], job["created"], job["rejected"]) == ("done", 2, 1, 1)
    assert job["bytes_read"] == job["bytes_total"] == len(body)
    rj = admin.get(job["rejects"])
    assert rj.status_code == 200 and rj.headers["Content-Type"].startswith("text/csv")
    lines = rj.content.decode("utf-8").lstrip(BOM).splitlines()
    assert lines[1] == "3,电话,phone is too short for a phone number,坏公司,12"
    names = [c["name"] for c in admin.get("/api/v1/customers").json()["items"]]
    assert names == ["好公司"]


def test_all_or_nothing_job_fails_and_dry_run_changes_nothing(server, admin):
    body = sheet(["name", "phone"], ["甲", "13812345678"], ["乙", "12"])
    job = wait_done(admin, post(admin, body, type="customers").json()["id"])
    assert job["state"] == "failed" and job["rejected"] == 1 and "nothing" in job["error"]
    good = sheet(["name"], ["丙"])
    job = wait_done(admin, post(admin, good, type="customers", dry_run="1").json()["id"])
    assert (job["state"], job["created"]) == ("done", 1)
    assert admin.get("/api/v1/customers").json()["total"] == 0


def test_bad_arguments_and_empty_body(server, admin):
    assert_error(post(admin, sheet(["name"], ["x"]), type="nope"), 400, field="type")
    assert_error(post(admin, sheet(["name"], ["x"]), type="customers", mode="merge"), 400,
                 field="mode")
    assert_error(post(admin, b"", type="customers"), 400)
    assert_error(admin.req("POST", "/api/v1/imports", params={"type": "customers"}, data=b"x",
                           headers={"Authorization": ""}), 401)


def test_another_users_job_is_not_found_and_admins_see_all(tmp_path):
    s = Server(tmp_path)
    s.add_company()
    s.add_user("east", "sales", team="华东")
    s.add_user("west", "sales", team="华西")
    s.start()
    try:
        east, west, admin = s.client("east"), s.client("west"), s.client("admin")
        jid = post(east, sheet(["name"], ["东方客户"]), type="customers").json()["id"]
        job = wait_done(east, jid)
        assert job["state"] == "done"
        assert_error(west.get(f"/api/v1/imports/{jid}"), 404)
        assert_error(west.get(f"/api/v1/imports/{jid}/rejects"), 404)
        assert admin.get(f"/api/v1/imports/{jid}").status_code == 200
        # the rep's customer is the rep's own; a row naming another team's rep is refused
        body = sheet(["客户名称", "负责人"], ["给西区的", "west"], ["自己的", "east"])
        job = wait_done(east, post(east, body, type="customers", partial="1", lang="en").json()["id"])
        assert (job["created"], job["rejected"]) == (1, 1), job
        assert "data scope" in east.get(job["rejects"]).content.decode()
        assert west.get("/api/v1/customers").json()["total"] == 0
        mine = sorted(c["name"] for c in east.get("/api/v1/customers").json()["items"])
        assert mine == ["东方客户", "自己的"]
    finally:
        s.stop()


def test_size_cap(tmp_path):
    s = Server(tmp_path)
    s.cli("init")
    s.add_user("admin", "admin", team="总部")
    s.start("--import-max-mib", "1")
    try:
        admin = s.client("admin")
        big = sheet(["name"]) + b"x" * (1 << 20)
        assert_error(post(admin, big, type="customers"), 413, code="too_large")
        assert post(admin, sheet(["name"], ["小"]), type="customers").status_code == 202
    finally:
        s.stop()


def test_a_restarted_server_reports_an_interrupted_job_as_failed(tmp_path):
    s = Server(tmp_path)
    s.cli("init")
    s.add_user("admin", "admin", team="总部")
    # A job the previous server left running (it was killed mid-import).
    con = sqlite3.connect(s.db)
    con.execute("INSERT INTO import_jobs(user_id, type, mode, state, created_at)"
                " VALUES (1, 'customers', 'create', 'running', '2026-01-01T00:00:00Z')")
    con.commit()
    con.close()
    s.start()
    try:
        job = s.client("admin").get("/api/v1/imports/1").json()
        assert job["state"] == "failed" and "interrupted" in job["error"]
    finally:
        s.stop()


def test_preview_and_templates(server, admin):
    body = sheet(["Customer Name", "手机号", "奇怪列"], ["甲", "13812345678", "x"])
    r = admin.req("POST", "/api/v1/imports/preview", params={"type": "contacts"}, data=body)
    assert r.status_code == 200, r.text
    p = r.json()
    assert [c["field"] for c in p["columns"]] == ["customer", "mobile", None]
    assert p["rows"] == [["甲", "13812345678", "x"]] and len(p["warnings"]) == 1
    t = admin.get("/api/v1/imports/templates/customers", params={"lang": "en"})
    # the natural key first: the credit code, then the name
    assert t.status_code == 200 and t.content.decode().lstrip(BOM).startswith(
        "Credit code,Customer name")
    assert_error(admin.get("/api/v1/imports/templates/widgets"), 404)


def test_forged_credentials_are_refused_before_the_body(server, admin):
    """An upload is authenticated from its headers before its body is stored: a made-up
    token or session cookie is answered 401 while the client is still to send 10 MB, and
    nothing is left beside the database."""
    import os
    import socket
    from urllib.parse import urlparse
    jobs_dir = server.db + ".imports"
    before = sorted(os.listdir(jobs_dir)) if os.path.isdir(jobs_dir) else []
    u = urlparse(server.url)
    for cred in ("Authorization: Bearer kh_" + "0" * 64,
                 "Cookie: kehu_session=" + "f" * 64 + "\r\nX-CSRF-Token: x"):
        with socket.create_connection((u.hostname, u.port), timeout=20) as sock:
            sock.sendall((f"POST /api/v1/imports?type=customers HTTP/1.1\r\nHost: x\r\n"
                          f"Content-Type: text/csv\r\nContent-Length: {10 << 20}\r\n"
                          f"{cred}\r\n\r\n").encode() + "客户名称\r\n".encode())
            answer = sock.recv(4096).decode(errors="replace")
        assert answer.startswith("HTTP/1.1 401"), (cred, answer[:200])
    after = sorted(os.listdir(jobs_dir)) if os.path.isdir(jobs_dir) else []
    assert after == before
    assert admin.get("/api/v1/customers").json()["total"] == 0


def test_template_and_export_headers_are_one_table_and_map_back(server, admin):
    """A template's headers are the export's labels, so every column of a template (in
    either language) maps to its own field, and an exported customer sheet, imported as
    it is, finds its columns again: the credit code under its Chinese label too."""
    import csv
    import io
    types = ["customers", "contacts", "products", "orders", "activities", "opportunities"]
    for t in types:
        for lang in ("zh", "en"):
            r = admin.get(f"/api/v1/imports/templates/{t}", params={"lang": lang})
            assert r.status_code == 200, r.text
            head = next(csv.reader(io.StringIO(r.content.decode().lstrip(BOM))))
            body = sheet(head, [""] * len(head))
            p = admin.req("POST", "/api/v1/imports/preview", params={"type": t}, data=body)
            assert p.status_code == 200, p.text
            fields = [c["field"] for c in p.json()["columns"]]
            assert None not in fields, (t, lang, list(zip(head, fields)))
            assert len(set(fields)) == len(fields), (t, lang, fields)
            assert not p.json()["warnings"], (t, lang, p.json()["warnings"])
    admin.ok("POST", "/api/v1/customers", {"name": "表头回读有限公司",
                                          "credit_code": "91350100M000100Y43"})
    r = admin.get("/api/v1/exports/customers", params={"lang": "zh"})
    assert r.status_code == 200, r.text
    head = next(csv.reader(io.StringIO(r.content.decode("utf-8").lstrip(BOM))))
    assert "统一社会信用代码" in head and "credit_code" not in head, head
    p = admin.req("POST", "/api/v1/imports/preview", params={"type": "customers"},
                  data=r.content)
    assert p.status_code == 200, p.text
    mapped = {c["header"]: c["field"] for c in p.json()["columns"]}
    assert mapped["统一社会信用代码"] == "credit_code" and mapped["客户名称"] == "name"
    assert mapped["编号"] == "id" and mapped["负责人"] == "owner", mapped


def test_an_exported_xlsx_imports_back_unchanged(server, admin):
    """A sheet kehu exported (xlsx: booleans as Excel's TRUE and FALSE, numbers as numbers)
    imports back by its 编号 in upsert mode: every row matched, none refused, nothing
    changed."""
    for i, flag in enumerate([True, False, True]):
        admin.ok("POST", "/api/v1/customers", {"name": f"回读{i}号有限公司", "price_driven": flag,
                                                "employees": 10 + i, "phone": f"1381234567{i}"})
    before = admin.ok("GET", "/api/v1/customers", params={"sort": "id"})["items"]
    r = admin.get("/api/v1/exports/customers", params={"format": "xlsx", "sort": "id"})
    assert r.status_code == 200, r.text
    r = admin.req("POST", "/api/v1/imports", params={"type": "customers", "mode": "upsert"},
                  data=r.content, headers={"Content-Type": "application/vnd.openxmlformats-"
                                           "officedocument.spreadsheetml.sheet"})
    assert r.status_code == 202, r.text
    job = wait_done(admin, r.json()["id"])
    # matched and unchanged: skipped, not updated
    assert (job["state"], job["rows"], job["created"], job["updated"], job["skipped"],
            job["rejected"]) == ("done", 3, 0, 0, 3, 0), job
    after = admin.ok("GET", "/api/v1/customers", params={"sort": "id"})["items"]
    keep = ("name", "price_driven", "employees", "phone")
    assert [{k: c[k] for k in keep} for c in after] == [{k: c[k] for k in keep} for c in before]
    assert [c["price_driven"] for c in after] == [True, False, True]
