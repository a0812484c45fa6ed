// Texts of lead-to-cash in Chinese and English: contracts (合同), payment
// plans (回款计划), receipts (回款) and their approvals. Merged into
// messages.js's tree by messages_extra.js's extendMessages(), the core texts
// winning on a clash.
export const cashMessages = {
  zh: {
    menu: { contracts: '合同', receipts: '回款', approvals: '审批' },
    enum: {
      approval_status: { draft: '草稿', review: '审批中', approved: '已通过', rejected: '已驳回', cancelled: '已作废' },
      plan_status: { pending: '待回款', partly_paid: '部分回款', paid: '已回款', overdue: '已逾期' },
      receipt_method: { cheque: '支票', cash: '现金', postal: '邮政汇款', wire: '电汇', online: '网上转账', alipay: '支付宝', wechat: '微信支付', other: '其它' },
    },
    field: {
      contract: {
        number: '合同编号', name: '合同名称', customer: '客户', opportunity: '商机', owner: '负责人', signed_date: '签约日期',
        start_date: '开始日期', end_date: '结束日期', discount: '整单折扣（%）', total: '合同金额', customer_signer: '客户签约人',
        our_signer: '我方签约人', note: '备注', status: '状态', lines: '产品明细', submitted_at: '提交时间', approver: '审批人',
        decided_at: '审批时间', approval_comment: '审批意见', remaining: '可回款余额', order: '订单',
      },
      plan: {
        contract: '合同', period: '期数', amount: '计划回款金额', due_date: '计划回款日期', remind_days: '提前提醒天数', owner: '负责人',
        note: '备注', received: '已回款', paid_date: '回款完成日期', status: '状态', customer: '客户',
      },
      receipt: {
        number: '回款编号', contract: '合同', plan: '回款计划', customer: '客户', received_date: '回款日期', amount: '回款金额',
        method: '回款方式', owner: '负责人', note: '备注', status: '状态', approver: '审批人', approval_comment: '审批意见',
      },
    },
    cash: {
      contracts: '合同', newContract: '新建合同', editContract: '编辑合同', contractEmpty: '暂无合同', search: '按编号、名称或客户筛选',
      allStatuses: '全部状态', numberHint: '留空则自动生成', linesHint: '有明细时合同金额按明细合计减去折扣计算',
      subtotal: '明细合计', computedTotal: '合同金额（折后）', pickOpportunity: '选择该客户的商机', needCustomer: '请先选择客户',
      submit: '提交审批', approve: '通过', reject: '驳回', cancel: '作废', detail: '详情',
      submitted: '已提交审批', approved: '已审批通过', rejected: '已驳回', cancelled: '已作废',
      approveTitle: '通过「{n}」', rejectTitle: '驳回「{n}」', cancelTitle: '作废「{n}」',
      commentLabel: '审批意见（选填）', rejectLabel: '驳回意见（必填）', commentRequired: '请填写驳回意见', commentTooLong: '审批意见最多 500 个字',
      cancelConfirm: '作废后不能恢复。作废已通过的合同会同时取消它生成的订单。', deleteConfirm: '删除「{n}」？', deleted: '已删除',
      history: '审批记录', created: '创建', submittedAt: '提交审批', decidedAt: '审批', noDecision: '尚未审批', by: '审批人：{u}',
      plans: '回款计划', receipts: '回款', planEmpty: '暂无回款计划', receiptEmpty: '暂无回款', newPlan: '新建回款计划', editPlan: '编辑回款计划',
      newReceipt: '新建回款', editReceipt: '编辑回款', remaining: '可回款余额：{a}', needApproved: '只有审批通过的合同才能登记回款',
      periodLabel: '第 {n} 期', planLabel: '第 {n} 期 · {d} · {a}', contractLabel: '{num} · {name}',
      wonTitle: '创建合同？', wonAsk: '商机「{n}」已赢单。现在为它创建合同吗？', wonOk: '创建合同', wonNo: '以后再说',
      approvals: '审批', approvalsEmpty: '没有待我审批的事项', kindContracts: '合同', kindReceipts: '回款',
      mayDecide: '你可以审批', won: '成交 · {d}', order: '已生成订单 #{id}',
    },
  },
  en: {
    menu: { contracts: 'Contracts', receipts: 'Receipts', approvals: 'Approvals' },
    enum: {
      approval_status: { draft: 'Draft', review: 'In review', approved: 'Approved', rejected: 'Rejected', cancelled: 'Cancelled' },
      plan_status: { pending: 'Pending', partly_paid: 'Partly paid', paid: 'Paid', overdue: 'Overdue' },
      receipt_method: { cheque: 'Cheque', cash: 'Cash', postal: 'Postal order', wire: 'Wire transfer', online: 'Online transfer', alipay: 'Alipay', wechat: 'WeChat Pay', other: 'Other' },
    },
    field: {
      contract: {
        number: 'Number', name: 'Name', customer: 'Customer', opportunity: 'Opportunity', owner: 'Owner', signed_date: 'Signed on',
        start_date: 'Starts', end_date: 'Ends', discount: 'Discount (%)', total: 'Total', customer_signer: 'Customer signer',
        our_signer: 'Our signer', note: 'Note', status: 'Status', lines: 'Lines', submitted_at: 'Submitted', approver: 'Approver',
        decided_at: 'Decided', approval_comment: 'Comment', remaining: 'Remaining', order: 'Order',
      },
      plan: {
        contract: 'Contract', period: 'Period', amount: 'Amount due', due_date: 'Due date', remind_days: 'Remind days before', owner: 'Owner',
        note: 'Note', received: 'Received', paid_date: 'Paid on', status: 'Status', customer: 'Customer',
      },
      receipt: {
        number: 'Number', contract: 'Contract', plan: 'Payment plan', customer: 'Customer', received_date: 'Received on', amount: 'Amount',
        method: 'Method', owner: 'Owner', note: 'Note', status: 'Status', approver: 'Approver', approval_comment: 'Comment',
      },
    },
    cash: {
      contracts: 'Contracts', newContract: 'New contract', editContract: 'Edit contract', contractEmpty: 'No contracts', search: 'Filter by number, name or customer',
      allStatuses: 'All statuses', numberHint: 'Left blank: numbered automatically', linesHint: 'With lines the total is their sum less the discount',
      subtotal: 'Lines total', computedTotal: 'Total (after discount)', pickOpportunity: 'An opportunity of this customer', needCustomer: 'Choose the customer first',
      submit: 'Submit', approve: 'Approve', reject: 'Reject', cancel: 'Cancel it', detail: 'Details',
      submitted: 'Submitted for approval', approved: 'Approved', rejected: 'Rejected', cancelled: 'Cancelled',
      approveTitle: 'Approve "{n}"', rejectTitle: 'Reject "{n}"', cancelTitle: 'Cancel "{n}"',
      commentLabel: 'Comment (optional)', rejectLabel: 'Reason (required)', commentRequired: 'Give the reason for rejecting', commentTooLong: 'At most 500 characters',
      cancelConfirm: 'This cannot be undone. Cancelling an approved contract cancels its order too.', deleteConfirm: 'Delete "{n}"?', deleted: 'Deleted',
      history: 'Approval', created: 'Created', submittedAt: 'Submitted', decidedAt: 'Decided', noDecision: 'Not decided yet', by: 'By {u}',
      plans: 'Payment plans', receipts: 'Receipts', planEmpty: 'No payment plans', receiptEmpty: 'No receipts', newPlan: 'New payment plan', editPlan: 'Edit payment plan',
      newReceipt: 'New receipt', editReceipt: 'Edit receipt', remaining: 'Remaining: {a}', needApproved: 'Only an approved contract takes receipts',
      periodLabel: 'Period {n}', planLabel: 'Period {n} · {d} · {a}', contractLabel: '{num} · {name}',
      wonTitle: 'Create the contract?', wonAsk: 'Opportunity "{n}" is won. Create its contract now?', wonOk: 'Create contract', wonNo: 'Later',
      approvals: 'Approvals', approvalsEmpty: 'Nothing awaits your approval', kindContracts: 'Contracts', kindReceipts: 'Receipts',
      mayDecide: 'You may decide', won: 'Won · {d}', order: 'Order #{id} made',
    },
  },
}
