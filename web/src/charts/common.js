// Shared pieces of the chart option builders: number formats for axes and
// tooltips, the palette, and the count of plotted points (the pages put it
// in a data-points attribute, which the browser tests read).
import { t, lang, formatMoney, formatPercent } from '../i18n.js'

export const PALETTE = ['#409eff', '#67c23a', '#e6a23c', '#f56c6c', '#909399', '#9b59b6', '#1abc9c', '#34495e']

// Short money for axes and labels: ¥27.3万 / ¥1.2亿 in Chinese, ¥27.3k / ¥1.2M in English.
export function compactYuan(yuan) {
  if (yuan === null || yuan === undefined || yuan === '') return '—'
  const n = Number(yuan)
  if (!Number.isFinite(n)) return String(yuan)
  const a = Math.abs(n)
  const fmt = (v, unit) => (v < 0 ? '-¥' : '¥') + (Math.round(Math.abs(v) * 10) / 10).toString() + unit
  if (lang.value === 'en') {
    if (a >= 1e9) return fmt(n / 1e9, 'B')
    if (a >= 1e6) return fmt(n / 1e6, 'M')
    if (a >= 1e3) return fmt(n / 1e3, 'k')
    return (n < 0 ? '-¥' : '¥') + Math.round(Math.abs(n))
  }
  if (a >= 1e8) return fmt(n / 1e8, '亿')
  if (a >= 1e4) return fmt(n / 1e4, '万')
  return (n < 0 ? '-¥' : '¥') + Math.round(Math.abs(n))
}

export const fenToYuan = (fen) => (fen === null || fen === undefined ? null : Number(fen) / 100)
export const money = (yuan) => formatMoney(yuan)
export const pct = (p, d = 0) => formatPercent(p, d)

// Escape text put into an HTML tooltip (customer names come from users).
export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]))
}

export function tooltipLines(title, rows) {
  const body = rows.map(([k, v]) => `${esc(k)}：<b>${esc(v)}</b>`).join('<br/>')
  return title ? `<b>${esc(title)}</b><br/>${body}` : body
}

export function pointCount(option) {
  if (!option || !option.series) return 0
  return option.series.reduce((n, s) => n + (Array.isArray(s.data) ? s.data.length : 0), 0)
}

export const baseTooltip = { confine: true, backgroundColor: 'rgba(255,255,255,0.96)', textStyle: { color: '#303133', fontSize: 12 } }

export { t }
