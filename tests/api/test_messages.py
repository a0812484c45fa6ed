"""Every error in the caller's language: the same bad request with
Accept-Language zh-CN answers the 中文 message of the catalogue, with en (or
without the header) the English one; code, reason and field are the same in
both, and a refused request changes nothing in either."""
import pytest
import requests

from conftest import assert_error

ZH = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}
EN = {"Accept-Language": "en-US,en;q=0.9"}


def both(cl, method, path, body=None):
    """The error of one request in 中文, in English and without the header."""
    out = []
    for headers in (ZH, EN, {}):
        out.append(cl.req(method, path, json=body, headers=headers))
    return out


CASES = [
    # (method, path, body, status, code, reason, field, en, zh)
    ("POST", "/api/v1/customers", {"segment": "enterprise"}, 400, "invalid", "required", "name",
     "name is required", "不能为空"),
    ("POST", "/api/v1/customers", {"name": "北京华信", "purchase_budget": "12.345"}, 400, "invalid",
     "decimals", "purchase_budget", "purchase_budget has more than two decimals (fen)",
     "金额最多两位小数"),
    ("POST", "/api/v1/customers", {"name": "北京华信", "founded_on": "2026-13-45"}, 400, "invalid",
     "bad_date", "founded_on", "founded_on: month must be 01..12", "日期无效：月份应为 01 到 12"),
    ("POST", "/api/v1/customers", {"name": "北京华信", "grade": "Z"}, 400, "invalid", "bad_choice",
     "grade", "grade must be one of: A, B, C, D", "应为以下之一：A, B, C, D"),
    ("POST", "/api/v1/customers", {"name": "x" * 201}, 400, "invalid", "too_long", "name",
     "name is longer than 200 characters", "超过 200 个字符"),
    ("POST", "/api/v1/customers", {"name": "北京华信", "phone": "12"}, 400, "invalid", "bad_phone",
     "phone", None, None),
    ("GET", "/api/v1/customers/999999", None, 404, "not_found", "not_found", None,
     "no customer with id 999999", "记录不存在（ID 999999）"),
    ("GET", "/api/v1/no-such-route", None, 404, "not_found", "no_route", None,
     "there is no such route", "没有这个接口"),
    ("GET", "/api/v1/customers?per_page=0", None, 400, "invalid", "out_of_range", "per_page",
     None, None),
]


@pytest.mark.parametrize("method,path,body,status,code,reason,field,en,zh", CASES)
def test_an_error_in_both_languages(server, admin, method, path, body, status, code, reason,
                                    field, en, zh):
    before = admin.ok("GET", "/api/v1/customers")["total"]
    r_zh, r_en, r_none = both(admin, method, path, body)
    e_zh = assert_error(r_zh, status, code, field)
    e_en = assert_error(r_en, status, code, field)
    e_none = assert_error(r_none, status, code, field)
    for e in (e_zh, e_en, e_none):
        assert e["reason"] == reason, e
    # English without the header, as API clients have had it.
    assert e_none["message"] == e_en["message"]
    assert e_zh["message"] != e_en["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in e_zh["message"]), e_zh
    if en:
        assert e_en["message"] == en
    if zh:
        assert e_zh["message"] == zh
    # The 中文 message leaves the field's API name to the UI's label.
    if field:
        assert field not in e_zh["message"], e_zh
    assert admin.ok("GET", "/api/v1/customers")["total"] == before


def test_login_refused_in_both_languages(server):
    url = server.url + "/api/v1/login"
    body = {"login": "admin", "password": "wrong password 1"}
    zh = requests.post(url, json=body, headers=ZH, timeout=30)
    en = requests.post(url, json=body, headers=EN, timeout=30)
    e_zh, e_en = assert_error(zh, 401, "unauthenticated"), assert_error(en, 401, "unauthenticated")
    assert e_zh["message"] == "用户名或密码错误" and e_zh["reason"] == "wrong_login"
    assert e_en["message"] == "wrong login or password" and e_en["reason"] == "wrong_login"


def test_the_first_language_of_the_header_decides(server, admin):
    r = admin.req("POST", "/api/v1/customers", json={},
                  headers={"Accept-Language": "en-GB,zh-CN;q=0.9"})
    assert assert_error(r, 400, "invalid", "name")["message"] == "name is required"
    r = admin.req("POST", "/api/v1/customers", json={}, headers={"Accept-Language": "zh-TW"})
    assert assert_error(r, 400, "invalid", "name")["message"] == "不能为空"
    r = admin.req("POST", "/api/v1/customers", json={}, headers={"Accept-Language": "fr-FR"})
    assert assert_error(r, 400, "invalid", "name")["message"] == "name is required"


def test_a_bulk_error_names_the_customer_in_both(server, admin):
    cid = admin.ok("POST", "/api/v1/customers", {"name": "上海明远"})["id"]
    body = {"ids": [cid]}
    admin.ok("POST", "/api/v1/customers/bulk/release", body, status=200)
    r_zh, r_en, _ = both(admin, "POST", "/api/v1/customers/bulk/release", body)
    e_zh, e_en = assert_error(r_zh, 409), assert_error(r_en, 409)
    assert e_en["message"] == f"customer {cid}: customer {cid} is already in the pool"
    assert e_zh["message"] == f"客户 {cid}：客户 {cid} 已在公海中"
    assert e_zh["reason"] == e_en["reason"] == "in_pool"


def test_openapi_names_the_reason(server, admin):
    doc = admin.ok("GET", "/api/v1/openapi.json")
    props = doc["components"]["schemas"]["Error"]["properties"]["error"]["properties"]
    assert set(props) == {"code", "reason", "message", "field"}
