// A small i18n: Chinese by default, English by a switch remembered in
// localStorage. t('a.b', {n: 3}) looks the key up in the current language,
// falls back to Chinese, then to the key itself. enumLabel(kind, value)
// names an API enum value (segment, lifecycle, ...) for people.
import { ref, computed } from 'vue'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import en from 'element-plus/es/locale/lang/en'
import { messages } from './messages.js'

const KEY = 'kehu.lang'
const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null
export const lang = ref(stored === 'en' ? 'en' : 'zh')

export const elementLocale = computed(() => (lang.value === 'en' ? en : zhCn))

export function setLang(l) {
  lang.value = l === 'en' ? 'en' : 'zh'
  localStorage.setItem(KEY, lang.value)
  document.documentElement.lang = lang.value === 'en' ? 'en' : 'zh-CN'
}

function lookup(dict, key) {
  let v = dict
  for (const part of key.split('.')) {
    if (v == null || typeof v !== 'object') return undefined
    v = v[part]
  }
  return v
}

export function t(key, params) {
  let s = lookup(messages[lang.value], key)
  if (s === undefined) s = lookup(messages.zh, key)
  if (typeof s !== 'string') return key
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (params[k] !== undefined ? String(params[k]) : m))
  return s
}

// Label of an enum value; unknown values are shown as they are.
export function enumLabel(kind, value) {
  if (value === null || value === undefined || value === '') return ''
  const s = lookup(messages[lang.value], `enum.${kind}.${value}`) ?? lookup(messages.zh, `enum.${kind}.${value}`)
  return typeof s === 'string' ? s : String(value)
}

// The options of an enum for a select: [{value, label}].
export function enumOptions(kind) {
  const dict = messages.zh.enum[kind] || {}
  return Object.keys(dict).map((value) => ({ value, label: enumLabel(kind, value) }))
}

// Label of an API field name.
export function fieldLabel(entity, name) {
  const s = lookup(messages[lang.value], `field.${entity}.${name}`) ?? lookup(messages.zh, `field.${entity}.${name}`)
  return typeof s === 'string' ? s : name
}

export function formatMoney(v) {
  if (v === null || v === undefined || v === '') return '—'
  const n = Number(v)
  if (!Number.isFinite(n)) return String(v)
  // The sign goes before the currency: -¥600.00, as accountants write it.
  const text = Math.abs(n).toLocaleString(lang.value === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  return (n < 0 ? '-¥' : '¥') + text
}

export function formatPercent(p, digits = 0) {
  if (p === null || p === undefined) return '—'
  return (Number(p) * 100).toFixed(digits) + '%'
}
