// Browser tests of the 审批 page: a manager sees a rep's undecided visit
// plans, approves one and rejects another with a comment (a blank one is
// refused before any request); the rep then sees the rejection and its
// comment on the plan; a rep has no 审批 menu item.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, login, shot, settle, apiOf } from './harness.mjs'

const suite = demoSuite()
const rowOf = (page, text) => page.locator('[data-test=approvals-visit_plan] .el-table__body-wrapper .el-table__row', { hasText: text })

test('a manager approves and rejects visit plans from the queue; the rep sees why', async () => {
  const rep = await suite.page()
  await login(rep, 'wangwei')
  assert.equal(await rep.locator('[data-test=menu-approvals]').count(), 0)
  const rapi = await apiOf(rep)
  const me = await rapi.get('/me')
  const cust = (await rapi.get(`/customers?owner=${me.id}&per_page=1`)).items[0]
  const mk = (purpose) => rapi.post('/activities', { customer: cust.id, kind: 'visit', status: 'planned', date: '2026-12-28', purpose })
  const a = await mk('审批队列：确认年度框架协议')
  const b = await mk('审批队列：拜访新任采购经理')

  const page = await suite.page()
  await login(page, 'manager')
  await page.locator('[data-test=menu-approvals]').click()
  await page.locator('[data-test=page-approvals]').waitFor()
  await settle(page)
  await rowOf(page, a.purpose).waitFor()
  assert.match(await rowOf(page, b.purpose).innerText(), /王伟/)
  await shot(page, 'daily-15-approvals')

  const approved = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/activities/${a.id}/approve`)
  await rowOf(page, a.purpose).locator('[data-test=appr-approve]').click()
  assert.equal((await approved).status(), 200)
  await rowOf(page, a.purpose).waitFor({ state: 'detached' })

  let sent = 0
  page.on('request', (r) => { if (r.method() === 'POST') sent++ })
  await rowOf(page, b.purpose).locator('[data-test=appr-reject]').click()
  const box = page.locator('.el-message-box.appr-reject')
  await box.waitFor()
  await box.locator('.el-button--primary').click()
  await box.getByText('请填写驳回意见').waitFor()
  assert.equal(sent, 0)
  await box.locator('textarea').fill('请先确认对方采购经理的时间，再提交计划')
  await shot(page, 'daily-16-reject-comment')
  const rejected = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/activities/${b.id}/reject`)
  await box.locator('.el-button--primary').click()
  const res = await rejected
  assert.equal(res.status(), 200)
  assert.equal((await res.json()).reject_comment, '请先确认对方采购经理的时间，再提交计划')
  await rowOf(page, b.purpose).waitFor({ state: 'detached' })
  const mapi = await apiOf(page)
  assert.ok((await mapi.get(`/activities/${a.id}`)).approved_by)
  assert.equal((await mapi.get(`/activities/${b.id}`)).rejected_by, (await mapi.get('/me')).id)
  noErrors(page, 'approvals')
  await page.context().close()

  await rep.goto(`/visits/${b.id}`)
  await rep.locator('[data-test=visit-rejected]', { hasText: '请先确认对方采购经理的时间' }).waitFor()
  assert.match(await rep.locator('[data-test=visit-rejected]').innerText(), /已驳回 · 李经理/)
  await shot(rep, 'daily-17-plan-rejected')
  noErrors(rep, 'rejected plan')
  await rep.context().close()
})
