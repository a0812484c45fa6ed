// Browser tests of the paged pipeline (GET /pipeline): each stage shows the
// server's count and amount of the whole stage in the caller's scope and its
// first 20 cards by amount; more come by the stage's button or by scrolling
// the column, in list order and without repeats; a card moved by its menu
// after paging carries its amount to the other stage's totals; a move asks
// first, a move to 输单 asks for the lost reason, and a move the API refuses
// goes back with the API's message; labels in 中文 and English.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, login, shot, settle, choose, apiOf } from './harness.mjs'

const suite = demoSuite()
const PAGE = 20

const column = (page, stage) => page.locator(`[data-test=stage-${stage}]`)
const cardIds = (page, stage) => column(page, stage).locator('[data-test=opp-card]')
  .evaluateAll((els) => els.map((e) => Number(e.dataset.id)))
const shownCount = async (page, stage) => Number(await column(page, stage).locator('[data-test=stage-count]').innerText())
const shownAmount = (page, stage) => column(page, stage).locator('[data-test=stage-amount]').getAttribute('data-yuan')
const cents = (yuan) => Math.round(Number(yuan) * 100)
const yuanOf = (items) => (items.reduce((n, o) => n + cents(o.amount ?? 0), 0) / 100).toFixed(2)

const confirmBox = (page) => page.locator('.el-message-box.pipe-confirm')
const card = (page, stage, id) => column(page, stage).locator(`[data-test=opp-card][data-id="${id}"]`)
const patched = (page, id, status) => page.waitForResponse((r) => r.url().endsWith(`/opportunities/${id}`) &&
  r.request().method() === 'PATCH' && r.status() === status)

async function waitCards(page, stage, n) {
  await page.waitForFunction(([s, k]) => document.querySelectorAll(`[data-test=stage-${s}] [data-test=opp-card]`).length === k, [stage, n])
}

