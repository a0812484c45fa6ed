// Lead to cash in the browser: a rep writes a contract on the 360° view and
// submits it; the manager approves it from the 审批 queue with a comment; the
// customer is won and the contract's order is in its 订单 tab; the rep adds a
// payment plan and a receipt past the contract (refused with what remains,
// beside the amount), then one within it, submitted and approved by the
// manager: the plan is partly paid. The 合同 page in English.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, noErrors, login, shot, settle, field, choose, pick, apiOf } from './harness.mjs'

const suite = demoSuite()
const path = (r) => new URL(r.url()).pathname
const answer = (page, p, method) => page.waitForResponse((r) => path(r) === '/api/v1' + p && r.request().method() === method)
const box = (page) => page.locator('.el-message-box:visible')
// An option of a select inside one dialog (the page keeps closed dialogs' forms).
async function chooseIn(page, dlg, id, text) {
  await pick(page, dlg.locator(`[data-test=${id}]`), text)
}

// Approve (or reject) from the approval queue's tab, with a comment.
async function decide(page, tab, text, verb, comment) {
  await page.goto('/approvals')
  await page.locator('[data-test=page-approvals]').waitFor()
  await settle(page)
  await page.locator(`#tab-${tab}`).click()
  const row = page.locator(`[data-test=approvals-${tab}] .el-table__row`, { hasText: text })
  await row.waitFor()
  await row.locator(`[data-test=appr-${verb}]`).click()
  await box(page).locator('textarea').fill(comment)
  return row
}

