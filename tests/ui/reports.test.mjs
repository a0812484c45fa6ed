// Browser tests of 日报/周报: a rep opens the page and today's daily report is
// pre-filled with the visit they logged today; they add a line and submit
// it once (the form becomes the read-only report); the manager's team view
// lists it with who has not submitted, opens it (recorded as read) and
// comments; the rep sees the comment.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, login, shot, settle, apiOf, field } from './harness.mjs'

const suite = demoSuite()
const SUBJECT = '日报测试：确认二期采购数量'

test('a rep submits the pre-filled daily report; the manager reads and comments', async () => {
  const rep = await suite.page()
  await login(rep, 'wangwei')
  const rapi = await apiOf(rep)
  const me = await rapi.get('/me')
  const cust = (await rapi.get(`/customers?owner=${me.id}&per_page=1`)).items[0]
  // today as the browser counts it: the page asks for that day's report
  const day = await rep.evaluate(() => {
    const d = new Date()
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
  })
  const visit = await rapi.post('/activities', { customer: cust.id, kind: 'visit', status: 'done', date: day, subject: SUBJECT, next_step: '发报价', next_date: day })

  await rep.locator('[data-test=menu-reports]').click()
  await rep.locator('[data-test=page-reports]').waitFor()
  await settle(rep)
  const work = field(rep, 'report-work_done')
  await rep.waitForFunction((s) => document.querySelector('textarea[data-test="report-work_done"]')?.value.includes(s), SUBJECT)
  const text = await work.inputValue()
  assert.match(text, new RegExp(`${cust.name}（拜访）：${SUBJECT}`))
  assert.match(await rep.locator('[data-test=report-facts]').innerText(), /拜访|活动 1/)
  await field(rep, 'report-gains').fill('客户同意下周看样品')
  await shot(rep, 'reports-01-prefilled')

  const created = rep.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/reports' && r.request().method() === 'POST')
  const submitted = rep.waitForResponse((r) => /\/api\/v1\/reports\/\d+\/submit$/.test(new URL(r.url()).pathname))
  await rep.locator('[data-test=report-submit]').click()
  await rep.locator('.report-submit-confirm .el-button--primary').click()
  const c = await created
  assert.equal(c.status(), 201)
  assert.equal((await c.json()).period_start, day)
  const s = await submitted
  assert.equal(s.status(), 200)
  const id = (await s.json()).id
  await rep.locator('[data-test=report-detail] [data-test=report-status]', { hasText: '已提交' }).waitFor()
  assert.equal(await rep.locator('[data-test=report-form]').count(), 0)
  assert.match(await rep.locator('[data-test=report-text-gains]').innerText(), /客户同意下周看样品/)
  const stored = await rapi.get(`/reports/${id}`)
  assert.equal(stored.status, 'submitted')
  assert.ok(stored.work_done.includes(SUBJECT) && stored.work_done.includes('发报价'))
  assert.ok(visit.id)
  noErrors(rep, 'reports (rep)')

  const boss = await suite.page()
  await login(boss, 'manager')
  await boss.goto('/reports')
  await boss.locator('[data-test=page-reports]').waitFor()
  await settle(boss)
  await boss.locator('.el-tabs__item', { hasText: '团队报告' }).click()
  const row = boss.locator('[data-test=team-reports] .el-table__row', { hasText: '王伟' })
  await row.waitFor()
  assert.match(await row.innerText(), /已提交/)
  const missing = await boss.locator('[data-test=team-missing]').innerText()
  assert.match(missing, /未提交/)
  assert.doesNotMatch(missing, /王伟/)
  await shot(boss, 'reports-02-team')
  await row.click()
  const dialog = boss.locator('[data-test=report-dialog]')
  await dialog.locator('[data-test=report-text-work_done]', { hasText: SUBJECT }).waitFor()
  await dialog.locator('[data-test=report-comment-body] textarea, textarea[data-test=report-comment-body]').first().fill('报价今天发出，抄送我')
  const posted = boss.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/reports/${id}/comments`)
  await dialog.locator('[data-test=report-comment-send]').click()
  assert.equal((await posted).status(), 201)
  await dialog.locator('[data-test=report-comment]', { hasText: '报价今天发出，抄送我' }).waitFor()
  await shot(boss, 'reports-03-comment')
  noErrors(boss, 'reports (manager)')
  const bapi = await apiOf(boss)
  const bme = await bapi.get('/me')
  const after = await bapi.get(`/reports/${id}`)
  assert.deepEqual(after.comments.map((x) => [x.author_id, x.body]), [[bme.id, '报价今天发出，抄送我']])
  assert.deepEqual(after.reads.map((x) => x.reader_id), [bme.id])
  await boss.context().close()

  // the rep sees the comment on their report
  await rep.reload()
  await rep.locator('[data-test=page-reports]').waitFor()
  await rep.locator('[data-test=report-comment]', { hasText: '报价今天发出，抄送我' }).waitFor()
  await rep.context().close()
})
