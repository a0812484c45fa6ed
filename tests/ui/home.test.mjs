// Browser test of the home pages (issue 14): login lands a sales rep on their
// home (to-dos, target of the period with its completion, ranking, forecast,
// quick links) and a manager on the team's (target against actual by month,
// ranking, the weekly progress table with the reps' reasons, forecast), each
// with its period and team filters; and the targets grid a manager edits.
// With KEHU_SHOTS=DIR set, the two home pages are saved as
// DIR/home-rep.png and DIR/home-manager.png (the closing note).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { demoSuite, noErrors, loginHome as login, shot, settle, pick, field, kehu } from './harness.mjs'

const suite = demoSuite()

// The API as the page's user, PUT included.
async function call(page, method, path, data) {
  const csrf = await page.evaluate(() => localStorage.getItem('kehu.csrf'))
  const r = await page.context().request.fetch('/api/v1' + path, { method, data, headers: { 'X-CSRF-Token': csrf } })
  assert.ok(r.ok(), `${method} ${path}: ${r.status()} ${await r.text()}`)
  return r.json()
}

function isoWeek(d = new Date()) {
  const x = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()))
  x.setUTCDate(x.getUTCDate() + 4 - (x.getUTCDay() || 7))
  const y = x.getUTCFullYear()
  return `${y}-W${String(Math.ceil(((x - Date.UTC(y, 0, 1)) / 86400000 + 1) / 7)).padStart(2, '0')}`
}

async function keep(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0))
  await shot(page, name)
  if (process.env.KEHU_SHOTS) {
    mkdirSync(process.env.KEHU_SHOTS, { recursive: true })
    await page.screenshot({ path: join(process.env.KEHU_SHOTS, name + '.png'), fullPage: true })
  }
}

const year = new Date().getFullYear()
const month = new Date().getMonth() // 0-based
const today = new Date().toISOString().slice(0, 10)

