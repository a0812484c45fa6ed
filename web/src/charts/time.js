// Option builders of the stage and time charts (DOMAIN §3–§4, §6): the
// lifecycle funnel, the loyalty stages, sales by month and the conversion
// by number of follow-ups.
import { enumLabel } from '../i18n.js'
import { t, PALETTE, compactYuan, fenToYuan, pct, tooltipLines, baseTooltip } from './common.js'

// Lifecycle in funnel order; widths follow the counts (sort: none keeps the order).
export function lifecycleOption(lc) {
  if (!lc || !lc.stages || !lc.customers) return null
  return {
    color: ['#b3d8ff', '#79bbff', '#409eff', '#337ecc', '#e6a23c', '#f56c6c'],
    tooltip: {
      ...baseTooltip, trigger: 'item',
      formatter: (p) => tooltipLines(p.name, [[t('dash.lifecycle.count'), p.data.value], [t('dash.lifecycle.share'), pct(p.data.share, 1)]]),
    },
    series: [{
      name: t('dash.lifecycle.title'), type: 'funnel', sort: 'none', left: '8%', right: '8%', top: 8, bottom: 8,
      minSize: '12%', maxSize: '100%', gap: 2,
      label: { show: true, position: 'inside', formatter: (p) => `${p.name} ${p.data.value}`, color: '#1f2d3d', fontSize: 12 },
      itemStyle: { borderColor: '#fff', borderWidth: 1 },
      data: lc.stages.map((s) => ({ name: enumLabel('lifecycle', s.stage), value: s.count, share: s.share })),
    }],
  }
}

export function loyaltyOption(ly) {
  if (!ly || !ly.stages || !ly.customers) return null
  return {
    color: ['#67c23a'],
    grid: { left: 40, right: 12, top: 16, bottom: 28 },
    tooltip: {
      ...baseTooltip, trigger: 'axis',
      formatter: (ps) => {
        const s = ly.stages[ps[0].dataIndex]
        return tooltipLines(enumLabel('loyalty', s.stage), [[t('dash.lifecycle.count'), s.count], [t('dash.lifecycle.share'), pct(s.share, 1)]])
      },
    },
    xAxis: { type: 'category', data: ly.stages.map((s) => enumLabel('loyalty', s.stage)), axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('dash.lifecycle.count'), type: 'bar', barMaxWidth: 36, data: ly.stages.map((s) => s.count) }],
  }
}

// Sales by month: revenue bars and a profit line; the current month, partial, last and lighter.
export function trendOption(fc) {
  if (!fc || !fc.months || fc.months.length === 0) return null
  const months = [...fc.months]
  if (fc.current_month) months.push({ ...fc.current_month, partial: true })
  if (!months.some((m) => m.orders > 0)) return null
  return {
    color: [PALETTE[0], PALETTE[1]],
    grid: { left: 60, right: 16, top: 36, bottom: 40 },
    legend: { top: 0, data: [t('dash.trend.revenue'), t('dash.trend.profit')] },
    tooltip: {
      ...baseTooltip, trigger: 'axis',
      formatter: (ps) => {
        const m = months[ps[0].dataIndex]
        return tooltipLines(m.month + (m.partial ? t('dash.trend.partial') : ''), [
          [t('dash.trend.revenue'), compactYuan(m.revenue)], [t('dash.trend.profit'), compactYuan(m.profit)],
          [t('dash.trend.orders'), m.orders], [t('dash.trend.buyers'), m.customers],
        ])
      },
    },
    xAxis: { type: 'category', data: months.map((m) => m.month + (m.partial ? '*' : '')), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => compactYuan(v) }, splitLine: { lineStyle: { type: 'dashed' } } },
    series: [
      {
        name: t('dash.trend.revenue'), type: 'bar', barMaxWidth: 22,
        data: months.map((m) => ({ value: fenToYuan(m.revenue_fen), itemStyle: m.partial ? { opacity: 0.45 } : undefined })),
      },
      // The partial month's profit would drop the line: only its bar shows.
      { name: t('dash.trend.profit'), type: 'line', smooth: true, symbolSize: 4, data: months.map((m) => (m.partial ? null : fenToYuan(m.profit_fen))) },
    ],
  }
}

// Follow-ups: won / lost / open opportunities per bucket and the conversion line.
export function followupsOption(f) {
  if (!f || !f.buckets || !f.opportunities) return null
  const labels = f.buckets.map((b) => b.label)
  return {
    color: ['#67c23a', '#f56c6c', '#c0c4cc', '#409eff'],
    grid: { left: 40, right: 44, top: 36, bottom: 28 },
    legend: { top: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 } },
    tooltip: {
      ...baseTooltip, trigger: 'axis',
      formatter: (ps) => {
        const b = f.buckets[ps[0].dataIndex]
        return tooltipLines(t('dash.followups.times', { l: b.label }), [
          [t('dash.followups.won'), b.won], [t('dash.followups.lost'), b.decided - b.won], [t('dash.followups.open'), b.open],
          [t('dash.followups.conversion'), pct(b.conversion, 0)],
        ])
      },
    },
    xAxis: { type: 'category', data: labels },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => Math.round(v * 100) + '%' }, splitLine: { show: false } },
    ],
    series: [
      { name: t('dash.followups.won'), type: 'bar', stack: 'n', barMaxWidth: 28, data: f.buckets.map((b) => b.won) },
      { name: t('dash.followups.lost'), type: 'bar', stack: 'n', data: f.buckets.map((b) => b.decided - b.won) },
      { name: t('dash.followups.open'), type: 'bar', stack: 'n', data: f.buckets.map((b) => b.open) },
      { name: t('dash.followups.conversion'), type: 'line', yAxisIndex: 1, data: f.buckets.map((b) => b.conversion) },
    ],
  }
}
