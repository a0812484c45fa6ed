// Texts of targets (业绩目标), rankings (排行榜) and the home pages of a rep and a
// manager, in Chinese and English. Merged into messages.js's tree by
// messages_extra.js's extendMessages(), the core texts winning on a clash.
export const targetsMessages = {
  zh: {
    menu: { home: '首页', targets: '业绩目标' },
    target: {
      metrics: { contracts: '合同金额', receipts: '回款金额', new_customers: '新增客户', followups: '跟进次数', visits: '拜访次数' },
      scopes: { rep: '销售', team: '团队', company: '公司' },
      periods: { month: '本月', quarter: '本季度', year: '本年' },
      months: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
      year: '年份', metric: '指标', team: '团队', company: '全公司', period: '期间', week: '周',
      target: '目标', actual: '实际', gap: '差距', rate: '完成率', reason: '原因', total: '全年合计', name: '名称',
      repsSum: '下属目标合计', notSet: '未设置', save: '保存', saved: '已保存', saveAll: '保存修改', unchanged: '没有修改',
      editHint: '每行 12 个月；金额单位为元，新增客户为个数。销售的目标由其上级设置。',
      fromReps: '团队未设目标，按成员目标合计',
      reasonPlaceholder: '未完成的原因', reasonSaved: '原因已保存', weekHint: '周目标 = 当月目标 × 本周工作日数 / 当月工作日数（周一至周五）',
    },
    home: {
      repTitle: '我的首页', managerTitle: '团队首页',
      todos: '我的待办', todosTotal: '共 {n} 项', openTodos: '查看待办',
      myTarget: '我的目标', teamTarget: '团队目标', completion: '完成 {p}', noTarget: '尚未设置目标',
      myRank: '我的排名', rankOf: '第 {r} 名 / 共 {n} 人', notRanked: '未参与排名',
      ranking: '排行榜', rank: '名次', rep: '销售', value: '数值',
      forecast: '预测', thisMonth: '本月', thisQuarter: '本季度', remaining: '剩余目标', weighted: '加权商机',
      pipelineCount: '{n} 个商机', coverage: '覆盖率', times: '{n} 倍', shortfall: '仍缺口', overdue: '已过预计成交日的商机 {n} 个，加权 {w}',
      chart: '目标与实际（按月）', weekly: '周销售进度表',
      links: '快捷入口', newCustomer: '新建客户', newVisit: '新建拜访', writeReport: '写日报', pipeline: '销售漏斗', targets: '业绩目标',
    },
  },
  en: {
    menu: { home: 'Home', targets: 'Targets' },
    target: {
      metrics: { contracts: 'Contract amount', receipts: 'Receipts', new_customers: 'New customers', followups: 'Follow-ups', visits: 'Visits' },
      scopes: { rep: 'Rep', team: 'Team', company: 'Company' },
      periods: { month: 'This month', quarter: 'This quarter', year: 'This year' },
      months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
      year: 'Year', metric: 'Metric', team: 'Team', company: 'Whole company', period: 'Period', week: 'Week',
      target: 'Target', actual: 'Actual', gap: 'Gap', rate: 'Completion', reason: 'Reason', total: 'Year total', name: 'Name',
      repsSum: 'Sum of members', notSet: 'Not set', save: 'Save', saved: 'Saved', saveAll: 'Save changes', unchanged: 'Nothing changed',
      editHint: 'Twelve months per row; amounts in yuan, new customers as a count. A rep\'s target is set by their superior.',
      fromReps: 'No team target: the members\' targets added up',
      reasonPlaceholder: 'Why the target was missed', reasonSaved: 'Reason saved', weekHint: 'Week target = month target × working days of the week / working days of the month (Mon–Fri)',
    },
    home: {
      repTitle: 'My home', managerTitle: 'Team home',
      todos: 'My to-dos', todosTotal: '{n} in all', openTodos: 'Open to-dos',
      myTarget: 'My target', teamTarget: 'Team target', completion: '{p} done', noTarget: 'No target set yet',
      myRank: 'My ranking', rankOf: 'No. {r} of {n}', notRanked: 'Not ranked',
      ranking: 'Ranking', rank: 'Rank', rep: 'Rep', value: 'Value',
      forecast: 'Forecast', thisMonth: 'This month', thisQuarter: 'This quarter', remaining: 'Target left', weighted: 'Weighted pipeline',
      pipelineCount: '{n} opportunities', coverage: 'Coverage', times: '{n}×', shortfall: 'Still short', overdue: '{n} opportunities past their expected close, weighted {w}',
      chart: 'Target and actual by month', weekly: 'Weekly sales progress',
      links: 'Quick links', newCustomer: 'New customer', newVisit: 'New visit', writeReport: 'Write a report', pipeline: 'Pipeline', targets: 'Targets',
    },
  },
}
