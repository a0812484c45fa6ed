// Browser tests of e-mail campaigns, greetings and mail consent (issue 15)
// against a real server on a demo database. A manager unsubscribes a
// contact in the 360° view (the consent and its history), makes a campaign
// in the UI (audience, subject with a placeholder clicked in, an HTML body
// with a script), and its pre-send check shows the API's counts per reason,
// who is left out and why, and the message of one recipient: the subject
// with the contact's form of address (张总), the HTML in a sandboxed frame
// whose script does not run; then schedule, pause, resume and cancel, each
// confirmed, the report and the list. A manager keeps the greetings (a
// holiday's dates by year); a rep sees only tomorrow's review, of the rep's
// customers, and skips one. The 360° timeline shows the view's mail events;
// every text of these pages is in both languages. With KEHU_SHOTS=DIR the
// preview and report are saved there too (docs/screens/campaign-preview.png).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync, mkdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServer } from 'node:net'
import { demoSuite, noErrors, login, shot, settle, field, apiOf, adminSettings } from './harness.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const web = join(here, '..', '..', 'web', 'src')
const suite = demoSuite()

function keysOf(o, p = '') {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keysOf(v, p + k + '.') : [p + k]))
}
const lookup = (tree, key) => key.split('.').reduce((v, part) => (v && typeof v === 'object' ? v[part] : undefined), tree)

test('every text of campaigns, greetings and consent is there in 中文 and English', async () => {
  const { campaignMessages } = await import(join(web, 'messages_campaigns.js'))
  const zh = keysOf(campaignMessages.zh)
  const en = keysOf(campaignMessages.en)
  assert.deepEqual(zh.filter((k) => !en.includes(k)), [], 'keys in 中文 only')
  assert.deepEqual(en.filter((k) => !zh.includes(k)), [], 'keys in English only')
  for (const k of en) {
    const v = lookup(campaignMessages.en, k)
    if (!/张总|^中文$/.test(v)) assert.doesNotMatch(v, /[\u4e00-\u9fff]/, `中文 in English: ${k}`) // the form of address is shown as it is
  }

  // Every literal key the new pages ask t() for resolves in both languages.
  const { messages } = await import(join(web, 'messages.js'))
  const files = [
    ...['Campaigns.vue', 'Campaign.vue', 'Greetings.vue'].map((f) => join(web, 'views', f)),
    ...readdirSync(join(web, 'components')).filter((f) => /^(Campaign|Greeting|Contact|Placeholder)/.test(f)).map((f) => join(web, 'components', f)),
    join(web, 'components', 'CustomerView.vue'),
  ]
  let seen = 0
  for (const f of files) {
    const text = readFileSync(f, 'utf8')
    for (const m of text.matchAll(/\bt\('([a-zA-Z_.]+)'/g)) {
      const key = m[1]
      if (key.endsWith('.')) continue // a prefix joined with a value
      seen++
      for (const lang of ['zh', 'en']) assert.equal(typeof lookup(messages[lang], key), 'string', `${f}: ${key} missing in ${lang}`)
    }
  }
  assert.ok(seen > 100, `only ${seen} keys found`)
  for (const lang of ['zh', 'en']) {
    for (const kind of ['campaign_status', 'campaign_purpose', 'message_state'])
      assert.ok(Object.keys(messages[lang].enum[kind]).length >= 4, `${lang} enum ${kind}`)
    for (const r of ['send', 'no_address', 'unsubscribed', 'bounced', 'contact_cap', 'company_cap', 'duplicate', 'out_of_scope'])
      assert.equal(typeof messages[lang].camp.reason[r], 'string', `${lang} reason ${r}`)
  }
})

// A screenshot once the toasts are gone; with KEHU_SHOTS=DIR set (as
// home.test.mjs), also saved there: KEHU_SHOTS=docs/screens renews
// docs/screens/campaign-preview.png.
async function keep(page, name) {
  await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 8000 }).catch(() => {})
  await page.evaluate(() => window.scrollTo(0, 0))
  await shot(page, name)
  if (process.env.KEHU_SHOTS) {
    mkdirSync(process.env.KEHU_SHOTS, { recursive: true })
    await page.screenshot({ path: join(process.env.KEHU_SHOTS, name + '.png'), fullPage: true })
  }
}

