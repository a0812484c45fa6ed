// Option builders of the value charts (DOMAIN §5–§6): the ABC Pareto curve,
// the value-grid heat map, the whale curve and the CLV distribution. Each
// takes the answer of its /analytics endpoint and returns an ECharts option,
// or null when there is nothing to draw.
import { enumLabel } from '../i18n.js'
import { t, PALETTE, compactYuan, fenToYuan, pct, tooltipLines, baseTooltip } from './common.js'

const shareAxis = (name) => ({
  type: 'value', min: 0, max: 1, name, nameLocation: 'middle', nameGap: 28,
  axisLabel: { formatter: (v) => Math.round(v * 100) + '%' }, splitLine: { lineStyle: { type: 'dashed' } },
})

// ABC: cumulative share of the value made by the top customers, with the
// A and B boundaries as vertical lines.
export function abcOption(abc) {
  if (!abc || !abc.pareto || abc.pareto.length < 2) return null
  const basis = abc.basis === 'sales' ? t('dash.abc.sales') : t('dash.abc.profit')
  const cls = abc.classes || []
  const aShare = cls[0]?.share ?? 0
  const bShare = aShare + (cls[1]?.share ?? 0)
  const marks = []
  if (cls[0]?.count) marks.push({ xAxis: aShare, label: { formatter: 'A | B' } })
  if (cls[1]?.count) marks.push({ xAxis: bShare, label: { formatter: 'B | C' } })
  return {
    color: PALETTE,
    grid: { left: 48, right: 20, top: 24, bottom: 44 },
    tooltip: {
      ...baseTooltip, trigger: 'axis',
      formatter: (ps) => {
        const p = ps.find((x) => x.seriesIndex === 0) || ps[0]
        const [c, v] = p.data
        return tooltipLines(basis, [[t('dash.abc.customersShare'), pct(c, 0)], [t('dash.abc.valueShare'), pct(v, 1)]]) +
          '<br/>' + t('dash.abc.tip', { c: pct(c, 0), v: pct(v, 1) })
      },
    },
    xAxis: shareAxis(t('dash.abc.customersShare')),
    yAxis: { ...shareAxis(''), name: '' },
    series: [
      {
        name: basis, type: 'line', showSymbol: false, smooth: false, data: abc.pareto.map((p) => [p.customers, p.value]),
        areaStyle: { opacity: 0.15 }, lineStyle: { width: 2 },
        markLine: { silent: true, symbol: 'none', lineStyle: { color: '#e6a23c', type: 'dashed' }, data: marks },
      },
      { name: 'diag', type: 'line', showSymbol: false, silent: true, data: [[0, 0], [1, 1]], lineStyle: { color: '#c0c4cc', type: 'dotted', width: 1 }, tooltip: { show: false } },
    ],
  }
}

const AMOUNTS = ['small', 'medium', 'large'] // bottom to top
const INTERVALS = ['short', 'medium', 'long']
const TIER_COLORS = { platinum: '#5b6b8c', gold: '#e6a23c', silver: '#a0a7b4', development: '#67c23a', optimise: '#f56c6c' }

