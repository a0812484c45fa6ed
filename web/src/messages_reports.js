// Texts of the daily and weekly reports (日报/周报) in Chinese and English:
// the page, its form and the team's view. Merged into messages.js's tree by
// messages_extra.js's extendMessages(), the core texts winning on a clash.
export const reportsMessages = {
  zh: {
    menu: { reports: '日报/周报' },
    enum: {
      report_kind: { daily: '日报', weekly: '周报' },
      report_status: { draft: '草稿', submitted: '已提交' },
    },
    field: {
      report: {
        kind: '类型', period_start: '日期', work_done: '工作内容', gains: '收获', losses: '失误/不足', improve: '如何改进',
        customer_feedback: '客户意见和建议', handling: '处理情况', reflection: '心得', plan: '计划', body: '评论', status: '状态', date: '日期',
      },
    },
    rep: {
      mine: '我的报告', team: '团队报告', kind: '类型', day: '日期', week: '周（从星期一开始）', open: '打开',
      planDaily: '明日计划', planWeekly: '下周计划', prefilled: '已根据本期记录预填，可修改', refill: '重新预填',
      facts: '本期记录', save: '保存草稿', submit: '提交', saved: '已保存', submittedOk: '已提交', submitConfirm: '提交后不能再修改，确定提交？',
      submittedAt: '提交于 {t}', submittedCol: '提交时间', readOnly: '已提交的报告不能修改', comments: '评论', noComments: '暂无评论', comment: '写评论…', send: '发表',
      commented: '已发表', readBy: '已读：{n}', notRead: '未读', history: '我的历史报告', empty: '暂无报告', author: '作者',
      missing: '未提交（{n}/{e}）', allIn: '全部已提交（{e} 人）', draftOf: '草稿', none: '未填写', close: '关闭',
      count: {
        activities: '活动 {n}', visit: '拜访 {n}', call: '电话 {n}', customers_contacted: '联系客户 {n}', followups: '跟进 {n}',
        orders: '订单 {n}', contracts_signed: '签约 {n}', contracts_approved: '合同通过 {n}', receipts: '回款 {n}',
        new_customers: '新客户 {n}', new_leads: '新线索 {n}', next_contacts: '待联系 {n}', tasks_due: '待办任务 {n}',
      },
    },
  },
  en: {
    menu: { reports: 'Reports' },
    enum: {
      report_kind: { daily: 'Daily', weekly: 'Weekly' },
      report_status: { draft: 'Draft', submitted: 'Submitted' },
    },
    field: {
      report: {
        kind: 'Kind', period_start: 'Date', work_done: 'Work done', gains: 'Gains', losses: 'Losses', improve: 'How to improve',
        customer_feedback: 'Customer opinions and suggestions', handling: 'How they were handled', reflection: 'Reflections', plan: 'Plan',
        body: 'Comment', status: 'Status', date: 'Date',
      },
    },
    rep: {
      mine: 'My reports', team: 'Team reports', kind: 'Kind', day: 'Day', week: 'Week (starting Monday)', open: 'Open',
      planDaily: 'Plan for tomorrow', planWeekly: 'Plan for next week', prefilled: 'Pre-filled from the period\'s records: edit freely', refill: 'Fill again',
      facts: 'Records of the period', save: 'Save draft', submit: 'Submit', saved: 'Saved', submittedOk: 'Submitted', submitConfirm: 'A submitted report cannot be changed. Submit it?',
      submittedAt: 'Submitted {t}', submittedCol: 'Submitted', readOnly: 'A submitted report cannot be changed', comments: 'Comments', noComments: 'No comments yet', comment: 'Write a comment…', send: 'Post',
      commented: 'Posted', readBy: 'Read by: {n}', notRead: 'Unread', history: 'My earlier reports', empty: 'No reports', author: 'Author',
      missing: 'Not submitted ({n}/{e})', allIn: 'Everyone has submitted ({e})', draftOf: 'draft', none: 'nothing written', close: 'Close',
      count: {
        activities: '{n} activities', visit: '{n} visits', call: '{n} calls', customers_contacted: '{n} customers contacted', followups: '{n} follow-ups',
        orders: '{n} orders', contracts_signed: '{n} contracts signed', contracts_approved: '{n} contracts approved', receipts: '{n} receipts',
        new_customers: '{n} new customers', new_leads: '{n} new leads', next_contacts: '{n} to contact', tasks_due: '{n} tasks due',
      },
    },
  },
}