// The OK button of the open confirm box.
async function confirmBox(page) {
  const box = page.locator('.el-message-box')
  await box.waitFor()
  await box.locator('.el-message-box__btns .el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
}

// Click the action button and confirm; resolves with the answer of POST /campaigns/{id}/{action}.
async function action(page, id, name, { confirm = true } = {}) {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/campaigns/${id}/${name === 'schedule' ? 'send' : name}` && r.request().method() === 'POST')
  if (name !== 'schedule') await page.locator(`[data-test=campaign-${name}]`).click()
  if (confirm) await confirmBox(page)
  const r = await answered
  assert.equal(r.status(), 200, await r.text())
  return r.json()
}

const headStatus = (page) => page.locator('[data-test=campaign-head-status]')

test('a manager unsubscribes a contact, makes a campaign and checks it before sending', async () => {
  // Sending (or scheduling) needs a mail setup; nothing is sent here: the
  // campaign is scheduled years ahead and cancelled.
  await adminSettings(suite, { 'mail.smtp_url': 'smtp://127.0.0.1:9', 'mail.from': 'crm@example.com', 'mail.public_url': suite.server.url })
  const page = await suite.page()
  // The browser says so when it refuses the mail's script: expected, counted.
  const blocked = /Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/
  page.allow(blocked)
  page.allow(/status of 400/) // the refused placeholder, expected
  let refused = 0
  page.on('console', (msg) => blocked.test(msg.text()) && refused++)
  await login(page, 'manager')
  const api = await apiOf(page)
  const put = async (path, data) => {
    const r = await page.context().request.put('/api/v1' + path, { data, headers: { 'X-CSRF-Token': await page.evaluate(() => localStorage.getItem('kehu.csrf')) } })
    assert.ok(r.ok(), await r.text())
    return r.json()
  }

  // Two customers of a region of their own: 张三 (a general manager, with an
  // address), 李四 (no address), and 王五 (an address, to be unsubscribed).
  const region = 'UI邮件测试区'
  const a = await api.post('/customers', { name: '邮件测试甲科技有限公司', region, segment: 'enterprise' })
  const b = await api.post('/customers', { name: '邮件测试乙贸易有限公司', region, segment: 'retail' })
  const zhang = await api.post('/contacts', { customer: a.id, name: '张三', title: '总经理', email: 'zhangsan@example.com' })
  await api.post('/contacts', { customer: a.id, name: '李四', title: '采购员' })
  const wang = await api.post('/contacts', { customer: b.id, name: '王五', title: '经理', email: 'wangwu@example.com' })

  // The 360° view: 王五 subscribed, then unsubscribed by hand with a note.
  await page.goto(`/customers/${b.id}`)
  await page.locator('[data-test=customer-view]').waitFor()
  await page.locator('[data-test=customer-tabs] #tab-contacts').click()
  const tag = page.locator(`[data-test=contact-consent][data-contact="${wang.id}"]`)
  await tag.and(page.locator('[data-value=subscribed]')).waitFor()
  assert.equal((await tag.innerText()).trim(), '订阅')
  await tag.click()
  const dlg = page.locator('[data-test=consent-dialog]')
  await dlg.locator('[data-test=consent-state][data-value=subscribed]').waitFor()
  assert.equal(await dlg.locator('[data-test=consent-address]').innerText(), 'wangwu@example.com')
  await dlg.locator('[data-test=consent-to-unsubscribed]').click()
  await field(page, 'consent-note').fill('电话中要求不再发邮件')
  const putAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/contacts/${wang.id}/consent` && r.request().method() === 'PUT')
  await dlg.locator('[data-test=consent-save]').click()
  assert.equal((await putAnswer).status(), 200)
  await dlg.locator('[data-test=consent-state][data-value=unsubscribed]').waitFor()
  const consent = await api.get(`/contacts/${wang.id}/consent`)
  assert.equal(consent.state, 'unsubscribed')
  const last = consent.history[0]
  assert.equal(last.state, 'unsubscribed')
  assert.equal(last.source, 'user')
  assert.equal(last.note, '电话中要求不再发邮件')
  const histRow = dlg.locator('[data-test=consent-history] .el-table__body tr', { hasText: '电话中要求不再发邮件' })
  assert.match(await histRow.innerText(), /已退订[\s\S]*手动修改/)
  await page.keyboard.press('Escape')
  await tag.and(page.locator('[data-value=unsubscribed]')).waitFor()
  assert.equal((await tag.innerText()).trim(), '已退订')

  // The campaign, made in the UI.
  await page.locator('[data-test=menu-campaigns]').click()
  await page.locator('[data-test=page-campaigns]').waitFor()
  await settle(page)
  await page.locator('[data-test=campaign-new]').click()
  const cd = page.locator('[data-test=campaign-dialog]')
  await cd.waitFor()
  // the form's own checks first: nothing is sent without a name
  await cd.locator('[data-test=cd-submit]').click()
  await cd.locator('.el-form-item__error', { hasText: '请填写活动名称' }).waitFor()
  await field(page, 'cd-name').fill('年会邀请（界面测试）')
  await cd.locator('[data-test=cd-purpose-invitation]').click()
  await field(page, 'cd-filter-region').fill(region)
  const subject = field(page, 'cd-subject')
  await subject.fill('，诚邀参加年会')
  await subject.press('Home')
  await cd.locator('[data-test=ph-salutation]').click() // at the cursor: the start
  assert.equal(await subject.inputValue(), '{{salutation}}，诚邀参加年会')
  await field(page, 'cd-body-text').fill('{{salutation}}您好：\n诚邀您参加年会。\n{{owner.signature}}')
  await field(page, 'cd-body-html').fill('<p>{{salutation}}您好：</p><p>诚邀您参加<a href="https://example.com/nianhui">年会</a>。</p><script>parent.document.title = "hacked"; parent.hacked = 1</script>')
  // the API's refusal of an unknown placeholder, beside the subject, in 中文
  await subject.fill('{{nope}}，诚邀参加年会')
  const refusal = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/campaigns' && r.request().method() === 'POST')
  await cd.locator('[data-test=cd-submit]').click()
  const rr = await refusal
  assert.equal(rr.status(), 400)
  assert.equal((await rr.json()).error.field, 'subject')
  await cd.locator('.el-form-item__error', { hasText: '未知的占位符 {{nope}}' }).waitFor()
  await subject.fill('{{salutation}}，诚邀参加年会')
  const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/campaigns' && r.request().method() === 'POST')
  await cd.locator('[data-test=cd-submit]').click()
  const cr = await created
  assert.equal(cr.status(), 201, await cr.text())
  const campaign = await cr.json()
  assert.equal(campaign.status, 'draft')
  assert.equal(campaign.purpose, 'invitation')
  assert.equal(campaign.audience.list, 'customers')
  assert.equal(campaign.audience.filters.region, region)
  assert.equal(campaign.subject, '{{salutation}}，诚邀参加年会')
  await page.waitForURL(new RegExp(`/campaigns/${campaign.id}$`))

  // The pre-send check: the API's counts, reason by reason.
  const preview = page.locator('[data-test=campaign-preview]')
  // (no settle() from here on: a page with a sandboxed srcdoc frame never
  // reaches Playwright's 'networkidle'; each wait is for its answer)
  await preview.locator('[data-test=preview-message]').waitFor()
  const want = await api.get(`/campaigns/${campaign.id}/preview`)
  assert.equal(want.candidates, 3, JSON.stringify(want))
  assert.equal(want.counts.send, 1, JSON.stringify(want.counts))
  assert.equal(want.counts.no_address, 1, JSON.stringify(want.counts))
  assert.equal(want.counts.unsubscribed, 1, JSON.stringify(want.counts))
  assert.equal(await preview.locator('[data-test=preview-candidates]').getAttribute('data-value'), '3')
  for (const [reason, n] of Object.entries(want.counts)) {
    const card = preview.locator(`[data-test=preview-count-${reason}]`)
    assert.equal(await card.getAttribute('data-value'), String(n), reason)
    assert.match(await card.innerText(), new RegExp(`\\n?${n}$`), reason)
  }
  assert.match(await preview.locator('[data-test=preview-count-no_address]').innerText(), /无邮箱/)
  assert.match(await preview.locator('[data-test=preview-count-unsubscribed]').innerText(), /已退订/)
  // who is left out, and why
  const leftOut = preview.locator('[data-test=preview-left-out] .el-table__body tr')
  assert.equal(await leftOut.count(), 2)
  assert.match(await leftOut.filter({ hasText: '李四' }).innerText(), /无邮箱/)
  assert.match(await leftOut.filter({ hasText: '王五' }).innerText(), /已退订/)
  assert.match(await preview.locator('[data-test=preview-recipients] .el-table__body').innerText(), /张三[\s\S]*zhangsan@example\.com/)
  // the message of 张三: his form of address, and the HTML in an empty sandbox
  assert.ok(want.message, 'a message to preview')
  assert.equal(want.message.contact_id, zhang.id)
  assert.equal(await preview.locator('[data-test=preview-subject]').innerText(), want.message.subject)
  assert.match(want.message.subject, /^张总，诚邀参加年会/)
  assert.equal(await preview.locator('[data-test=preview-to]').innerText(), want.message.to)
  assert.match(await preview.locator('[data-test=preview-text]').innerText(), /^张总您好：/)
  await preview.locator('.parts .el-tabs__item', { hasText: 'HTML' }).click()
  const frame = preview.locator('[data-test=preview-html]')
  await frame.waitFor()
  assert.equal(await frame.getAttribute('sandbox'), '', 'the mail HTML is sandboxed, nothing allowed')
  assert.equal(await frame.evaluate((f) => f.srcdoc), want.message.html)
  assert.match(await frame.contentFrame().locator('body').innerText(), /张总您好/)
  await page.waitForFunction(() => true) // the frame's console message comes with its load
  assert.ok(refused > 0, 'the browser refused the script of the mail')
  assert.equal(await page.evaluate(() => window.hacked), undefined, 'the script of the mail ran')
  assert.notEqual(await page.title(), 'hacked')
  assert.equal(await page.locator('.page script').count(), 0)
  await keep(page, 'campaign-preview')

  // The test send refuses a bad address before asking the server.
  await field(page, 'preview-test-to').fill('not an address')
  await preview.locator('[data-test=preview-test-send]').click()
  await preview.locator('[data-test=preview-test] .el-form-item__error', { hasText: '请输入有效的邮箱地址' }).waitFor()

  // In English, the reasons too.
  await page.locator('[data-test=lang-switch]').click()
  assert.match(await preview.locator('[data-test=preview-count-no_address]').innerText(), /No e-mail/)
  assert.match(await leftOut.filter({ hasText: '王五' }).innerText(), /Unsubscribed/)
  assert.match(await page.locator('[data-test=campaign-actions]').innerText(), /Send now[\s\S]*Schedule/)
  await page.locator('[data-test=lang-switch]').click()

  // Schedule it (a time in the future, the browser's zone: Asia/Shanghai),
  // then pause, resume and cancel, each confirmed.
  assert.deepEqual(await page.locator('[data-test=campaign-actions] button').evaluateAll((bs) => bs.map((b) => b.dataset.test)),
    ['campaign-edit', 'campaign-send', 'campaign-schedule', 'campaign-cancel', 'campaign-delete'])
  await page.locator('[data-test=campaign-schedule]').click()
  await page.locator('[data-test=schedule-dialog]').waitFor()
  await page.locator('[data-test=schedule-submit]').click()
  await page.locator('[data-test=schedule-dialog] .el-form-item__error', { hasText: '请选择发送时间' }).waitFor()
  const at = field(page, 'schedule-at')
  await at.fill('2030-01-02 09:30')
  await at.press('Enter')
  await page.locator('[data-test=schedule-dialog] .el-dialog__title').click() // the picker closes
  const scheduled = action(page, campaign.id, 'schedule')
  await page.locator('[data-test=schedule-submit]').click()
  const s1 = await scheduled
  assert.equal(s1.status, 'scheduled')
  assert.equal(s1.scheduled_at, '2030-01-02T01:30:00Z')
  await headStatus(page).and(page.locator('[data-value=scheduled]')).waitFor()
  assert.match(await page.locator('[data-test=campaign-scheduled-at]').innerText(), /2030-01-02 09:30/)
  assert.equal((await action(page, campaign.id, 'pause')).status, 'paused')
  await headStatus(page).and(page.locator('[data-value=paused]')).waitFor()
  assert.equal((await action(page, campaign.id, 'resume')).status, 'scheduled')
  await headStatus(page).and(page.locator('[data-value=scheduled]')).waitFor()
  // a cancel box said no to changes nothing
  await page.locator('[data-test=campaign-cancel]').click()
  await page.locator('.el-message-box .el-message-box__btns button:not(.el-button--primary)').click()
  assert.equal((await api.get(`/campaigns/${campaign.id}`)).status, 'scheduled')
  assert.equal((await action(page, campaign.id, 'cancel')).status, 'cancelled')
  await headStatus(page).and(page.locator('[data-value=cancelled]')).waitFor()
  assert.equal(await page.locator('[data-test=campaign-actions] button').count(), 0)

  // The report: the API's totals, the charts, the links.
  const reported = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/campaigns/${campaign.id}/report`)
  await page.locator('[data-test=campaign-tabs] #tab-report').click()
  assert.equal((await reported).status(), 200)
  const report = page.locator('[data-test=campaign-report]')
  await report.locator('[data-test=report-total-recipients]').waitFor()
  const rep = await api.get(`/campaigns/${campaign.id}/report`)
  assert.equal(rep.totals.opened, 0, 'looking at the preview recorded an open')
  for (const [k, v] of Object.entries(rep.totals)) assert.equal(await report.locator(`[data-test=report-total-${k}]`).getAttribute('data-value'), String(v), k)
  await report.locator('[data-test=report-chart-day] canvas').first().waitFor()
  await report.locator('[data-test=report-chart-segment] canvas').first().waitFor()
  await keep(page, 'campaign-report')
  const listed = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/campaigns/${campaign.id}/messages`)
  await page.locator('[data-test=campaign-tabs] #tab-messages').click()
  assert.equal((await listed).status(), 200)
  await page.locator('[data-test=campaign-messages] .toolbar').filter({ hasText: /\d/ }).waitFor()
  const msgs = await api.get(`/campaigns/${campaign.id}/messages`)
  assert.match(await page.locator('[data-test=campaign-messages] .toolbar').innerText(), new RegExp(`共 ${msgs.total} 条`))

  // The list: the campaign with its status and counts.
  await page.goto('/campaigns')
  const row = page.locator('[data-test=campaign-table] .el-table__body tr', { hasText: '年会邀请（界面测试）' })
  await row.waitFor()
  assert.equal(await row.locator('[data-test=campaign-status]').getAttribute('data-value'), 'cancelled')
  assert.match(await row.innerText(), /已取消/)
  assert.match(await row.innerText(), /邀请/)
  noErrors(page, 'campaign preview and report')
  await page.context().close()
})

