// Texts of the 统计 page (the 7P statistics, GET /api/v1/statistics/{name})
// and of the 360° view's cross-sell card, in Chinese and English. Merged into
// messages.js's tree by messages_extra.js's extendMessages().
export const statisticsMessages = {
  zh: {
    menu: { statistics: '统计' },
    admin: { groups: { basket: '关联购买' }, labels: { basket: { min_support: '关联购买：最小支持度（同时购买的订单占比）' } } },
    stat: {
      title: '7P 统计',
      tabs: { profiling: '客户画像', persistency: '客户维系', profitability: '客户盈利', performance: '销售业绩', prospecting: '客户开发', product: '产品关联' },
      hint: {
        profiling: '客户是谁：等级、行业、性质，ABC 分类与价值网格',
        persistency: '忠诚、关系长短与流失：生命周期、忠诚度、首单同期群',
        profitability: '近 12 个月每个客户的净利润（扣除服务成本与逾期成本）',
        performance: '期间内的销售额，按产品类别、渠道或地区',
        prospecting: '各月末按行业、来源的客户数，每月新建客户与首单客户（新获客）',
        product: '哪些产品常被一起购买：支持度、置信度、提升度',
      },
      period: '期间', from: '开始日期', to: '结束日期', apply: '查询', download: '下载 Excel',
      group: '分组', groups: { category: '产品类别', channel: '渠道', region: '地区' },
      minSupport: '最小支持度', none: '（无）', empty: '期间内没有数据', refreshing: '数据更新中，稍后自动刷新',
      asOf: '截至 {d}，{n} 个客户',
      col: {
        value: '取值', count: '客户数', share: '占比', class: '类别', tier: '价值层级', stage: '阶段', cohort: '首单年份', size: '客户数',
        key: '分组', orders: '订单数', customers: '客户数', revenue: '销售额', profit: '毛利', month: '月份',
        newRecords: '新建客户', firstOrders: '首单客户', segment: '行业', source: '来源', atMonthEnd: '月末客户数',
        a: '产品 A', b: '产品 B', together: '同时购买', support: '支持度', confAB: '置信度 A→B', confBA: '置信度 B→A', lift: '提升度',
        customer: '客户', revenue12m: '近 12 月营收', profit12m: '近 12 月毛利', net12m: '近 12 月净利润',
      },
      sections: { grade: '客户等级', segment: '行业', nature: '企业性质', abc: 'ABC 分类', grid: '价值网格', lifecycle: '生命周期', loyalty: '忠诚度', cohorts: '首单同期群', top: '净利润最高的客户', bottom: '亏损客户', acquisition: '新获客', bySegment: '按行业', bySource: '按来源' },
      kpi: { revenue: '近 12 月营收', gross: '近 12 月毛利', net: '近 12 月净利润', perCustomer: '客均净利润', margin: '净利率', losing: '亏损客户' },
      total: '合计 {v}',
      ordersN: '{n} 个订单', pairsN: '{n} 组关联',
    },
    cross: {
      title: '交叉销售推荐', empty: '暂无推荐：该客户买过的产品还没有常被一起购买的产品',
      reason: '买过 {x}；买 {x} 的客户也买 {y}（提升度 {lift}，置信度 {conf}）',
      more: '基于 {from} 至 {to} 的订单',
    },
  },
  en: {
    menu: { statistics: 'Statistics' },
    admin: { groups: { basket: 'Bought together' }, labels: { basket: { min_support: 'Bought together: minimum support (share of orders with both)' } } },
    stat: {
      title: 'The 7P statistics',
      tabs: { profiling: 'Profiling', persistency: 'Persistency', profitability: 'Profitability', performance: 'Performance', prospecting: 'Prospecting', product: 'Product' },
      hint: {
        profiling: 'Who the customers are: grade, segment, nature, ABC classes and the value grid',
        persistency: 'Loyalty, tenure and churn: lifecycle, loyalty stages, first-order cohorts',
        profitability: 'Net profit per customer over the last 12 months (after the cost to serve and of late payment)',
        performance: 'Sales of the period by product category, channel or region',
        prospecting: 'Customers by segment and source at each month end; new records and first orders (acquisition) by month',
        product: 'Which products are bought together: support, confidence and lift',
      },
      period: 'Period', from: 'From', to: 'To', apply: 'Show', download: 'Download Excel',
      group: 'Group by', groups: { category: 'Product category', channel: 'Channel', region: 'Region' },
      minSupport: 'Minimum support', none: '(none)', empty: 'No data in the period', refreshing: 'Updating; refreshes shortly',
      asOf: 'As of {d}, {n} customers',
      col: {
        value: 'Value', count: 'Customers', share: 'Share', class: 'Class', tier: 'Tier', stage: 'Stage', cohort: 'Cohort', size: 'Customers',
        key: 'Group', orders: 'Orders', customers: 'Customers', revenue: 'Revenue', profit: 'Gross profit', month: 'Month',
        newRecords: 'New records', firstOrders: 'First orders', segment: 'Segment', source: 'Source', atMonthEnd: 'Customers at month end',
        a: 'Product A', b: 'Product B', together: 'Bought together', support: 'Support', confAB: 'Confidence A→B', confBA: 'Confidence B→A', lift: 'Lift',
        customer: 'Customer', revenue12m: 'Revenue, 12 months', profit12m: 'Gross profit, 12 months', net12m: 'Net profit, 12 months',
      },
      sections: { grade: 'Grade', segment: 'Segment', nature: 'Nature', abc: 'ABC classes', grid: 'Value grid', lifecycle: 'Lifecycle', loyalty: 'Loyalty', cohorts: 'First-order cohorts', top: 'Most profitable customers', bottom: 'Loss-making customers', acquisition: 'Acquisition', bySegment: 'By segment', bySource: 'By source' },
      kpi: { revenue: 'Revenue, 12 months', gross: 'Gross profit, 12 months', net: 'Net profit, 12 months', perCustomer: 'Net profit per customer', margin: 'Net margin', losing: 'Loss-making customers' },
      total: 'Total {v}',
      ordersN: '{n} orders', pairsN: '{n} pairs',
    },
    cross: {
      title: 'Cross-sell suggestions', empty: 'No suggestions: nothing is often bought with what this customer bought',
      reason: 'Bought {x}; customers who buy {x} also buy {y} (lift {lift}, confidence {conf})',
      more: 'From the orders of {from} to {to}',
    },
  },
}
