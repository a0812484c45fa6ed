// Browser test of the 待办 page and its menu badge (issue 14): the badge is fed
// by the server-sent event stream, so a write made through the API elsewhere
// moves it without a reload; the page lists the item with a link to its
// customer, and 完成 takes it off the list and the badge. In English too.
// The page keeps its EventSource open, so nothing here waits for
// 'networkidle' (harness.mjs, newPage): every wait is on what the page shows.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, shot, kehu, loginLive, PASSWORD } from './harness.mjs'

const suite = demoSuite()

test('the badge follows writes made elsewhere; done takes the item off', async () => {
  // a rep of their own: nothing to do yet
  kehu(suite.env.db, ['user', 'add', 'xiaoli', '--role', 'sales', '--name', '小李'], PASSWORD + '\n')
  const page = await suite.page(undefined, { events: true })
  const streams = []
  page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/v1/events') streams.push(r) })
  await loginLive(page, 'xiaoli')
  const badge = page.locator('[data-test=badge-todos]')
  await page.locator('[data-test=menu-todos]').waitFor()
  assert.equal(await badge.count(), 0, 'no to-dos, no badge')

  // another client of the same user (the API with a token): a customer whose next
  // contact was due long ago
  const token = kehu(suite.env.db, ['token', 'create', 'xiaoli']).trim()
  const call = async (method, path, data) => {
    const r = await page.context().request.fetch('/api/v1' + path, {
      method, data, headers: { Authorization: 'Bearer ' + token },
    })
    assert.ok(r.ok(), `${path}: ${r.status()} ${await r.text()}`)
    return r.json()
  }
  const cust = await call('POST', '/customers', { name: '待办测试有限公司' })
  await call('POST', '/activities', { customer: cust.id, kind: 'call', date: '2020-01-01', status: 'done',
    subject: '电话', next_date: '2020-01-02' })
  const want = (await call('GET', '/todos')).counts.total
  assert.ok(want >= 1, `the rep has to-dos now: ${want}`)
  await badge.filter({ hasText: String(want) }).waitFor()
  assert.equal(streams.length, 1, 'one stream, opened once, no reload')

  await page.locator('[data-test=menu-todos]').click()
  await page.locator('[data-test=page-todos]').waitFor()
  const list = page.locator('[data-test=todo-list-followups_due]')
  const row = list.locator('.el-table__row', { hasText: '待办测试有限公司' }).first()
  await row.waitFor()
  await page.locator('[data-test=todo-tab-followups_due] [data-test=todo-count-followups_due]', { hasText: '1' }).waitFor()
  assert.match(await row.innerText(), /已逾期/)
  assert.equal(await row.locator('[data-test=todo-link]').getAttribute('href'), `/customers/${cust.id}`)
  await shot(page, 'todos-01-rep')

  await row.locator(`[data-test="todo-done-customer:${cust.id}"]`).click()
  await row.waitFor({ state: 'detached' })
  const left = (await call('GET', '/todos')).counts.total
  assert.equal(left, want - 1)
  if (left === 0) await badge.waitFor({ state: 'detached' })
  else await badge.filter({ hasText: String(left) }).waitFor()

  await page.locator('[data-test=lang-switch]').click()
  await page.locator('[data-test=todo-tab-followups_due]', { hasText: 'Follow-ups due' }).waitFor()
  await page.locator('[data-test=menu-todos]', { hasText: 'To-dos' }).waitFor()
  noErrors(page, 'todos')
  await page.context().close()
})

test('a count at the cap reads 99+ in the menu and 100+ on the page', async () => {
  // the admin of the demo database sees everybody's follow-ups, more than the cap
  const page = await suite.page(undefined, { events: true })
  await loginLive(page, 'admin')
  const token = kehu(suite.env.db, ['token', 'create', 'admin']).trim()
  const r = await page.context().request.get('/api/v1/todos', { headers: { Authorization: 'Bearer ' + token } })
  const got = await r.json()
  assert.equal(got.count_cap, 100)
  assert.equal(got.counts.followups_due, 100, 'the demo has more due follow-ups than the cap')
  await page.locator('[data-test=badge-todos]', { hasText: '99+' }).waitFor()
  await page.locator('[data-test=menu-todos]').click()
  await page.locator('[data-test=todo-count-followups_due]', { hasText: '99+' }).waitFor()
  assert.match(await page.locator('[data-test=todo-total]').innerText(), /\d\+ 项待办/)
  assert.match(await page.locator('.more').first().innerText(), /还有 100\+ 项/)
  noErrors(page, 'todos at the cap')
  await page.context().close()
})