test('a manager keeps the greetings; a rep reviews tomorrow\'s of the rep\'s customers and skips one', async () => {
  const page = await suite.page()
  await login(page, 'manager')
  await page.locator('[data-test=menu-greetings]').click()
  await page.locator('[data-test=page-greetings]').waitFor()
  await settle(page)

  // a birthday greeting
  await page.locator('[data-test=greeting-new]').click()
  const gd = page.locator('[data-test=greeting-dialog]')
  await gd.waitFor()
  await field(page, 'gd-subject').fill('{{salutation}}，生日快乐')
  await field(page, 'gd-body-text').fill('{{salutation}}：祝您生日快乐！\n{{owner.name}}')
  let saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/greetings' && r.request().method() === 'POST')
  await gd.locator('[data-test=gd-submit]').click()
  let r = await saved
  assert.equal(r.status(), 201, await r.text())
  assert.equal((await r.json()).occasion, 'birthday')

  // a holiday: a name and its date in each year, as rows
  await gd.waitFor({ state: 'hidden' })
  await page.locator('[data-test=greeting-new]').click()
  await gd.waitFor()
  await gd.locator('[data-test=gd-occasion-holiday]').click()
  await field(page, 'gd-subject').fill('{{salutation}}，中秋快乐')
  await field(page, 'gd-body-text').fill('中秋快乐')
  await gd.locator('[data-test=gd-submit]').click()
  await gd.locator('.el-form-item__error', { hasText: '请填写名称' }).waitFor()
  await field(page, 'gd-name').fill('中秋节')
  for (const [i, date] of [[0, '2026-09-25'], [1, '2027-09-15']]) {
    await gd.locator('[data-test=gd-add-year]').click()
    const d = field(page, `gd-date-${i}`)
    await d.fill(date)
    await d.press('Enter')
  }
  assert.equal(await field(page, 'gd-year-0').inputValue(), '2026')
  assert.equal(await field(page, 'gd-year-1').inputValue(), '2027')
  saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/greetings' && r.request().method() === 'POST')
  await gd.locator('[data-test=gd-submit]').click()
  r = await saved
  assert.equal(r.status(), 201, await r.text())
  const holiday = await r.json()
  assert.equal(holiday.name, '中秋节')
  assert.deepEqual(holiday.dates, { 2026: '2026-09-25', 2027: '2027-09-15' })
  const table = page.locator('[data-test=greeting-table] .el-table__body')
  await table.locator('tr', { hasText: '中秋节' }).waitFor()
  assert.match(await table.locator('tr', { hasText: '中秋节' }).innerText(), /2026-09-25、2027-09-15/)
  assert.equal(await table.locator('[data-test=greeting-occasion][data-value=birthday]').count(), 1)
  noErrors(page, 'greetings as a manager')
  await page.context().close()

  // The rep: a contact of the rep's own whose birthday is the review's day.
  const rep = await suite.page()
  await login(rep, 'wangwei')
  const api = await apiOf(rep)
  const upcoming = await api.get('/greetings/upcoming')
  assert.match(upcoming.date, /^\d{4}-\d{2}-\d{2}$/)
  const me = await api.get('/me')
  const mine = (await api.get(`/customers?owner=${me.id}&per_page=1`)).items[0]
  assert.ok(mine, 'the rep owns a customer')
  const zhao = await api.post('/contacts', { customer: mine.id, name: '赵六', title: '厂长', email: 'zhaoliu@example.com', birthday: '1980-' + upcoming.date.slice(5) })

  // a rep runs campaigns too (to the rep's own customers)
  await rep.locator('[data-test=menu-campaigns]').click()
  await rep.locator('[data-test=page-campaigns] [data-test=campaign-new]').waitFor()
  await rep.locator('[data-test=menu-greetings]').click()
  await rep.locator('[data-test=page-greetings]').waitFor()
  await rep.locator('[data-test=greeting-rep-note]').waitFor()
  await settle(rep)
  assert.equal(await rep.locator('[data-test=greeting-new]').count(), 0, 'a rep keeps no greetings')
  assert.equal(await rep.locator('[data-test=greeting-tabs] .el-tabs__item').count(), 1)
  const want = await api.get('/greetings/upcoming')
  const mineRow = want.items.find((x) => x.contact_id === zhao.id)
  assert.ok(mineRow, JSON.stringify(want.items.slice(0, 5)))
  assert.equal(mineRow.verdict, 'send')
  assert.equal(mineRow.skipped, false)
  const rows = rep.locator('[data-test=review-table] .el-table__body tr')
  assert.equal(await rows.count(), want.items.length)
  const row = rows.filter({ hasText: '赵六' })
  assert.match(await row.innerText(), new RegExp(`${mine.name}[\\s\\S]*zhaoliu@example\\.com[\\s\\S]*可发送`))
  const sw = row.locator('[data-test=review-send]')
  assert.equal(await sw.locator('input').isChecked(), true)
  const skip = rep.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/greetings/upcoming/skip')
  await sw.click()
  const sr = await skip
  assert.equal(sr.status(), 200, await sr.text())
  assert.deepEqual(JSON.parse(sr.request().postData()), { greeting_id: mineRow.greeting_id, contact_id: zhao.id, date: want.date, skip: true })
  assert.equal((await api.get('/greetings/upcoming')).items.find((x) => x.contact_id === zhao.id).skipped, true)
  await rep.reload()
  await rep.locator('[data-test=review-table] .el-table__body tr', { hasText: '赵六' }).waitFor()
  assert.equal(await rep.locator('[data-test=review-table] .el-table__body tr', { hasText: '赵六' }).locator('[data-test=review-send] input').isChecked(), false)
  // every customer of the review is the rep's
  for (const it of want.items) assert.equal((await api.get(`/customers/${it.customer_id}`)).owner, me.id, it.customer)
  await shot(rep, 'greetings-review-rep')
  noErrors(rep, 'greetings review as a rep')
  await rep.context().close()
})