// Value grid: rows are the amount per order, columns the purchase interval;
// the colour is the number of customers, the label the tier and the count.
export function gridOption(grid) {
  if (!grid || !grid.cells || !grid.with_orders) return null
  const max = Math.max(1, ...grid.cells.map((c) => c.count))
  const data = grid.cells.map((c) => ({
    value: [INTERVALS.indexOf(c.interval), AMOUNTS.indexOf(c.amount), c.count],
    cell: c,
  }))
  return {
    grid: { left: 56, right: 16, top: 16, bottom: 52 },
    tooltip: {
      ...baseTooltip,
      formatter: (p) => {
        const c = p.data.cell
        return tooltipLines(enumLabel('grid_tier', c.tier), [
          [t('dash.grid.amount'), t('dash.grid.' + c.amount)],
          [t('dash.grid.interval'), t('dash.grid.' + c.interval)],
          [t('dash.grid.count'), c.count],
          [t('dash.grid.revenue'), compactYuan(c.revenue)],
        ])
      },
    },
    xAxis: { type: 'category', data: INTERVALS.map((k) => t('dash.grid.' + k)), name: t('dash.grid.interval'), nameLocation: 'middle', nameGap: 30, splitArea: { show: true } },
    yAxis: { type: 'category', data: AMOUNTS.map((k) => t('dash.grid.' + k)), name: t('dash.grid.amount'), nameLocation: 'middle', nameGap: 36, splitArea: { show: true } },
    visualMap: { show: false, min: 0, max, inRange: { color: ['#ecf5ff', '#79bbff', '#337ecc'] } },
    series: [{
      name: t('dash.grid.count'), type: 'heatmap', data,
      label: {
        show: true, lineHeight: 18,
        formatter: (p) => `{tier|${enumLabel('grid_tier', p.data.cell.tier)}}\n${p.data.cell.count}`,
        rich: { tier: { fontWeight: 'bold', fontSize: 12 } },
        color: '#303133',
      },
      itemStyle: { borderColor: '#fff', borderWidth: 2 },
      emphasis: { itemStyle: { shadowBlur: 8, shadowColor: 'rgba(0,0,0,0.3)' } },
    }],
  }
}

export const tierColor = (tier) => TIER_COLORS[tier] || '#909399'

// Whale curve: cumulative 12-month profit of the top customers; lines at the
// top 20%, at the start of the worst 30% and at the peak.
export function whaleOption(w) {
  if (!w || !w.curve || w.curve.length < 2) return null
  const marks = [
    { xAxis: w.top_share ?? 0.2, label: { formatter: pct(w.top_share ?? 0.2) } },
    { xAxis: 1 - (w.worst_share ?? 0.3), label: { formatter: pct(1 - (w.worst_share ?? 0.3)) } },
  ]
  if (w.peak_fen !== null && w.peak_fen !== undefined) {
    marks.push({ yAxis: fenToYuan(w.peak_fen), label: { formatter: compactYuan(fenToYuan(w.peak_fen)), position: 'insideStartTop' }, lineStyle: { color: '#67c23a' } })
  }
  return {
    color: ['#409eff'],
    grid: { left: 64, right: 24, top: 28, bottom: 44 },
    tooltip: {
      ...baseTooltip, trigger: 'axis',
      formatter: (ps) => {
        const [c, v] = ps[0].data
        return tooltipLines(t('dash.whale.cumProfit'), [[t('dash.abc.customersShare'), pct(c, 0)], [t('dash.whale.cumProfit'), compactYuan(v)]])
      },
    },
    xAxis: shareAxis(t('dash.abc.customersShare')),
    yAxis: { type: 'value', axisLabel: { formatter: (v) => compactYuan(v) }, splitLine: { lineStyle: { type: 'dashed' } } },
    series: [{
      name: t('dash.whale.cumProfit'), type: 'line', showSymbol: false, data: w.curve.map((p) => [p.customers, fenToYuan(p.profit_fen)]),
      areaStyle: { opacity: 0.12 }, lineStyle: { width: 2 },
      markLine: { silent: true, symbol: 'none', lineStyle: { color: '#e6a23c', type: 'dashed' }, data: marks },
    }],
  }
}

// CLV distribution: customers per 1-2-5 bucket of yuan.
export function clvOption(clv) {
  if (!clv || !clv.buckets || !clv.with_clv) return null
  const label = (b) => `${compactYuan(b.from)}–${compactYuan(b.to)}`
  return {
    color: ['#9b59b6'],
    grid: { left: 44, right: 12, top: 16, bottom: 64 },
    tooltip: {
      ...baseTooltip, trigger: 'axis',
      formatter: (ps) => {
        const b = clv.buckets[ps[0].dataIndex]
        return tooltipLines(label(b), [[t('dash.clv.count'), b.count], [t('dash.clv.sum'), compactYuan(b.clv)]])
      },
    },
    xAxis: { type: 'category', data: clv.buckets.map(label), axisLabel: { rotate: 40, fontSize: 10 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('dash.clv.count'), type: 'bar', data: clv.buckets.map((b) => b.count), barMaxWidth: 28 }],
  }
}
