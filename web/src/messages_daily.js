// Texts of the daily loop in Chinese and English: opportunities, orders,
// payments, products, the 360° view's actions and change history, the
// approval queue and the date check. Merged into messages.js's tree by
// messages_extra.js's extendMessages(), the core texts winning on a clash.
export const dailyMessages = {
  zh: {
    menu: { products: '产品', approvals: '审批' },
    field: {
      opportunity: {
        customer: '客户', name: '商机名称', amount: '金额', stage: '阶段', probability: '赢率', expected_close: '预计成交日期', closed_on: '结束日期',
        contact: '联系人', owner: '负责人', note: '备注', lost_reason: '输单原因', followup_count: '跟进次数', lines: '产品明细',
        last_contact_date: '最近联系日期', last_contact_note: '最近联系内容', next_contact_date: '下次联系日期',
      },
      order: { customer: '客户', date: '下单日期', amount: '金额', cost: '成本', status: '状态', channel: '渠道', note: '备注', owner: '负责人', lines: '明细' },
      payment: { customer: '客户', order: '订单', amount: '金额', due_date: '应付日期', paid_date: '实付日期' },
      product: { code: '编码', name: '产品名称', category: '类别', unit: '单位', unit_price: '单价', unit_cost: '单位成本', active: '在售' },
      customer: {
        last_contact_date: '最近联系日期', last_contact_note: '最近联系内容', next_contact_date: '下次联系日期', locked: '锁定',
        days_until_pool: '距离进入公海',
      },
      contact: { last_contact_date: '最近联系日期', last_contact_note: '最近联系内容', next_contact_date: '下次联系日期', customer: '客户' },
    },
    opp: { new: '新建商机', edit: '编辑商机', probabilityHint: '该阶段的赢率：{p}%', linesHint: '有产品明细时金额按明细合计计算', empty: '暂无商机', deleted: '商机已删除', deleteConfirm: '删除商机「{n}」？' },
    order: {
      new: '新建订单', edit: '编辑订单', product: '产品', addLine: '添加明细', removeLine: '删除', total: '合计', noLines: '没有明细时请填写金额',
      linesFixed: '订单明细在创建后不能修改', deleteConfirm: '删除 {d} 的订单（{a}）？', deleted: '订单已删除', empty: '暂无订单', pickProduct: '选择产品',
    },
    pay: {
      tab: '回款', new: '新建回款', edit: '编辑回款', empty: '暂无回款', deleteConfirm: '删除这笔 {a} 的回款？', deleted: '回款已删除',
      unpaid: '未回款', overdue: '已逾期', orderLabel: '{d} · {a}', needOrder: '先创建订单，再登记回款',
    },
    prod: {
      title: '产品', search: '按名称、编码或类别搜索', new: '新建产品', edit: '编辑产品', deactivate: '停用', activate: '启用',
      inactive: '已停用', readOnly: '只有经理和管理员可以修改产品', empty: '暂无产品', showInactive: '显示已停用', deactivated: '产品已停用', activated: '产品已启用',
    },
    act: {
      more: '更多操作', transfer: '转移', release: '放入公海', lock: '锁定', unlock: '解锁', delete: '删除客户',
      transferTitle: '转移客户「{n}」', to: '新负责人', releaseConfirm: '把「{n}」放入公海？放入后不再有负责人和共享。',
      deleteConfirm: '删除客户「{n}」？此操作不可撤销。', locked: '已锁定', lockedOk: '客户已锁定，不会被自动放入公海', unlockedOk: '客户已解锁',
      transferred: '已转移给 {u}', released: '已放入公海', deleted: '客户已删除', confirmOk: '确定', cancel: '取消', pickUser: '选择负责人',
      daysUntilPool: '{n} 天后进入公海', poolSoon: '即将进入公海',
    },
    hist: {
      tab: '操作记录', empty: '暂无操作记录', who: '操作人', when: '时间', action: '操作', what: '对象', changes: '变更', system: '系统', more: '加载更多',
      from: '原值', to: '新值', empty_value: '（空）',
      actions: {
        create: '新建', update: '修改', delete: '删除', transfer: '转移', share: '共享', release: '放入公海', claim: '认领', lock: '锁定', unlock: '解锁',
        approve: '审批通过', reject: '驳回', merge: '合并', merged_into: '被合并', pool_sweep: '自动进入公海', convert: '转化', import: '导入', restore: '恢复',
      },
      entities: { customer: '客户', contact: '联系人', order: '订单', opportunity: '商机', activity: '活动', payment: '回款计划', receivable_plan: '回款计划', contract: '合同', receivable: '回款', important_date: '重要日期', task: '任务', competitor: '竞争对手' },
    },
    appr: {
      title: '审批', empty: '没有待我审批的事项', approve: '通过', reject: '驳回', comment: '驳回意见', commentRequired: '请填写驳回意见',
      commentTooLong: '驳回意见最多 500 个字', rejectTitle: '驳回「{n}」', approved: '已审批通过', rejected: '已驳回', rejectedBy: '已驳回 · {name} · {date}：{c}',
      kinds: { visit_plan: '拜访计划' }, date: '拜访日期', customer: '客户', author: '拜访人', purpose: '拜访目的', count: '{n} 项',
    },
    date: { invalid: '日期无效：{v}（格式 YYYY-MM-DD，例如 2026-07-01）' },
  },
  en: {
    menu: { products: 'Products', approvals: 'Approvals' },
    field: {
      opportunity: {
        customer: 'Customer', name: 'Opportunity', amount: 'Amount', stage: 'Stage', probability: 'Probability', expected_close: 'Expected close', closed_on: 'Closed on',
        contact: 'Contact', owner: 'Owner', note: 'Note', lost_reason: 'Lost reason', followup_count: 'Follow-ups', lines: 'Product lines',
        last_contact_date: 'Last contact', last_contact_note: 'Last contact note', next_contact_date: 'Next contact',
      },
      order: { customer: 'Customer', date: 'Order date', amount: 'Amount', cost: 'Cost', status: 'Status', channel: 'Channel', note: 'Note', owner: 'Owner', lines: 'Lines' },
      payment: { customer: 'Customer', order: 'Order', amount: 'Amount', due_date: 'Due date', paid_date: 'Paid on' },
      product: { code: 'Code', name: 'Product', category: 'Category', unit: 'Unit', unit_price: 'Unit price', unit_cost: 'Unit cost', active: 'On sale' },
      customer: {
        last_contact_date: 'Last contact', last_contact_note: 'Last contact note', next_contact_date: 'Next contact', locked: 'Locked',
        days_until_pool: 'Until the pool',
      },
      contact: { last_contact_date: 'Last contact', last_contact_note: 'Last contact note', next_contact_date: 'Next contact', customer: 'Customer' },
    },
    opp: { new: 'New opportunity', edit: 'Edit opportunity', probabilityHint: 'Probability at this stage: {p}%', linesHint: 'With lines the amount is their sum', empty: 'No opportunities', deleted: 'Opportunity deleted', deleteConfirm: 'Delete the opportunity “{n}”?' },
    order: {
      new: 'New order', edit: 'Edit order', product: 'Product', addLine: 'Add a line', removeLine: 'Remove', total: 'Total', noLines: 'Without lines, give the amount',
      linesFixed: 'The lines of an order cannot change once it is created', deleteConfirm: 'Delete the order of {d} ({a})?', deleted: 'Order deleted', empty: 'No orders', pickProduct: 'Pick a product',
    },
    pay: {
      tab: 'Payments', new: 'New payment', edit: 'Edit payment', empty: 'No payments', deleteConfirm: 'Delete this payment of {a}?', deleted: 'Payment deleted',
      unpaid: 'Unpaid', overdue: 'Overdue', orderLabel: '{d} · {a}', needOrder: 'Create an order first, then record its payments',
    },
    prod: {
      title: 'Products', search: 'Search by name, code or category', new: 'New product', edit: 'Edit product', deactivate: 'Deactivate', activate: 'Activate',
      inactive: 'Inactive', readOnly: 'Only managers and admins may change products', empty: 'No products', showInactive: 'Show inactive', deactivated: 'Product deactivated', activated: 'Product activated',
    },
    act: {
      more: 'More', transfer: 'Transfer', release: 'Release to pool', lock: 'Lock', unlock: 'Unlock', delete: 'Delete customer',
      transferTitle: 'Transfer “{n}”', to: 'New owner', releaseConfirm: 'Release “{n}” into the public pool? It will have no owner and no shares.',
      deleteConfirm: 'Delete the customer “{n}”? This cannot be undone.', locked: 'Locked', lockedOk: 'Locked: the pool sweep passes it by', unlockedOk: 'Unlocked',
      transferred: 'Transferred to {u}', released: 'Released to the pool', deleted: 'Customer deleted', confirmOk: 'OK', cancel: 'Cancel', pickUser: 'Pick the owner',
      daysUntilPool: 'Goes to the pool in {n} days', poolSoon: 'Goes to the pool soon',
    },
    hist: {
      tab: 'History', empty: 'No changes yet', who: 'By', when: 'When', action: 'Action', what: 'Record', changes: 'Changes', system: 'System', more: 'Load more',
      from: 'From', to: 'To', empty_value: '(empty)',
      actions: {
        create: 'Created', update: 'Changed', delete: 'Deleted', transfer: 'Transferred', share: 'Shared', release: 'Released to pool', claim: 'Claimed', lock: 'Locked', unlock: 'Unlocked',
        approve: 'Approved', reject: 'Rejected', merge: 'Merged', merged_into: 'Merged into another', pool_sweep: 'Swept to pool', convert: 'Converted', import: 'Imported', restore: 'Restored',
      },
      entities: { customer: 'Customer', contact: 'Contact', order: 'Order', opportunity: 'Opportunity', activity: 'Activity', payment: 'Payment plan', receivable_plan: 'Payment plan', contract: 'Contract', receivable: 'Receipt', important_date: 'Important date', task: 'Task', competitor: 'Competitor' },
    },
    appr: {
      title: 'Approvals', empty: 'Nothing awaits my decision', approve: 'Approve', reject: 'Reject', comment: 'Why rejected', commentRequired: 'Say why it is rejected',
      commentTooLong: 'At most 500 characters', rejectTitle: 'Reject “{n}”', approved: 'Approved', rejected: 'Rejected', rejectedBy: 'Rejected · {name} · {date}: {c}',
      kinds: { visit_plan: 'Visit plans' }, date: 'Visit date', customer: 'Customer', author: 'Rep', purpose: 'Purpose', count: '{n}',
    },
    date: { invalid: 'Not a date: {v} (YYYY-MM-DD, e.g. 2026-07-01)' },
  },
}
