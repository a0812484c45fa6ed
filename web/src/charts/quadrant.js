// Option builder of the quadrant scatter (DOMAIN §5): one series per
// quadrant, dashed lines at the two cut points; points carry the customer
// id so the page can open the customer on a click.
import { enumLabel, formatMoney } from '../i18n.js'
import { t, compactYuan, tooltipLines, baseTooltip } from './common.js'

export const MATRICES = ['value_response', 'value_loyalty', 'direct_indirect', 'volume_profit', 'current_potential']
const COLORS = ['#67c23a', '#e6a23c', '#409eff', '#909399'] // high/high, high/low, low/high, low/low

// A value of an axis in the unit people read: yuan for fen, % for margins.
export function axisValue(axis, v) {
  if (v === null || v === undefined) return null
  return axis.unit === 'fen' ? v / 100 : v
}

// v in the API's unit (fen for money).
export function formatAxis(axis, v, compact = true) {
  if (v === null || v === undefined) return '—'
  if (axis.unit === 'fen') return compact ? compactYuan(v / 100) : formatMoney(v / 100)
  if (axis.metric === 'margin') return Math.round(v * 1000) / 10 + '%'
  if (axis.unit === 'count') return String(Math.round(v))
  return String(Math.round(v * 100) / 100)
}

const metricName = (axis) => {
  const k = 'dash.quad.metrics.' + axis.metric
  const s = t(k)
  return s === k ? axis.metric : s
}

export function quadrantOption(q, narrow = false) {
  if (!q || !q.points || q.points.length === 0) return null
  const quads = q.quadrants || []
  const series = quads.map((qd, i) => ({
    name: enumLabel('quadrant', qd.quadrant),
    type: 'scatter',
    symbolSize: q.points.length > 500 ? 5 : 8,
    itemStyle: { color: COLORS[i % COLORS.length], opacity: 0.75 },
    emphasis: { focus: 'series' },
    data: q.points.filter((p) => p.quadrant === qd.quadrant)
      .map((p) => ({ value: [axisValue(q.x, p.x), axisValue(q.y, p.y)], id: p.customer_id, name: p.name })),
  }))
  const marks = []
  if (q.x.cut !== null && q.x.cut !== undefined) marks.push({ xAxis: axisValue(q.x, q.x.cut) })
  if (q.y.cut !== null && q.y.cut !== undefined) marks.push({ yAxis: axisValue(q.y, q.y.cut) })
  if (series.length) series[0].markLine = { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: '#c45656', type: 'dashed' }, data: marks }
  const axisLabel = (axis) => ({ formatter: (v) => formatAxis(axis, axis.unit === 'fen' ? v * 100 : v), hideOverlap: true })
  return {
    grid: { left: 56, right: 20, top: narrow ? 72 : 56, bottom: 48 },
    legend: {
      top: 0, type: 'plain', itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 },
      formatter: (name) => {
        const qd = quads.find((x) => enumLabel('quadrant', x.quadrant) === name)
        return qd ? `${name} ${qd.count}` : name
      },
    },
    tooltip: {
      ...baseTooltip, trigger: 'item',
      formatter: (p) => {
        const [x, y] = p.data.value
        return tooltipLines(p.data.name, [
          [metricName(q.x), formatAxis(q.x, q.x.unit === 'fen' ? x * 100 : x, false)],
          [metricName(q.y), formatAxis(q.y, q.y.unit === 'fen' ? y * 100 : y, false)],
          [t('dash.quad.matrix'), p.seriesName],
        ])
      },
    },
    xAxis: { type: 'value', scale: false, name: metricName(q.x), nameLocation: 'middle', nameGap: 28, axisLabel: axisLabel(q.x), splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'value', name: metricName(q.y), nameLocation: 'end', nameGap: 8, nameTextStyle: { align: 'left' }, axisLabel: axisLabel(q.y), splitLine: { lineStyle: { type: 'dashed' } } },
    dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'empty' }, { type: 'inside', yAxisIndex: 0, filterMode: 'empty' }],
    series,
  }
}