test('the 360° timeline shows the view\'s mail events among the activities, in both languages', async () => {
  const page = await suite.page()
  await login(page, 'manager')
  const api = await apiOf(page)
  const c = (await api.get('/customers?per_page=1')).items[0]
  const view = await api.get(`/customers/${c.id}/view`)
  assert.ok(Array.isArray(view.mail_events), 'the view has mail_events')
  // The view as the server gives it, with two events of a campaign added.
  const events = [
    { message_id: 901, campaign_id: 77, campaign: '双十一老客户回访', contact_id: 1, contact: '钱七', event: 'clicked', at: '2099-01-02T03:04:05Z', url: 'https://example.com/p' },
    { message_id: 901, campaign_id: 77, campaign: '双十一老客户回访', contact_id: 1, contact: '钱七', event: 'opened', at: '2099-01-02T03:00:00Z' },
  ]
  await page.route(`**/api/v1/customers/${c.id}/view`, async (route) => {
    const resp = await route.fetch()
    const body = await resp.json()
    body.mail_events = [...events, ...body.mail_events]
    await route.fulfill({ response: resp, json: body })
  })
  await page.goto(`/customers/${c.id}`)
  await page.locator('[data-test=customer-view]').waitFor()
  await page.locator('[data-test=customer-tabs] #tab-timeline').click()
  const mails = page.locator('[data-test=timeline-mail]')
  await mails.first().waitFor()
  // newest first, above every activity (theirs are in 2099)
  const first = page.locator('[data-test=timeline] .el-timeline-item').first()
  assert.equal(await first.getAttribute('data-event'), 'clicked')
  assert.match(await first.innerText(), /已点击[\s\S]*双十一老客户回访[\s\S]*钱七[\s\S]*https:\/\/example\.com\/p/)
  assert.match(await first.innerText(), /2099-01-02 11:04/)
  assert.match(await mails.nth(1).innerText(), /已打开/)
  assert.equal(await first.locator('[data-test=timeline-mail-campaign]').getAttribute('href'), '/campaigns/77')
  await page.locator('[data-test=lang-switch]').click()
  assert.match(await first.innerText(), /Mail[\s\S]*Clicked/)
  assert.match(await mails.nth(1).innerText(), /Opened/)
  await page.locator('[data-test=lang-switch]').click()
  noErrors(page, 'the timeline with mail events')
  await page.context().close()
})

