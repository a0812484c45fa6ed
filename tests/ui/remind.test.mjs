// Browser test of reminders (issue 14 part 2): the header bell's badge is the
// unread count the event stream pushes (the server's own reminder run makes
// the notification of a new due item; nothing is polled or reloaded); the
// drawer lists it with a link to its customer, opening it marks it read and
// the badge goes; "mark all read"; 我的设置 saves the reminder settings
// (the hour through an el-select), and shows them in English too.
// The page keeps its EventSource open, so nothing waits for 'networkidle'.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, shot, kehu, loginLive, pick, PASSWORD } from './harness.mjs'

// the server's reminder runs every second, so a new item is notified at once
process.env.KEHU_REMIND_SECONDS = '1'
const suite = demoSuite()

test('the bell follows new due items, opens them, reads them all; my settings save', async () => {
  kehu(suite.env.db, ['user', 'add', 'xiaozhao', '--role', 'sales', '--name', '小赵', '--email', 'xz@example.com'], PASSWORD + '\n')
  const token = kehu(suite.env.db, ['token', 'create', 'xiaozhao']).trim()
  const page = await suite.page(undefined, { events: true })
  const streams = []
  page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/v1/events') streams.push(r) })
  await loginLive(page, 'xiaozhao')
  const call = async (method, path, data) => {
    const r = await page.context().request.fetch('/api/v1' + path, {
      method, data, headers: { Authorization: 'Bearer ' + token },
    })
    assert.ok(r.ok(), `${path}: ${r.status()} ${await r.text()}`)
    return r.json()
  }
  const badge = page.locator('[data-test=bell-badge] .el-badge__content')
  await page.locator('[data-test=bell]').waitFor()
  assert.equal((await call('GET', '/notifications')).unread, 0)
  assert.equal(await badge.isVisible(), false, 'nothing unread, no badge')

  // a customer whose next contact was due long ago, written by another client
  const due = async (name) => {
    const c = await call('POST', '/customers', { name })
    await call('POST', '/activities', { customer: c.id, kind: 'call', date: '2020-01-01', status: 'done',
      subject: '电话', next_date: '2020-01-02' })
    return c
  }
  const cust = await due('提醒测试有限公司')
  await badge.filter({ hasText: /^1$/ }).waitFor()
  assert.equal(streams.length, 1, 'one stream, opened once, no reload')

  await page.locator('[data-test=bell]').click()
  const drawer = page.locator('[data-test=notif-drawer]')
  const item = drawer.locator('.item', { hasText: '提醒测试有限公司' })
  await item.waitFor()
  assert.match(await item.innerText(), /待跟进/)
  assert.match(await item.innerText(), /2020-01-02/)
  await shot(page, 'remind-01-bell')
  await item.click()
  await page.waitForURL(new RegExp(`/customers/${cust.id}$`))
  await badge.waitFor({ state: 'hidden' })
  const [n] = (await call('GET', '/notifications')).items
  assert.equal(n.read, true)

  // two more: mark all read
  await due('提醒测试二公司')
  await due('提醒测试三公司')
  await badge.filter({ hasText: /^2$/ }).waitFor()
  await page.locator('[data-test=bell]').click()
  await drawer.locator('.item.unread').nth(1).waitFor()
  await drawer.locator('[data-test=notif-read-all]').click()
  await badge.waitFor({ state: 'hidden' })
  await drawer.locator('.item.unread').first().waitFor({ state: 'detached' })
  assert.equal((await call('GET', '/notifications')).unread, 0)
  await drawer.locator('[data-test=notif-settings]').click()

  // 我的设置
  await page.locator('[data-test=page-my-settings]').waitFor()
  await page.locator('[data-test=remind-email-hint]', { hasText: 'xz@example.com' }).waitFor()
  await page.locator('[data-test=remind-email]').click()
  await page.locator('[data-test=remind-not-configured]').waitFor()
  await pick(page, page.locator('[data-test=remind-hour]'), '18:00')
  await page.locator('[data-test=remind-kind-pool_soon]').click()
  await page.locator('[data-test=remind-lang] .el-radio', { hasText: 'English' }).click()
  const saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/me/reminders' && r.request().method() === 'PUT')
  await page.locator('[data-test=remind-save]').click()
  assert.equal((await saved).status(), 200)
  // (the message of "mark all read" may still show: wait for this one's)
  await page.locator('.el-message--success', { hasText: '已保存' }).first().waitFor()
  const prefs = await call('GET', '/me/reminders')
  assert.equal(prefs.email, true)
  assert.equal(prefs.digest_hour, 18)
  assert.equal(prefs.lang, 'en')
  assert.ok(!prefs.kinds.includes('pool_soon') && prefs.kinds.includes('followups_due'), JSON.stringify(prefs.kinds))
  await shot(page, 'remind-02-my-settings')

  // in English, after a reload the saved values are shown
  await page.locator('[data-test=lang-switch]').click()
  await page.reload()
  await page.locator('[data-test=page-my-settings] h2', { hasText: 'My settings' }).waitFor()
  await page.locator('[data-test=remind-hour]', { hasText: '18:00' }).waitFor()
  assert.equal(await page.locator('[data-test=remind-kind-pool_soon] input').isChecked(), false)
  await page.locator('[data-test=user-menu]').click()
  await page.locator('[data-test=my-settings]', { hasText: 'My settings' }).waitFor()
  noErrors(page, 'reminders')
  await page.context().close()
})