test('a rep lands on their home, a manager on the team\'s, with targets, ranking and forecast', async () => {
  // the manager sets wangwei's target (this month 20000) and signs off a contract of his
  const mgr = await suite.page()
  await login(mgr, 'manager')
  assert.equal(await mgr.locator('[data-test=page-home]').getAttribute('data-home'), 'manager')
  const dir = await call(mgr, 'GET', '/users/directory')
  const wang = dir.items.find((u) => u.login === 'wangwei')
  const months = Array(12).fill('10000')
  months[month] = '20000'
  await call(mgr, 'PUT', '/targets', { year, metric: 'contracts', scope: 'rep', id: wang.id, months })
  const token = kehu(suite.env.db, ['token', 'create', 'wangwei']).trim()
  const asWang = async (method, path, data) => {
    const r = await mgr.context().request.fetch('/api/v1' + path, { method, data, headers: { Authorization: 'Bearer ' + token } })
    assert.ok(r.ok(), `${path}: ${r.status()} ${await r.text()}`)
    return r.json()
  }
  const own = await asWang('GET', `/customers?owner=${wang.id}&per_page=1`)
  const k = await asWang('POST', '/contracts', { customer: own.items[0].id, name: '首页测试合同', total: '5000', signed_date: today })
  await asWang('POST', `/contracts/${k.id}/submit`, {})
  await call(mgr, 'POST', `/contracts/${k.id}/approve`, {})

  // the rep's home
  const page = await suite.page()
  await login(page, 'wangwei')
  assert.equal(await page.locator('[data-test=page-home]').getAttribute('data-home'), 'rep')
  const target = page.locator('[data-test=home-target]')
  await target.getByText('¥20,000.00').waitFor()
  assert.match(await target.innerText(), /¥5,000\.00/)
  assert.match(await target.innerText(), /25\.0%/)
  await page.locator('[data-test=home-todos]').getByText(/共 \d+ 项/).waitFor()
  assert.match(await page.locator('[data-test=home-my-rank]').innerText(), /第 \d+ 名 \/ 共 \d+ 人/)
  assert.match(await page.locator('[data-test=home-forecast-month]').innerText(), /剩余目标 ¥15,000\.00/)
  assert.ok(await page.locator('[data-test=home-ranking] .el-table__row').count() >= 1)
  assert.ok(await page.locator('[data-test=home-link-targets]').isVisible())
  // the rep writes why the week is short (the reason of the weekly table)
  await call(page, 'PUT', '/targets/weekly', { week: isoWeek(), metric: 'contracts', reason: '客户预算推迟' })
  await keep(page, 'home-rep')
  // the period filter: the year's target is the twelve months
  await pick(page, page.locator('[data-test=home-period]'), '本年')
  await target.getByText('¥130,000.00').waitFor()
  noErrors(page, 'the rep\'s home')

  // the manager's home: the chart, the ranking, the weekly table with the reason
  await mgr.goto('/home')
  await settle(mgr)
  await mgr.locator('[data-test=home-chart] canvas').first().waitFor()
  const weekly = mgr.locator('[data-test=home-weekly]')
  await weekly.getByText('客户预算推迟').waitFor()
  const ranking = mgr.locator('[data-test=home-ranking]')
  assert.ok(await ranking.locator('.el-table__row').count() >= 12, 'the manager ranks every rep below')
  // the team filter: 华北销售部 holds wangwei, chenjing, wuhao
  await pick(mgr, mgr.locator('[data-test=home-team]'), '华北销售部')
  await settle(mgr)
  await mgr.waitForFunction(() => document.querySelectorAll('[data-test=home-ranking] .el-table__row').length === 3)
  assert.equal(await weekly.locator('.el-table__row').count(), 3)
  await weekly.getByText('客户预算推迟').waitFor()
  await pick(mgr, mgr.locator('[data-test=home-team]'), '销售中心')
  await settle(mgr)
  // the demo's open pipeline is thousands of times the ¥15,000 left: a multiple, not 500000%
  assert.match(await mgr.locator('[data-test=home-forecast-month]').innerText(), /覆盖率 [\d,.]+ 倍/)
  await keep(mgr, 'home-manager')
  noErrors(mgr, 'the manager\'s home')
})

test('the manager edits a rep\'s target in the grid; the rep reads it', async () => {
  const mgr = await suite.page()
  await login(mgr, 'manager')
  await mgr.locator('[data-test=menu-targets]').click()
  await mgr.locator('[data-test=page-targets]').waitFor()
  await pick(mgr, mgr.locator('[data-test=targets-subject]'), '华东销售部')
  await settle(mgr)
  const dir = await call(mgr, 'GET', '/users/directory')
  const lina = dir.items.find((u) => u.login === 'lina')
  await field(mgr, `target-rep-${lina.id}-3`).fill('8888.50')
  await mgr.locator('[data-test=targets-save]').click()
  await mgr.getByText('已保存').first().waitFor()
  const got = await call(mgr, 'GET', `/targets?year=${year}&scope=rep&id=${lina.id}`)
  assert.equal(got.rows[0].months[2], '8888.50')
  // a bad amount is refused with the field's message; what was saved stays
  mgr.allow(/status of 400/)
  await field(mgr, `target-rep-${lina.id}-4`).fill('1.234')
  await mgr.locator('[data-test=targets-save]').click()
  await mgr.locator('.el-message--error').first().waitFor()
  const again = await call(mgr, 'GET', `/targets?year=${year}&scope=rep&id=${lina.id}`)
  assert.equal(again.rows[0].months[3], '0.00')
  noErrors(mgr, 'the targets grid')

  const page = await suite.page()
  await login(page, 'lina')
  await page.goto('/targets')
  await settle(page)
  await page.locator('[data-test=targets-grid]').getByText('8888.50').first().waitFor()
  assert.equal(await page.locator(`input[data-test^=target-rep-]`).count(), 0, 'a rep edits nothing')
  noErrors(page, 'the rep\'s targets')
})