test('a contract and its receipts from the 360° view through approval to a paid plan', async () => {
  const rep = await suite.page()
  await login(rep, 'wangwei')
  const api = await apiOf(rep)
  const customer = await api.post('/customers', { name: '杭州合同测试科技有限公司' })
  const product = (await api.get('/products?active=true&sort=name&per_page=1')).items[0]

  // The rep: a contract of ten of a product at 800.00, 10% off.
  await rep.goto(`/customers/${customer.id}`)
  await rep.locator('[data-test=customer-view]').waitFor()
  await settle(rep)
  assert.equal(await rep.locator('[data-test=customer-won]').count(), 0)
  await rep.locator('#tab-contracts').click()
  await rep.locator('[data-test=contract-table]', { hasText: '暂无合同' }).waitFor()
  await rep.locator('[data-test=contract-new]').click()
  const dlg = rep.locator('[data-test=contract-dialog]:visible')
  await dlg.waitFor()
  assert.equal(await dlg.locator('[data-test=cd-customer-name]').innerText(), customer.name)
  await field(rep, 'cd-name').fill('年度采购合同')
  await field(rep, 'cd-discount').fill('10')
  await dlg.locator('[data-test=cd-add-line]').click()
  const line = dlg.locator('[data-test=cd-line]').first()
  await pick(rep, line.locator('[data-test=cd-line-product]'), product.name)
  await field(rep, 'cd-line-quantity').fill('10')
  await field(rep, 'cd-line-price').fill('800')
  assert.equal((await dlg.locator('[data-test=cd-total]').innerText()).replace(/[¥,]/g, ''), '7200.00')
  await shot(rep, 'cash-01-contract-form')
  const posted = answer(rep, '/contracts', 'POST')
  await dlg.locator('[data-test=cd-submit]').click()
  const res = await posted
  assert.equal(res.status(), 201, await res.text())
  const k = await api.get(`/contracts/${(await res.json()).id}`)
  assert.deepEqual([k.customer, k.name, k.total, k.discount, k.status, k.lines.length], [customer.id, '年度采购合同', '7200.00', '10.00', 'draft', 1])
  assert.match(k.number, /^HT\d{8}\d{3}$/)

  const row = rep.locator('[data-test=contract-table] .el-table__row', { hasText: k.number })
  await row.getByText('草稿').waitFor()
  // A rep decides nothing of their own: no 通过 offered.
  assert.equal(await row.locator('[data-test=contract-approve]').count(), 0)
  const submitted = answer(rep, `/contracts/${k.id}/submit`, 'POST')
  await row.locator('[data-test=contract-submit]').click()
  assert.equal((await submitted).status(), 200)
  await row.getByText('审批中').waitFor()
  assert.equal(await row.locator('[data-test=contract-edit]').count(), 0)
  await shot(rep, 'cash-02-submitted')

  // The manager: the queue holds it; approve with a comment.
  const mgr = await suite.page()
  await login(mgr, 'manager')
  const mrow = await decide(mgr, 'contracts', k.number, 'approve', '价格合理，同意')
  assert.match(await mrow.innerText(), /7,200\.00/)
  await shot(mgr, 'cash-03-approval-queue')
  const approved = answer(mgr, `/contracts/${k.id}/approve`, 'POST')
  await box(mgr).locator('.el-button--primary').click()
  assert.equal((await approved).status(), 200)
  await mgr.locator('[data-test=approvals-contracts]', { hasText: '没有待我审批的事项' }).waitFor()
  const after = await (await apiOf(mgr)).get(`/contracts/${k.id}`)
  assert.deepEqual([after.status, after.approval_comment, after.approver === (await (await apiOf(mgr)).get('/me')).id], ['approved', '价格合理，同意', true])
  assert.ok(after.order)

  // The customer is won; the contract's order is in its 订单 tab; the detail shows the decision.
  await rep.goto(`/customers/${customer.id}`)
  await rep.locator('[data-test=customer-won]').waitFor()
  await rep.locator('#tab-orders').click()
  await rep.locator('[data-test=order-table] .el-table__row', { hasText: '7,200.00' }).waitFor()
  await rep.locator('#tab-contracts').click()
  await row.getByText('已通过').waitFor()
  await row.locator('[data-test=contract-open]').click()
  const detail = rep.locator('[data-test=contract-detail]')
  await detail.locator('[data-test=cdt-comment]', { hasText: '价格合理，同意' }).waitFor()
  await detail.locator('[data-test=cdt-order]').waitFor()
  // the customer by name, not by id
  await detail.locator('.el-descriptions', { hasText: customer.name }).first().waitFor()
  await shot(rep, 'cash-04-approved')
  await rep.keyboard.press('Escape')

  // The rep on the 回款 page: one plan of the whole total.
  await rep.goto('/receipts')
  await rep.locator('[data-test=receipts-page]').waitFor()
  await settle(rep)
  await rep.locator('[data-test=plan-new]').click()
  const rd = rep.locator('[data-test=record-dialog]:visible')
  await rd.waitFor()
  await choose(rep, 'rd-contract', k.number)
  await field(rep, 'rd-period').fill('1')
  await field(rep, 'rd-amount').fill('7200')
  await field(rep, 'rd-due_date').fill('2026-12-31')
  await field(rep, 'rd-due_date').press('Enter')
  const planPosted = answer(rep, '/receivable_plans', 'POST')
  await rd.locator('[data-test=rd-submit]').click()
  const pres = await planPosted
  assert.equal(pres.status(), 201, await pres.text())
  const plan = await pres.json()
  assert.deepEqual([plan.contract, plan.customer, plan.period, plan.status], [k.id, customer.id, 1, 'pending'])

  // A receipt past the contract: refused, with what remains beside the amount.
  await rep.locator('#tab-receipts').click()
  await rep.locator('[data-test=receipt-new]').click()
  const rr = rep.locator('[data-test=record-dialog]:visible')
  await rr.waitFor()
  await chooseIn(rep, rr, 'rd-contract', k.number)
  await chooseIn(rep, rr, 'rd-plan', '2026-12-31')
  await field(rr, 'rd-amount').fill('8000')
  await chooseIn(rep, rr, 'rd-method', '电汇')
  const refused = answer(rep, '/receivables', 'POST')
  await rr.locator('[data-test=rd-submit]').click()
  assert.equal((await refused).status(), 400)
  const why = rr.locator('.el-form-item', { has: rep.locator('[data-test=rd-amount]') }).locator('.el-form-item__error')
  await why.waitFor()
  assert.match(await why.innerText(), /7200\.00/)
  // The refusal is the one console error (the browser logs the 400), and the only one.
  assert.deepEqual(rep.errors.splice(0), ['Failed to load resource: the server responded with a status of 400 (Bad Request)'])
  await shot(rep, 'cash-05-receipt-refused')
  await field(rr, 'rd-amount').fill('3000')
  const ok = answer(rep, '/receivables', 'POST')
  await rr.locator('[data-test=rd-submit]').click()
  const rres = await ok
  assert.equal(rres.status(), 201, await rres.text())
  const receipt = await rres.json()
  assert.deepEqual([receipt.status, receipt.plan, receipt.method, receipt.amount], ['draft', plan.id, 'wire', '3000.00'])
  const rrow = rep.locator('[data-test=receipt-table] .el-table__row', { hasText: receipt.number })
  await rrow.getByText('草稿').waitFor()
  const rsub = answer(rep, `/receivables/${receipt.id}/submit`, 'POST')
  await rrow.locator('[data-test=receipt-submit]').click()
  assert.equal((await rsub).status(), 200)
  await rrow.getByText('审批中').waitFor()

  // The manager approves the receipt; the rep's plan is partly paid.
  await decide(mgr, 'receipts', receipt.number, 'approve', '已到账')
  const rapp = answer(mgr, `/receivables/${receipt.id}/approve`, 'POST')
  await box(mgr).locator('.el-button--primary').click()
  assert.equal((await rapp).status(), 200)
  await mgr.locator('[data-test=approvals-receipts]', { hasText: '没有待我审批的事项' }).waitFor()
  await shot(mgr, 'cash-06-receipt-approved')
  await rep.goto('/receipts')
  await settle(rep)
  const prow = rep.locator('[data-test=plan-table] .el-table__row', { hasText: '2026-12-31' })
  await prow.getByText('部分回款').waitFor()
  assert.match(await prow.innerText(), /3,000\.00/)
  await shot(rep, 'cash-07-plan-paid')
  const p = await api.get(`/receivable_plans/${plan.id}`)
  assert.deepEqual([p.received, p.status], ['3000.00', 'partly_paid'])

  // The labels switch to English.
  await rep.locator('[data-test=lang-switch]').click()
  await rep.goto('/contracts')
  await rep.locator('[data-test=contracts-page]').waitFor()
  await settle(rep)
  await rep.locator('[data-test=menu-contracts]', { hasText: 'Contracts' }).waitFor()
  await rep.locator('[data-test=contract-table] .el-table__row', { hasText: k.number }).getByText('Approved').waitFor()
  await rep.locator('[data-test=contract-table] th', { hasText: 'Signed on' }).waitFor()
  noErrors(rep, 'the rep’s contract and receipts')
  noErrors(mgr, 'the approval queue')
  await rep.context().close()
  await mgr.context().close()
})

