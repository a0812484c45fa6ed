// Texts of the to-do centre (待办) and its menu badge, in Chinese and English.
// Merged into messages.js's tree by messages_extra.js's extendMessages().
export const todoMessages = {
  zh: {
    menu: { todos: '待办' },
    admin: {
      groups: { todo: '待办' },
      labels: { todo: { receivables_due_days: '提前几天提醒回款（含已逾期）', contracts_expiring_days: '合同到期前几天提醒', dates_ahead_days: '生日与纪念日提前几天提醒' } },
    },
    todo: {
      kinds: {
        followups_due: '待跟进', leads_new: '新线索', pool_soon: '即将进入公海', contracts_awaiting: '待审批合同',
        receivables_awaiting: '待审批回款', visit_plans_awaiting: '待审批拜访计划', receivables_due: '待回款',
        contracts_expiring: '即将到期合同', key_accounts_overdue: '重点客户待拜访', dates_upcoming: '生日与纪念日',
      },
      types: {
        customer: '客户', contact: '联系人', opportunity: '商机', task: '任务', lead: '线索', contract: '合同', receivable: '回款',
        activity: '拜访计划', plan: '回款计划', birthday: '生日', founding: '成立纪念日', first_deal: '首次成交纪念日', important_date: '重要日期',
      },
      total: '共 {n} 项待办', due: '日期', item: '事项', type: '类型', customer: '客户', overdue: '已逾期', today: '今天',
      done: '完成', snooze: '推迟', snoozeTitle: '推迟到哪一天？', snoozeHint: '日期格式 YYYY-MM-DD，须晚于今天',
      doneOk: '已标记完成', snoozeOk: '已推迟到 {d}', empty: '这里没有待办', more: '还有 {n} 项，显示前 {k} 项',
    },
  },
  en: {
    menu: { todos: 'To-dos' },
    admin: {
      groups: { todo: 'To-dos' },
      labels: { todo: { receivables_due_days: 'Days ahead to show payments due (and overdue ones)', contracts_expiring_days: 'Days before a contract ends to show it', dates_ahead_days: 'Days ahead to show birthdays and dates' } },
    },
    todo: {
      kinds: {
        followups_due: 'Follow-ups due', leads_new: 'New leads', pool_soon: 'Entering the pool soon', contracts_awaiting: 'Contracts to approve',
        receivables_awaiting: 'Receipts to approve', visit_plans_awaiting: 'Visit plans to approve', receivables_due: 'Receipts due',
        contracts_expiring: 'Contracts expiring', key_accounts_overdue: 'Key accounts to visit', dates_upcoming: 'Birthdays and dates',
      },
      types: {
        customer: 'Customer', contact: 'Contact', opportunity: 'Opportunity', task: 'Task', lead: 'Lead', contract: 'Contract', receivable: 'Receipt',
        activity: 'Visit plan', plan: 'Payment plan', birthday: 'Birthday', founding: 'Founding day', first_deal: 'First deal', important_date: 'Important date',
      },
      total: '{n} to-dos', due: 'Date', item: 'Item', type: 'Type', customer: 'Customer', overdue: 'Overdue', today: 'Today',
      done: 'Done', snooze: 'Snooze', snoozeTitle: 'Snooze until which day?', snoozeHint: 'A date as YYYY-MM-DD, after today',
      doneOk: 'Marked done', snoozeOk: 'Snoozed until {d}', empty: 'Nothing to do here', more: '{n} in all, the first {k} shown',
    },
  },
}