// A mail server on loopback that takes every message (the sender speaks SMTP
// through libcurl): .messages holds {to, raw}; .html(m) the HTML part.
function smtpSink() {
  const sink = { messages: [] }
  const server = createServer((sock) => {
    let buf = ''
    let data = null
    let rcpt = []
    sock.setEncoding('utf8')
    sock.write('220 sink ESMTP\r\n')
    sock.on('data', (chunk) => {
      buf += chunk
      for (;;) {
        if (data !== null) {
          const end = buf.indexOf('\r\n.\r\n')
          if (end < 0) return
          data += buf.slice(0, end)
          buf = buf.slice(end + 5)
          for (const to of rcpt) sink.messages.push({ to, raw: data })
          data = null
          rcpt = []
          sock.write('250 queued\r\n')
          continue
        }
        const nl = buf.indexOf('\r\n')
        if (nl < 0) return
        const line = buf.slice(0, nl)
        buf = buf.slice(nl + 2)
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO' || verb === 'HELO') sock.write('250-sink\r\n250 8BITMIME\r\n')
        else if (verb === 'RCPT') {
          rcpt.push(/<([^>]*)>/.exec(line)?.[1] || '')
          sock.write('250 ok\r\n')
        } else if (verb === 'DATA') {
          data = ''
          sock.write('354 go on\r\n')
        } else if (verb === 'QUIT') {
          sock.end('221 bye\r\n')
          return
        } else sock.write('250 ok\r\n')
      }
    })
    sock.on('error', () => {})
  })
  sink.start = () => new Promise((res) => server.listen(0, '127.0.0.1', () => res((sink.port = server.address().port))))
  sink.stop = () => new Promise((res) => server.close(res))
  sink.to = (addr) => sink.messages.filter((m) => m.to === addr)
  // The text/html part of a MIME message, its base64 decoded.
  sink.html = (m) => {
    const part = m.raw.split(/\r\n--[^\r\n]+/).find((p) => /Content-Type: text\/html/i.test(p))
    if (!part) return ''
    const [head, ...body] = part.split('\r\n\r\n')
    const text = body.join('\r\n\r\n')
    return /base64/i.test(head) ? Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8') : text
  }
  return sink
}

