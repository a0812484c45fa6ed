// The customer and contact fields the pages show and edit, grouped by the
// information level of DOMAIN §1 (mirrors src/service/fields.c). Types:
// text, long, enum (values from i18n enum.<kind>), bool, date, money, int, phone.
export const customerLevels = {
  1: [
    ['name', 'text'], ['credit_code', 'text'], ['grade', 'enum', 'grade'], ['nature', 'enum', 'nature'], ['segment', 'enum', 'segment'],
    ['source', 'enum', 'source'], ['size', 'enum', 'size'], ['employees', 'int'], ['region', 'text'],
    ['address', 'text'], ['phone', 'phone'], ['email', 'text'], ['website', 'text'], ['founded_on', 'date'],
    ['main_business', 'text'], ['business_field', 'text'], ['technology', 'long'], ['org_structure', 'long'],
    ['department_heads', 'long'], ['history', 'long'], ['current_projects', 'long'], ['operating_condition', 'long'],
    ['goals', 'long'], ['opinions', 'long'], ['problems_needs', 'long'],
    ['brand_loyalty', 'enum', 'brand_loyalty'], ['price_driven', 'bool'], ['key_account', 'bool'],
    ['key_account_face', 'enum', 'key_account_face'], ['visit_cadence_days', 'int'],
    ['accept_brand_known', 'bool'], ['accept_product_line', 'bool'], ['accept_price_transparent', 'bool'],
    ['accept_margin', 'bool'], ['accept_end_client', 'bool'], ['accept_supply_repair', 'bool'],
  ],
  2: [
    ['purchase_budget', 'money'], ['project_schedule', 'long'], ['decision_process', 'long'],
    ['other_suppliers', 'long'], ['main_competitors', 'long'],
  ],
  3: [
    ['decision_maker_background', 'long'], ['tech_lead_background', 'long'], ['supervisor_background', 'long'],
    ['decision_maker_relations', 'long'], ['competitor_relations', 'long'], ['related_parties', 'long'],
  ],
}

export const contactFields = [
  ['name', 'text'], ['gender', 'enum', 'gender'], ['title', 'text'], ['department', 'text'],
  ['mobile', 'phone'], ['phone', 'phone'], ['email', 'text'], ['wechat', 'text'], ['birthday', 'date'],
  ['role', 'enum', 'role'], ['level', 'enum', 'level'], ['function', 'enum', 'function'],
  ['reports_to', 'contact'], ['hometown', 'text'], ['ethnicity', 'text'], ['address', 'text'],
  ['education', 'long'], ['work_history', 'long'],
  ['warmth', 'enum', 'warmth'], ['humility', 'enum', 'humility'], ['kindness', 'enum', 'kindness'], ['dominance', 'enum', 'dominance'],
  ['family', 'long'], ['hobbies', 'long'], ['personality', 'long'], ['notes', 'long'],
]

// The records of the daily loop (src/service/fields.c): what their forms edit.
// Types beyond the customer's: contact, user (an account in scope), select
// (options given by the page), customer (a search picker).
export const opportunityFields = [
  ['name', 'text'], ['amount', 'money'], ['stage', 'enum', 'stage'], ['lost_reason', 'text'], ['expected_close', 'date'],
  ['contact', 'contact'], ['owner', 'user'], ['note', 'long'],
]
export const orderFields = [['date', 'date'], ['status', 'enum', 'order_status'], ['channel', 'text'], ['note', 'long']]
export const paymentFields = [['order', 'select'], ['amount', 'money'], ['due_date', 'date'], ['paid_date', 'date']]
export const productFields = [
  ['name', 'text'], ['code', 'text'], ['category', 'text'], ['unit', 'text'], ['unit_price', 'money'], ['unit_cost', 'money'], ['active', 'bool'],
]
// Read-only follow-up fields, set by done activities.
export const followupFields = [['last_contact_date', 'date'], ['last_contact_note', 'text'], ['next_contact_date', 'date']]

// Fields of a level the caller may see: the API leaves out the rest, so a
// level whose fields are all absent is not shown at all.
export function visibleFields(obj, level) {
  return customerLevels[level].filter(([name]) => obj && Object.prototype.hasOwnProperty.call(obj, name))
}

// Lead-to-cash (合同, 回款计划, 回款): what their forms edit. A contract's
// customer, lines and total are laid out by ContractDialog itself.
export const contractFields = [
  ['name', 'text'], ['number', 'text'], ['opportunity', 'select'], ['signed_date', 'date'], ['start_date', 'date'], ['end_date', 'date'],
  ['discount', 'text'], ['customer_signer', 'select'], ['our_signer', 'user'], ['owner', 'user'], ['note', 'long'],
]
export const planFields = [
  ['contract', 'select'], ['period', 'int'], ['amount', 'money'], ['due_date', 'date'], ['remind_days', 'int'], ['owner', 'user'], ['note', 'long'],
]
export const receiptFields = [
  ['contract', 'select'], ['plan', 'select'], ['received_date', 'date'], ['amount', 'money'], ['method', 'enum', 'receipt_method'], ['owner', 'user'], ['note', 'long'],
]
