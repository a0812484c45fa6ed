// Texts of the dashboard, pipeline and settings pages, in Chinese and
// English, merged into messages.js's tree by extendMessages(): the core
// texts win on a clash, so these files can grow independently.
// Setting keys have dots ("abc.a_share"), which t() reads as a path.
import { dailyMessages } from './messages_daily.js'
import { cashMessages } from './messages_cash.js'
import { reportsMessages } from './messages_reports.js'
import { todoMessages } from './messages_todos.js'
import { statisticsMessages } from './messages_statistics.js'
import { targetsMessages } from './messages_targets.js'
import { commsMessages } from './messages_comms.js'
import { campaignMessages } from './messages_campaigns.js'

function nest(flat) {
  const out = {}
  // Every dot a level, as t() looks keys up: stage.probability.lead too.
  for (const [k, v] of Object.entries(flat)) {
    const parts = k.split('.')
    let at = out
    for (const p of parts.slice(0, -1)) at = at[p] ||= {}
    at[parts[parts.length - 1]] = v
  }
  return out
}

export const extraMessages = {
  zh: {
    imp: {
      type: '导入类型', mode: '导入方式', partial: '跳过错误行，导入其余行', file: '选择文件（CSV）', template: '下载导入模板',
      types: { customers: '客户', contacts: '联系人', products: '产品', orders: '订单', activities: '活动', opportunities: '商机' },
      modes: { create: '仅新建（已存在则拒绝）', update: '仅更新（不存在则拒绝）', upsert: '新建并更新' },
      preview: '列对应与前几行预览', header: '表头', field: '对应字段', ignored: '忽略', start: '开始导入', dryRun: '试运行（不修改数据）',
      running: '导入中…', rows: '已读 {n} 行', done: '完成', failed: '失败',
      result: '读取 {rows} 行：新建 {created}，更新 {updated}，未变 {skipped}，拒绝 {rejected}', rejects: '下载拒绝行文件',
      nothing: '未导入任何数据', again: '再导入一个文件',
    },
    dash: {
      title: '经营看板', refreshing: '数据更新中，稍后自动刷新', scopeAll: '范围：{n} 个客户', asOf: '截至 {d}', empty: '暂无数据', loadFailed: '加载失败：{m}', reload: '刷新',
      kpi: {
        customers: '客户数', revenue12m: '近 12 个月销售额', profit12m: '近 12 个月利润', annualSales: '年销售额预测',
        retention: '客户保持率', expectedPurchases: '未来 90 天预计购买次数', expectedSpend: '未来 90 天预计销售额', clvTotal: '客户终身价值合计',
        avgPalive: '平均存活概率', active: '活跃客户', dormant: '休眠 / 流失',
      },
      abc: { title: 'ABC 分类与帕累托曲线', basis: '依据', profit: '利润', sales: '销售额', net_profit: '净利润', customersShare: '客户占比', valueShare: '累计占比',
        tip: '前 {c} 的客户贡献 {v}', classLine: '{k}：{n} 个客户（{s}），贡献 {v}' },
      grid: { title: '价值矩阵：购买间隔 × 单次金额', interval: '平均购买间隔', amount: '平均单次金额', count: '客户数', revenue: '累计收入',
        short: '短', medium: '中', long: '长', large: '大', small: '小', noOrders: '{n} 个客户尚无订单', cuts: '间隔 ≤{s} 天为短，>{l} 天为长；金额 ≤{a} 为小，>{b} 为大' },
      quad: { title: '象限分析', matrix: '矩阵', cut: '分割点', unknown: '{n} 个客户缺少数据，未绘制', truncated: '显示 {n} / {t} 个点', clickHint: '点击圆点打开客户',
        median: '中位数', mean: '平均值',
        matrices: { value_response: '价值 × 响应', value_loyalty: '价值 × 忠诚', direct_indirect: '直接 × 间接收益', volume_profit: '销量 × 利润', current_potential: '现值 × 潜力' },
        metrics: { profit_12m: '近 12 个月利润', revenue_12m: '近 12 个月销售额', response: '响应度（订单 / 联系）', quarters_active: '近 8 季度有订单的季度数',
          indirect_benefit: '间接收益评分', margin: '利润率', clv: '客户终身价值' },
        quadrants: { direct_indirect: { high_performing: '高效', selling: '销售型', networking: '人脉型', low_performing: '低效' } },
      },
      lifecycle: { title: '客户生命周期漏斗', count: '客户数', share: '占比', unclassified: '{n} 个客户尚未分类' },
      loyalty: { title: '忠诚度阶段' },
      whale: { title: '鲸鱼曲线（20/80/30）', cumProfit: '累计利润', top: '前 {s} 客户贡献利润的 {v}', worst: '最差 {s} 的客户抵消了 {v} 的潜在利润',
        peak: '峰值 {p}（前 {c} 客户）', total: '总利润 {p}' },
      trend: { title: '月度销售趋势（近 24 个月）', revenue: '销售额', profit: '利润', orders: '订单数', buyers: '购买客户', partial: '（本月至今）' },
      clv: { title: '客户终身价值分布', count: '客户数', sum: 'CLV 合计', withClv: '{n} 个客户有 CLV' },
      followups: { title: '跟进次数与成交率', conversion: '成交率', won: '赢单', lost: '输单', decided: '已决', open: '进行中', times: '跟进 {l} 次' },
      visits: { title: '下一步最佳拜访', rep: '销售', customer: '客户', reason: '原因', score: '得分', value: '价值', none: '暂无建议拜访的客户', all: '全部销售' },
      reasons: { key_account: '重点客户', never_contacted: '尚未联系过', overdue: '超过拜访周期', due_soon: '即将到拜访周期', lifetime_value: '未来价值高',
        recent_profit: '近期利润高', win_back: '可挽回', open_opportunity: '有进行中的商机' },
    },
    pipe: {
      title: '销售漏斗', owner: '负责人', allOwners: '全部负责人', count: '{n} 个', amount: '金额', followups: '跟进 {n} 次', moveTo: '移动到',
      moved: '已移到「{s}」', close: '预计成交 {d}', empty: '拖动卡片到这里', more: '仅显示前 {n} 个，共 {t} 个', weighted: '加权金额',
      dragHint: '拖动卡片可以改变阶段', total: '合计', probability: '概率 {p}%', noResults: '没有商机',
      loadMore: '加载更多（已显示 {n} / {t} 个）',
      confirmTitle: '改变商机阶段', confirmMove: '把「{n}」从「{from}」移到「{to}」？', confirmOk: '确定', confirmCancel: '取消',
      lostTitle: '输单原因', lostPrompt: '把「{n}」从「{from}」移到「{to}」，请填写输单原因：', lostPlaceholder: '例如：价格、选了竞品、预算取消', lostRequired: '请填写输单原因', lostReason: '输单原因：{r}',
    },
    admin: {
      title: '设置', readOnly: '只有管理员可以修改设置，这里只读。', thresholds: '分类阈值', users: '用户', teams: '部门', roles: '角色与数据范围',
      save: '保存修改', saved: '设置已保存', reset: '放弃修改', changed: '{n} 项已修改', blankDefault: '留空 = 自动（三分位）', yuan: '元', invalidYuan: '请输入金额（元，最多两位小数）', range: '请输入 {min} 到 {max} 之间的值',
      invalidNumber: '请输入数字', mustShare: '请输入 0 到 1 之间的数', mustInt: '请输入非负整数', mustGE0: '请输入不小于 0 的数', abOrder: 'A 类比例必须小于 B 类比例',
      groups: { abc: 'ABC 分类', grid: '价值矩阵', quadrant: '象限分析', lifecycle: '生命周期', loyalty: '忠诚度', cost: '服务成本', clv: '客户终身价值',
        cadence: '拜访周期', pool: '公海', stage: '商机赢单率', auth: '登录', scope: '数据范围', keyaccount: '重点客户', score: '加权评分', contract: '合同', receivable: '回款', other: '其他' },
      user: { add: '添加用户', login: '账号', name: '姓名', role: '角色', team: '部门', email: '邮箱', password: '初始密码（至少 8 位）', active: '状态',
        activeYes: '在用', activeNo: '已停用', deactivate: '停用', activate: '启用', deactivateConfirm: '停用 {n}？其登录会话和 API 令牌将失效。',
        created: '用户已创建', updated: '已更新', noTeam: '无部门' },
      team: { add: '添加部门', name: '部门名称', parent: '上级部门', leader: '负责人', rename: '重命名', move: '移动', root: '（顶级）', created: '部门已创建',
        updated: '部门已更新', members: '{n} 人', noLeader: '未指定负责人' },
      role: { role: '角色', scope: '数据范围', default: '默认值', desc: '说明', rights: { admin: '管理用户、部门、设置和产品', manager: '管理产品；管理范围内客户的归属', sales: '管理自己的客户' } },
      scope: { own: '本人', own_and_subordinates: '本人及下属', department: '本部门', department_and_below: '本部门及下属', all: '全部' },
      labels: nest({
        'abc.a_share': 'A 类累计占比上限', 'abc.b_share': 'B 类累计占比上限', 'abc.basis': '排序依据（利润 / 销售额 / 净利润）',
        'abc.count_a': '按数量：A 类客户占比', 'abc.count_b': '按数量：B 类客户占比', 'abc.window_days': '统计窗口（天）',
        'grid.amount_large_fen': '单次金额“大”的下限（元）', 'grid.amount_small_fen': '单次金额“小”的上限（元）',
        'grid.interval_long_days': '购买间隔“长”的下限（天）', 'grid.interval_short_days': '购买间隔“短”的上限（天）',
        'quadrant.cut': '象限分割点（median 中位数 / mean 平均值）',
        'lifecycle.churned_days': '无订单多少天后视为流失', 'lifecycle.dormant_interval_factor': '超过自身平均间隔的倍数视为休眠',
        'lifecycle.dormant_p_alive': '存活概率低于此值视为休眠', 'lifecycle.single_order_dormant_days': '只有一单的客户多少天后视为休眠',
        'loyalty.loyal_quarters': '忠诚：近 8 季度中有订单的季度数', 'loyalty.new_days': '新客户：首单在多少天内',
        'loyalty.old_years': '老客户：首单至少多少年前', 'loyalty.regular_orders_12m': '常客户：12 个月内至少多少单',
        'cost.call_fen': '一次电话的成本（元）', 'cost.email_fen': '一封邮件的成本（元）', 'cost.meeting_fen': '一次会议的成本（元）',
        'cost.message_fen': '一条消息的成本（元）', 'cost.visit_fen': '一次拜访的成本（元）', 'cost.late_payment_daily_rate': '逾期付款日成本率',
        'clv.annual_discount_rate': '年折现率', 'clv.default_margin': '无成本订单的默认毛利率', 'clv.horizon_months': '预测期（月）',
        'cadence.default_days': '普通客户拜访周期（天）', 'cadence.key_account_days': '重点客户拜访周期（天）',
        'pool.max_customers_per_rep': '每个销售最多拥有的客户数', 'pool.release_after_days': '多少天未跟进自动进入公海（0 不回收）',
        'pool.deal_after_days': '多少天未成交自动进入公海（0 不回收）', 'pool.warn_days': '进入公海前提前几天提醒',
        'pool.max_locked_per_rep': '每人最多锁定的客户数（0 不限）', 'pool.daily_claims_per_rep': '每人每天最多领取的公海客户数（0 不限）',
        'pool.reclaim_cooldown_days': '原负责人重新领取的冷却天数（0 不限）',
        'auth.session_hours': '登录会话有效期（小时）',
        'stage.probability.lead': '商机阶段“线索”的赢单率（%）', 'stage.probability.qualified': '商机阶段“已确认”的赢单率（%）',
        'stage.probability.proposal': '商机阶段“方案”的赢单率（%）', 'stage.probability.negotiation': '商机阶段“谈判”的赢单率（%）',
        'contract.number_pattern': '合同编号规则（{yyyyMMdd} 日期，{seq:3} 当日流水号）',
        'receivable.number_pattern': '回款编号规则（{yyyyMMdd} 日期，{seq:3} 当日流水号）',
        'scope.admin': '管理员的数据范围', 'scope.manager': '经理的数据范围', 'scope.sales': '销售的数据范围',
        'keyaccount.slip_drop': '重点客户下滑：近 12 个月营收比前 12 个月下降超过此比例',
        'score.weight.revenue': '权重：近 12 个月营收', 'score.weight.net_profit': '权重：近 12 个月净利润',
        'score.weight.price_sensitivity': '权重：价格敏感度（价格导向）', 'score.weight.brand_loyalty': '权重：品牌忠诚度',
        'score.weight.years_of_cooperation': '权重：合作年限（自首单起）', 'score.weight.share_of_wallet': '权重：钱包份额（12 个月营收占采购预算）',
      }),
    },
    merge: {
      title: '合并客户', button: '合并', survivor: '保留的客户', other: '被合并的客户', field: '字段', pick: '点选每个字段保留哪一边的值',
      same: '其余字段两边相同或为空', moves: '将移到保留客户名下：{list}', otherOwner: '被合并客户的负责人保留', confirm: '确认合并',
      done: '已合并：{a} 并入 {b}', failed: '合并未执行，没有任何更改：{m}', needTwo: '请选择两个客户',
      tables: { contacts: '联系人', orders: '订单', payments: '回款计划', contracts: '合同', receivables: '回款', activities: '活动', opportunities: '商机', tasks: '待办', important_dates: '重要日期', competitors: '竞争对手', owner_history: '负责人记录' },
    },
  },
  en: {
    imp: {
      type: 'Import', mode: 'Mode', partial: 'Skip bad rows, import the rest', file: 'Choose a file (CSV)', template: 'Download the template',
      types: { customers: 'Customers', contacts: 'Contacts', products: 'Products', orders: 'Orders', activities: 'Activities', opportunities: 'Opportunities' },
      modes: { create: 'Create only (existing are rejected)', update: 'Update only (missing are rejected)', upsert: 'Create and update' },
      preview: 'Columns and the first rows', header: 'Header', field: 'Field', ignored: 'ignored', start: 'Import', dryRun: 'Dry run (change nothing)',
      running: 'Importing…', rows: '{n} rows read', done: 'Done', failed: 'Failed',
      result: '{rows} rows: {created} created, {updated} updated, {skipped} unchanged, {rejected} rejected', rejects: 'Download the rejected rows',
      nothing: 'Nothing was imported', again: 'Import another file',
    },
    dash: {
      title: 'Dashboard', refreshing: 'Updating: reloads shortly', scopeAll: 'Scope: {n} customers', asOf: 'as of {d}', empty: 'No data yet', loadFailed: 'Could not load: {m}', reload: 'Reload',
      kpi: {
        customers: 'Customers', revenue12m: 'Sales, last 12 months', profit12m: 'Profit, last 12 months', annualSales: 'Annual sales forecast',
        retention: 'Retention', expectedPurchases: 'Expected purchases, next 90 days', expectedSpend: 'Expected sales, next 90 days', clvTotal: 'Total CLV',
        avgPalive: 'Average P(alive)', active: 'Active customers', dormant: 'Dormant / churned',
      },
      abc: { title: 'ABC classes and Pareto curve', basis: 'Basis', profit: 'Profit', sales: 'Sales', net_profit: 'Net profit', customersShare: 'Share of customers', valueShare: 'Cumulative share',
        tip: 'The top {c} of customers make {v}', classLine: '{k}: {n} customers ({s}), {v} of the total' },
      grid: { title: 'Value grid: purchase interval × amount', interval: 'Average purchase interval', amount: 'Average amount per order', count: 'Customers', revenue: 'Lifetime revenue',
        short: 'Short', medium: 'Medium', long: 'Long', large: 'Large', small: 'Small', noOrders: '{n} customers without orders', cuts: 'Interval ≤{s} days short, >{l} long; amount ≤{a} small, >{b} large' },
      quad: { title: 'Quadrant analysis', matrix: 'Matrix', cut: 'Cut', unknown: '{n} customers without data are not plotted', truncated: 'Showing {n} of {t} points', clickHint: 'Click a dot to open the customer',
        median: 'median', mean: 'mean',
        matrices: { value_response: 'Value × response', value_loyalty: 'Value × loyalty', direct_indirect: 'Direct × indirect benefit', volume_profit: 'Volume × profit', current_potential: 'Current × potential' },
        metrics: { profit_12m: 'Profit, 12 months', revenue_12m: 'Sales, 12 months', response: 'Response (orders / contacts)', quarters_active: 'Quarters with an order (of 8)',
          indirect_benefit: 'Indirect benefit score', margin: 'Margin', clv: 'Customer lifetime value' },
        quadrants: { direct_indirect: { high_performing: 'High performing', selling: 'Selling', networking: 'Networking', low_performing: 'Low performing' } },
      },
      lifecycle: { title: 'Lifecycle funnel', count: 'Customers', share: 'Share', unclassified: '{n} customers not classified yet' },
      loyalty: { title: 'Loyalty stages' },
      whale: { title: 'Whale curve (20/80/30)', cumProfit: 'Cumulative profit', top: 'The top {s} of customers make {v} of the profit', worst: 'The worst {s} of customers take away {v} of the potential profit',
        peak: 'Peak {p} (top {c} of customers)', total: 'Total profit {p}' },
      trend: { title: 'Sales by month (last 24 months)', revenue: 'Sales', profit: 'Profit', orders: 'Orders', buyers: 'Buyers', partial: ' (month to date)' },
      clv: { title: 'CLV distribution', count: 'Customers', sum: 'Total CLV', withClv: '{n} customers with a CLV' },
      followups: { title: 'Conversion by follow-ups', conversion: 'Conversion', won: 'Won', lost: 'Lost', decided: 'Decided', open: 'Open', times: '{l} follow-ups' },
      visits: { title: 'Next best visits', rep: 'Rep', customer: 'Customer', reason: 'Reason', score: 'Score', value: 'Value', none: 'No visits to suggest', all: 'All reps' },
      reasons: { key_account: 'key account', never_contacted: 'never contacted', overdue: 'past the visit cadence', due_soon: 'visit due soon', lifetime_value: 'high lifetime value',
        recent_profit: 'high recent profit', win_back: 'can be won back', open_opportunity: 'open opportunity' },
    },
    pipe: {
      title: 'Pipeline', owner: 'Owner', allOwners: 'All owners', count: '{n}', amount: 'Amount', followups: '{n} follow-ups', moveTo: 'Move to',
      moved: 'Moved to “{s}”', close: 'Expected close {d}', empty: 'Drop cards here', more: 'Showing the first {n} of {t}', weighted: 'Weighted',
      dragHint: 'Drag a card to change its stage', total: 'Total', probability: '{p}% probability', noResults: 'No opportunities',
      loadMore: 'Load more ({n} of {t} shown)',
      confirmTitle: 'Change the stage', confirmMove: 'Move “{n}” from “{from}” to “{to}”?', confirmOk: 'Move', confirmCancel: 'Cancel',
      lostTitle: 'Why was it lost?', lostPrompt: 'Moving “{n}” from “{from}” to “{to}”: give the reason it was lost.', lostPlaceholder: 'e.g. price, a competitor, budget cancelled', lostRequired: 'A lost reason is required', lostReason: 'Lost: {r}',
    },
    admin: {
      title: 'Settings', readOnly: 'Only admins change settings: read only.', thresholds: 'Thresholds', users: 'Users', teams: 'Teams', roles: 'Roles and data scopes',
      save: 'Save changes', saved: 'Settings saved', reset: 'Discard changes', changed: '{n} changed', blankDefault: 'blank = automatic (tertiles)', yuan: 'yuan', invalidYuan: 'Enter an amount in yuan (at most two decimals)', range: 'Enter a value from {min} to {max}',
      invalidNumber: 'Enter a number', mustShare: 'Enter a number between 0 and 1', mustInt: 'Enter a whole number ≥ 0', mustGE0: 'Enter a number ≥ 0', abOrder: 'The A share must be below the B share',
      groups: { abc: 'ABC classes', grid: 'Value grid', quadrant: 'Quadrants', lifecycle: 'Lifecycle', loyalty: 'Loyalty', cost: 'Cost to serve', clv: 'Customer lifetime value',
        cadence: 'Visit cadence', pool: 'Public pool', stage: 'Win probability by stage', auth: 'Login', scope: 'Data scopes', keyaccount: 'Key accounts', score: 'Weighted score', contract: 'Contracts', receivable: 'Receipts', other: 'Other' },
      user: { add: 'Add user', login: 'Login', name: 'Name', role: 'Role', team: 'Team', email: 'Email', password: 'Initial password (8+ characters)', active: 'Status',
        activeYes: 'Active', activeNo: 'Deactivated', deactivate: 'Deactivate', activate: 'Activate', deactivateConfirm: 'Deactivate {n}? Their sessions and API tokens stop working.',
        created: 'User created', updated: 'Updated', noTeam: 'No team' },
      team: { add: 'Add team', name: 'Team name', parent: 'Parent team', leader: 'Leader', rename: 'Rename', move: 'Move', root: '(top level)', created: 'Team created',
        updated: 'Team updated', members: '{n} users', noLeader: 'No leader' },
      role: { role: 'Role', scope: 'Data scope', default: 'Default', desc: 'Rights', rights: { admin: 'Users, teams, settings and products', manager: 'Products; ownership of customers in scope', sales: 'Their own customers' } },
      scope: { own: 'Own', own_and_subordinates: 'Own and subordinates', department: 'Department', department_and_below: 'Department and below', all: 'All' },
      labels: {},
    },
    merge: {
      title: 'Merge customers', button: 'Merge', survivor: 'Customer kept', other: 'Customer merged in', field: 'Field', pick: 'Click the value to keep for each field',
      same: 'Every other field is equal on both sides or empty', moves: 'Moving to the customer kept: {list}', otherOwner: 'The merged customer\'s owner keeps', confirm: 'Merge',
      done: 'Merged {a} into {b}', failed: 'Nothing was merged: {m}', needTwo: 'Select two customers',
      tables: { contacts: 'contacts', orders: 'orders', payments: 'payments', contracts: 'contracts', receivables: 'receipts', activities: 'activities', opportunities: 'opportunities', tasks: 'tasks', important_dates: 'dates', competitors: 'competitors', owner_history: 'owner history' },
    },
  },
}

// Copy the keys of src that dst lacks, recursively; dst's own texts win.
function fill(dst, src) {
  for (const [k, v] of Object.entries(src)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      if (!(k in dst)) dst[k] = {}
      if (dst[k] && typeof dst[k] === 'object') fill(dst[k], v)
    } else if (!(k in dst)) {
      dst[k] = v
    }
  }
  return dst
}

// The messages object of messages.js with these texts merged in. `core` is
// a function so that messages.js can call this before its own literal is
// evaluated: the merge happens on first use, once.
export function extendMessages(core) {
  let merged = null
  const get = () => {
    if (!merged) {
      const base = core()
      merged = {}
      // fill() adds what a language lacks, in place: the first file to name a key wins
      const areas = [extraMessages, dailyMessages, cashMessages, reportsMessages, todoMessages, commsMessages, statisticsMessages, targetsMessages, campaignMessages]
      for (const lang of Object.keys(base)) merged[lang] = areas.reduce((m, extra) => fill(m, extra[lang] || {}), base[lang])
    }
    return merged
  }
  return {
    get zh() {
      return get().zh
    },
    get en() {
      return get().en
    },
  }
}