async function until(what, fn, ms = 30000) {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error('timed out waiting for ' + what)
    await new Promise((r) => setTimeout(r, 250))
  }
}

test('a campaign sent for real: the test message, sending now, the report, the messages and the 360° timeline', async () => {
  const sink = smtpSink()
  await sink.start()
  try {
    await adminSettings(suite, {
      'mail.smtp_url': `smtp://127.0.0.1:${sink.port}`, 'mail.from': 'crm@example.com', 'mail.starttls': 'none', 'mail.public_url': suite.server.url,
    })
    const page = await suite.page()
    page.allow(/Blocked script execution in 'about:srcdoc'/)
    await login(page, 'manager')
    const api = await apiOf(page)
    const region = 'UI发送测试区'
    const cust = await api.post('/customers', { name: '发送测试丙实业有限公司', region, segment: 'manufacturing' })
    await api.post('/contacts', { customer: cust.id, name: '孙八', title: '总经理', email: 'sunba@example.com' })
    await api.post('/contacts', { customer: cust.id, name: '周九', title: '部长', email: 'zhoujiu@example.com' })
    const c = await api.post('/campaigns', {
      name: '新品发布（发送测试）', purpose: 'news', audience: { list: 'customers', filters: { region } },
      subject: '{{salutation}}，新品发布', body_text: '{{salutation}}您好：新品已发布。', body_html: '<p>{{salutation}}您好：<a href="https://example.com/new">新品</a>已发布。</p>',
    })
    await page.goto(`/campaigns/${c.id}`)
    const preview = page.locator('[data-test=campaign-preview]')
    await preview.locator('[data-test=preview-message]').waitFor()

    // another recipient re-renders the message (?contact=ID)
    const first = await preview.locator('[data-test=preview-message]').getAttribute('data-contact')
    const other = preview.locator('[data-test=preview-recipients] .el-table__body tr').filter({ has: page.locator('[data-test=preview-render]:not([disabled])') }).first()
    const otherName = (await other.locator('td').first().innerText()).trim()
    const rerendered = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/campaigns/${c.id}/preview` && new URL(r.url()).searchParams.has('contact'))
    await other.locator('[data-test=preview-render]').click()
    const again = await (await rerendered).json()
    assert.notEqual(String(again.message.contact_id), first)
    await preview.locator(`[data-test=preview-message][data-contact="${again.message.contact_id}"]`).waitFor()
    assert.equal(await preview.locator('[data-test=preview-subject]').innerText(), again.message.subject)
    assert.equal(again.message.subject, otherName === '孙八' ? '孙总，新品发布' : '周部长，新品发布')

    // a test message, rendered for the recipient shown, to any address
    await field(page, 'preview-test-to').fill('me@example.com')
    const tested = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/campaigns/${c.id}/test`)
    await preview.locator('[data-test=preview-test-send]').click()
    assert.equal((await tested).status(), 200)
    await page.locator('.el-message', { hasText: '测试邮件已发送到 me@example.com' }).waitFor()
    const test1 = await until('the test message', () => sink.to('me@example.com')[0])
    const shownSubject = await preview.locator('[data-test=preview-subject]').innerText()
    assert.match(test1.raw, /^Subject: /m)
    assert.match(shownSubject, /^(孙总|周部长)，新品发布$/)

    // send now: confirmed, then sending until each message is out
    assert.equal((await action(page, c.id, 'send')).status, 'sending')
    await headStatus(page).and(page.locator('[data-value=sending], [data-value=sent]')).first().waitFor()
    await until('both messages', () => sink.to('sunba@example.com').length && sink.to('zhoujiu@example.com').length)
    await until('the campaign sent', async () => (await api.get(`/campaigns/${c.id}`)).status === 'sent')
    assert.equal(sink.messages.length, 3, 'the test message and one each')
    // the page follows the sending on its own
    await headStatus(page).and(page.locator('[data-value=sent]')).waitFor({ timeout: 12000 })

    // one recipient opens it: the pixel of the HTML part
    const pixel = /src="([^"]*\/o\/[^"]+\.png)"/.exec(sink.html(sink.to('sunba@example.com')[0]))
    assert.ok(pixel, 'an open pixel in the HTML part')
    assert.equal((await fetch(pixel[1])).status, 200)
    await until('the open', async () => (await api.get(`/campaigns/${c.id}/report`)).totals.opened === 1)

    // a campaign no longer a draft opens on its report
    const reported = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/campaigns/${c.id}/report`)
    await page.reload()
    await headStatus(page).and(page.locator('[data-value=sent]')).waitFor()
    assert.equal((await reported).status(), 200)
    assert.match(await page.locator('[data-test=campaign-tabs] .el-tabs__item.is-active').innerText(), /效果报告/)
    const report = page.locator('[data-test=campaign-report]')
    await report.locator('[data-test=report-total-sent][data-value="2"]').waitFor()
    const rep = await api.get(`/campaigns/${c.id}/report`)
    assert.equal(rep.totals.sent, 2)
    for (const [k, v] of Object.entries(rep.totals)) assert.equal(await report.locator(`[data-test=report-total-${k}]`).getAttribute('data-value'), String(v), k)
    assert.match(await report.locator('[data-test=report-rate-open]').innerText(), /50\.0%/)
    await page.waitForFunction(() => Number(document.querySelector('[data-test=report-chart-day]')?.dataset.points) > 0)
    await report.locator('[data-test=report-chart-segment] canvas').first().waitFor()
    assert.match(await report.locator('[data-test=report-chart-segment]').getAttribute('data-points'), /^[1-9]/)
    await keep(page, 'campaign-report-sent')

    // the messages, by state
    const listed = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/campaigns/${c.id}/messages`)
    await page.locator('[data-test=campaign-tabs] #tab-messages').click()
    await listed
    const rows = page.locator('[data-test=messages-table] .el-table__body tr')
    await rows.nth(1).waitFor()
    assert.equal(await rows.count(), 2)
    assert.deepEqual(await page.locator('[data-test=message-state]').evaluateAll((els) => els.map((e) => e.dataset.value)), ['sent', 'sent'])
    assert.match(await rows.filter({ hasText: '孙八' }).innerText(), /sunba@example\.com[\s\S]*已发送/)
    const failedOnly = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/campaigns/${c.id}/messages` && new URL(r.url()).searchParams.get('state') === 'failed')
    await page.locator('[data-test=messages-state]').click()
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '失败' }).click()
    assert.equal((await failedOnly).status(), 200)
    await page.locator('[data-test=messages-table] .el-table__empty-text').waitFor()

    // the 360° timeline: sent to both, opened by 孙八, with the campaign's name
    await page.goto(`/customers/${cust.id}`)
    await page.locator('[data-test=customer-view]').waitFor()
    await page.locator('[data-test=customer-tabs] #tab-timeline').click()
    const mails = page.locator('[data-test=timeline-mail]')
    await mails.nth(2).waitFor()
    const events = await mails.evaluateAll((els) => els.map((e) => e.dataset.event))
    assert.deepEqual([...events].sort(), ['opened', 'sent', 'sent'])
    const ats = await mails.evaluateAll((els) => els.map((e) => e.dataset.at))
    assert.deepEqual(ats, [...ats].sort().reverse(), 'newest first')
    assert.match(await mails.filter({ hasText: '已打开' }).innerText(), /新品发布（发送测试）[\s\S]*孙八/)
    assert.equal(await mails.filter({ hasText: '已发送' }).count(), 2)

    // 统计 · 营销推广: the campaign's row with the API's figures, and the totals
    const promo = await api.get('/statistics/promotion')
    const mine = promo.by_campaign.find((x) => x.campaign_id === c.id)
    assert.equal(mine.sent, 2)
    assert.equal(mine.opened, 1)
    await page.goto('/statistics')
    await page.locator('[data-test=page-statistics]').waitFor()
    await page.locator('[data-test=stat-tab-promotion]').click()
    await page.locator('[data-test=stat-asof-promotion]').waitFor()
    await page.waitForFunction(() => Number(document.querySelector('[data-test=stat-chart-promotion]')?.dataset.points) > 0)
    const row = page.locator('[data-test=stat-table-promotion] .el-table__body tr', { hasText: '新品发布（发送测试）' })
    assert.match(await row.innerText(), /新品发布（发送测试）[\s\S]*\b2\b[\s\S]*\b1\b[\s\S]*50\.0%/)
    assert.match(await page.locator('[data-test=stat-kpi-sent]').innerText(), new RegExp(String(promo.totals.sent)))
    noErrors(page, 'a campaign sent')
    await page.context().close()
  } finally {
    await sink.stop()
  }
})