test('a rep pages a stage by button and by scrolling; a moved card moves the totals; 中文 and English', async () => {
  const page = await suite.page()
  await login(page, 'wangwei')
  const api = await apiOf(page)
  const me = await api.get('/me')
  const customer = (await api.get(`/customers?owner=${me.id}&per_page=1`)).items[0]
  for (let i = 0; i < 45; i++) {
    await api.post('/opportunities', { customer: customer.id, owner: me.id, name: `分页商机 ${i}`, stage: 'negotiation', amount: `${1000 + i * 37}.50`, probability: 75 })
  }
  const all = (await api.get('/opportunities?stage=negotiation&sort=-amount&per_page=500'))
  assert.ok(all.total > 2 * PAGE && all.total <= 3 * PAGE, `negotiation has ${all.total}`)
  const ids = all.items.map((o) => o.id)

  await page.goto('/pipeline')
  await column(page, 'negotiation').locator('[data-test=opp-card]').first().waitFor()
  await settle(page)
  // The stage's totals are the whole stage's, the cards its first page.
  assert.equal(await shownCount(page, 'negotiation'), all.total)
  assert.equal(await shownAmount(page, 'negotiation'), yuanOf(all.items))
  assert.deepEqual(await cardIds(page, 'negotiation'), ids.slice(0, PAGE))
  const more = column(page, 'negotiation').locator('[data-test=stage-more]')
  assert.equal((await more.innerText()).trim(), `加载更多（已显示 ${PAGE} / ${all.total} 个）`)
  for (const stage of ['lead', 'won']) {
    const list = await api.get(`/opportunities?stage=${stage}&per_page=1`)
    assert.equal(await shownCount(page, stage), list.total, stage)
  }
  await shot(page, 'pipeline-paged-01')

  // The button loads the next 20, in list order. (Clicked where it is: scrolling
  // it into view would load the next page by the column's scroll first.)
  await more.dispatchEvent('click')
  await waitCards(page, 'negotiation', 2 * PAGE)
  assert.deepEqual(await cardIds(page, 'negotiation'), ids.slice(0, 2 * PAGE))

  // In English the button and the totals line say so.
  await page.locator('[data-test=lang-switch]').click()
  await more.filter({ hasText: `Load more (${2 * PAGE} of ${all.total} shown)` }).waitFor()
  await page.locator('[data-test=pipeline-total]', { hasText: 'Total' }).waitFor()
  await shot(page, 'pipeline-paged-02-english')

  // Scrolling the column to its end loads the rest; then the button goes.
  await column(page, 'negotiation').locator('.cards').evaluate((el) => { el.scrollTop = el.scrollHeight })
  await waitCards(page, 'negotiation', all.total)
  assert.deepEqual(await cardIds(page, 'negotiation'), ids)
  assert.equal(await more.count(), 0)

  // The last card (of the last page) moves to won by its menu: the totals follow.
  const last = all.items[all.items.length - 1]
  const wonBefore = await api.get('/opportunities?stage=won&per_page=500')
  const card = column(page, 'negotiation').locator(`[data-test=opp-card][data-id="${last.id}"]`)
  await card.locator('[data-test=opp-move]').click()
  await page.locator('[data-test=move-menu] [data-test=move-won]').click()
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/opportunities/${last.id}`) && r.request().method() === 'PATCH' && r.status() === 200),
    confirmBox(page).locator('.el-button--primary').click(),
  ])
  await column(page, 'won').locator(`[data-test=opp-card][data-id="${last.id}"]`).waitFor()
  assert.equal(await shownCount(page, 'negotiation'), all.total - 1)
  assert.equal(await shownAmount(page, 'negotiation'), yuanOf(all.items.slice(0, -1)))
  assert.equal(await shownCount(page, 'won'), wonBefore.total + 1)
  assert.equal(await shownAmount(page, 'won'), yuanOf([...wonBefore.items, last]))
  assert.equal((await api.get(`/opportunities/${last.id}`)).stage, 'won')
  await shot(page, 'pipeline-paged-03-moved')

  // After a reload the server's totals agree with what the board showed.
  await page.reload()
  await column(page, 'won').locator('[data-test=opp-card]').first().waitFor()
  await settle(page)
  assert.equal(await shownCount(page, 'negotiation'), all.total - 1)
  assert.equal(await shownCount(page, 'won'), wonBefore.total + 1)
  noErrors(page, 'paged pipeline')
  await page.context().close()
})

test('a manager filters the board by owner: totals and cards of that owner only', async () => {
  const page = await suite.page()
  await login(page, 'manager')
  const api = await apiOf(page)
  await page.goto('/pipeline')
  await page.locator('[data-test=opp-card]').first().waitFor()
  await settle(page)
  const rep = (await api.get('/users/directory')).items.find((u) => u.login === 'wangwei')
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/pipeline') && r.url().includes(`owner=${rep.id}`)),
    choose(page, 'pipeline-owner', rep.display_name),
  ])
  await settle(page)
  for (const stage of ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']) {
    const list = await api.get(`/opportunities?stage=${stage}&owner=${rep.id}&sort=-amount&per_page=500`)
    assert.equal(await shownCount(page, stage), list.total, stage)
    assert.deepEqual(await cardIds(page, stage), list.items.slice(0, PAGE).map((o) => o.id), stage)
  }
  noErrors(page, 'pipeline by owner')
  await page.context().close()
})

test('a drop asks first; a drop on 输单 asks for the reason; a refusal puts the card back', async () => {
  const page = await suite.page()
  await login(page, 'wangwei')
  const api = await apiOf(page)
  const me = await api.get('/me')
  const customer = (await api.get(`/customers?owner=${me.id}&per_page=1`)).items[0]
  // the largest amounts, so both are on the stage's first page
  const a = await api.post('/opportunities', { customer: customer.id, owner: me.id, name: '确认商机甲', stage: 'proposal', amount: '99999999.00' })
  const b = await api.post('/opportunities', { customer: customer.id, owner: me.id, name: '确认商机乙', stage: 'proposal', amount: '99999998.00' })
  assert.equal(a.probability, 50)
  await page.goto('/pipeline')
  await card(page, 'proposal', a.id).waitFor()
  await settle(page)
  let patches = 0
  page.on('request', (r) => { if (r.method() === 'PATCH') patches++ })

  // Cancelled: nothing moves, nothing is sent.
  await card(page, 'proposal', a.id).dragTo(column(page, 'qualified'))
  await confirmBox(page).waitFor()
  assert.match(await confirmBox(page).innerText(), /确认商机甲[\s\S]*方案[\s\S]*已确认/)
  await shot(page, 'pipeline-confirm-01')
  await confirmBox(page).locator('.el-message-box__btns button', { hasText: '取消' }).click()
  await confirmBox(page).waitFor({ state: 'hidden' })
  await card(page, 'proposal', a.id).waitFor()
  assert.equal(await card(page, 'qualified', a.id).count(), 0)
  assert.equal(patches, 0)

  // Confirmed: moved, with the stage's probability.
  await card(page, 'proposal', a.id).dragTo(column(page, 'qualified'))
  await Promise.all([patched(page, a.id, 200), confirmBox(page).locator('.el-button--primary').click()])
  await card(page, 'qualified', a.id).waitFor()
  const moved = await api.get(`/opportunities/${a.id}`)
  assert.equal(moved.stage, 'qualified')
  assert.equal(moved.probability, 20)

  // On 输单 the box asks for the reason and will not take a blank one.
  await card(page, 'qualified', a.id).dragTo(column(page, 'lost'))
  await confirmBox(page).locator('input').waitFor()
  assert.match(await confirmBox(page).innerText(), /输单原因/)
  await confirmBox(page).locator('.el-button--primary').click()
  await confirmBox(page).locator('.el-message-box__errormsg', { hasText: '请填写输单原因' }).waitFor()
  assert.equal(patches, 1)
  await shot(page, 'pipeline-confirm-02-lost-reason')
  await confirmBox(page).locator('input').fill('价格太高')
  await Promise.all([patched(page, a.id, 200), confirmBox(page).locator('.el-button--primary').click()])
  await card(page, 'lost', a.id).locator('[data-test=opp-lost-reason]', { hasText: '输单原因：价格太高' }).waitFor()
  const lost = await api.get(`/opportunities/${a.id}`)
  assert.deepEqual([lost.stage, lost.probability, lost.lost_reason], ['lost', 0, '价格太高'])
  const history = (await api.get(`/opportunities/${a.id}/stages`)).items
  assert.deepEqual(history.map((h) => [h.from_stage, h.to_stage]),
    [[null, 'proposal'], ['proposal', 'qualified'], ['qualified', 'lost']])
  assert.ok(history.every((h) => h.user === me.id))

  // The API refuses a reason over 500 characters: the card goes back, the message shows.
  page.allow(/400/)
  const countBefore = await shownCount(page, 'proposal')
  await card(page, 'proposal', b.id).dragTo(column(page, 'lost'))
  await confirmBox(page).locator('input').fill('长'.repeat(501))
  await Promise.all([patched(page, b.id, 400), confirmBox(page).locator('.el-button--primary').click()])
  // In 中文, the field's label before the message, not its API name.
  await page.locator('.el-message--error', { hasText: '输单原因：超过 500 个字符' }).waitFor()
  await card(page, 'proposal', b.id).waitFor()
  assert.equal(await card(page, 'lost', b.id).count(), 0)
  assert.equal(await shownCount(page, 'proposal'), countBefore)
  assert.equal((await api.get(`/opportunities/${b.id}`)).stage, 'proposal')
  await shot(page, 'pipeline-confirm-03-refused')

  // In English the box says so.
  await page.locator('[data-test=lang-switch]').click()
  await card(page, 'proposal', b.id).dragTo(column(page, 'negotiation'))
  await confirmBox(page).locator('.el-message-box__title', { hasText: 'Change the stage' }).waitFor()
  assert.match(await confirmBox(page).innerText(), /Move “确认商机乙” from “Proposal” to “Negotiation”\?/)
  await confirmBox(page).locator('.el-message-box__btns button', { hasText: 'Cancel' }).click()
  await card(page, 'proposal', b.id).waitFor()
  noErrors(page, 'pipeline confirm')
  await page.context().close()
})
