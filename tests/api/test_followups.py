"""Follow-up fields (跟进, issue 13): a customer's, contact's and opportunity's last contact
date, what was said and next contact date follow their latest done activity that is not a
note, through creates, edits, moves and deletes; they are read-only."""
import datetime

from conftest import assert_error

TODAY = datetime.datetime.now(datetime.timezone.utc).date()


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def fields(cl, path):
    r = cl.ok("GET", path)
    return (r["last_contact_date"], r["last_contact_note"], r["next_contact_date"])


def test_follow_up_fields_follow_the_latest_done_activity(server, admin):
    cid = admin.ok("POST", "/api/v1/customers", {"name": "跟进测试有限公司"})["id"]
    k1 = admin.ok("POST", "/api/v1/contacts", {"customer": cid, "name": "张三"})["id"]
    k2 = admin.ok("POST", "/api/v1/contacts", {"customer": cid, "name": "李四"})["id"]
    opp = admin.ok("POST", "/api/v1/opportunities", {"customer": cid, "name": "一期项目"})["id"]
    c, c1, c2, o = (f"/api/v1/customers/{cid}", f"/api/v1/contacts/{k1}",
                    f"/api/v1/contacts/{k2}", f"/api/v1/opportunities/{opp}")
    none = (None, None, None)
    assert fields(admin, c) == fields(admin, c1) == fields(admin, o) == none

    visit = admin.ok("POST", "/api/v1/activities", {
        "customer": cid, "contact": k1, "opportunity": opp, "kind": "visit",
        "date": day(-10), "status": "done", "note": "谈了价格", "next_date": day(5)})["id"]
    want = (day(-10), "谈了价格", day(5))
    assert fields(admin, c) == fields(admin, c1) == fields(admin, o) == want
    assert fields(admin, c2) == none

    # a note, a planned visit and an older call are not the latest follow-up
    admin.ok("POST", "/api/v1/activities", {"customer": cid, "kind": "note", "date": day(-1),
                                            "status": "done", "note": "内部备注"})
    admin.ok("POST", "/api/v1/activities", {"customer": cid, "kind": "visit", "date": day(3),
                                            "status": "planned", "subject": "再访"})
    admin.ok("POST", "/api/v1/activities", {"customer": cid, "kind": "call", "date": day(-20),
                                            "status": "done", "subject": "初次电话"})
    assert fields(admin, c) == want

    # a newer call without a note: its subject is what was said, no next date
    call = admin.ok("POST", "/api/v1/activities", {
        "customer": cid, "contact": k1, "kind": "call", "date": day(-2), "status": "done",
        "subject": "确认报价"})["id"]
    assert fields(admin, c) == fields(admin, c1) == (day(-2), "确认报价", None)
    assert fields(admin, o) == want  # the call is not the opportunity's

    # the call moves to the other contact: both contacts are brought up to date
    admin.ok("PATCH", f"/api/v1/activities/{call}", {"contact": k2})
    assert fields(admin, c1) == want and fields(admin, c2) == (day(-2), "确认报价", None)

    # deleted, the call no longer counts anywhere
    admin.ok("DELETE", f"/api/v1/activities/{call}")
    assert fields(admin, c) == fields(admin, c1) == want and fields(admin, c2) == none

    # an edit of the visit's note and next date shows at once
    admin.ok("PATCH", f"/api/v1/activities/{visit}", {"note": "价格谈妥", "next_date": day(7)})
    assert fields(admin, c) == fields(admin, o) == (day(-10), "价格谈妥", day(7))

    # the list rows carry them too, and nobody writes them by hand
    row = next(x for x in admin.ok("GET", "/api/v1/customers")["items"] if x["id"] == cid)
    assert row["next_contact_date"] == day(7)
    assert_error(admin.req("PATCH", c, json={"last_contact_date": day(-1)}), 400,
                 field="last_contact_date")
    assert fields(admin, c) == (day(-10), "价格谈妥", day(7))