test('an opportunity won on the pipeline offers its contract, prefilled from it', async () => {
  const page = await suite.page()
  await login(page, 'wangwei')
  const api = await apiOf(page)
  const me = await api.get('/me')
  const customer = (await api.get(`/customers?owner=${me.id}&per_page=1`)).items[0]
  // the largest amount, so it is on the stage's first page
  const opp = await api.post('/opportunities', { customer: customer.id, owner: me.id, name: '赢单合同商机', stage: 'negotiation', amount: '99999997.00' })
  await page.goto('/pipeline')
  const oppCard = page.locator(`[data-test=stage-negotiation] [data-test=opp-card][data-id="${opp.id}"]`)
  await oppCard.waitFor()
  await settle(page)
  await oppCard.dragTo(page.locator('[data-test=stage-won] .cards'))
  const patched = answer(page, `/opportunities/${opp.id}`, 'PATCH')
  await page.locator('.el-message-box.pipe-confirm .el-button--primary').click()
  assert.equal((await patched).status(), 200)

  // The offer: 以后再说 would leave it; 创建合同 opens the form, prefilled.
  const offer = page.locator('.el-message-box:visible', { hasText: '赢单合同商机' })
  await offer.locator('.el-message-box__title', { hasText: '创建合同？' }).waitFor()
  await shot(page, 'cash-00-won-offer')
  await offer.locator('.el-button--primary', { hasText: '创建合同' }).click()
  const dlg = page.locator('[data-test=contract-dialog]:visible')
  await dlg.waitFor()
  // no lines on the opportunity: the total is its amount, to be typed over
  assert.equal(await dlg.locator('input[data-test=cd-total-input]').inputValue(), '99999997.00')
  const created = answer(page, '/contracts', 'POST')
  await dlg.locator('[data-test=cd-submit]').click()
  assert.equal((await created).status(), 201)
  const list = await api.get(`/contracts?customer=${customer.id}&per_page=100`)
  const k = list.items.find((c) => c.opportunity === opp.id)
  assert.ok(k, 'the contract names the won opportunity')
  assert.deepEqual([k.status, k.total, k.name, k.customer], ['draft', '99999997.00', '赢单合同商机', customer.id])
  assert.match(k.number, /^HT\d{8}\d{3}$/)
  noErrors(page, 'the won offer')
  await page.context().close()
})
