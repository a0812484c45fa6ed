// Helpers for forms: put the API's error next to the field it names
// (error.field), or show it as a message when no field of the form matches.
import { inject, onBeforeUnmount, provide, reactive, ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { api, listAll } from './api.js'
import { t } from './i18n.js'

// A reactive {field: message} map for el-form-item :error.
export function useFieldErrors() {
  const errors = reactive({})
  function clear() {
    for (const k of Object.keys(errors)) delete errors[k]
  }
  // Shows err beside its field if the form has it; returns true if placed.
  function show(err, fields) {
    clear()
    if (err && err.field && (!fields || fields.includes(err.field))) {
      errors[err.field] = err.message
      return true
    }
    ElMessage.error(err && err.message ? err.message : String(err))
    return false
  }
  return { errors, clear, show }
}

// Drop empty strings so optional fields are left out rather than sent blank.
export function compact(obj) {
  const out = {}
  for (const [k, v] of Object.entries(obj)) {
    if (v === '' || v === undefined || v === null) continue
    out[k] = v
  }
  return out
}

// A date as the API takes it: YYYY-MM-DD of a day that exists (2026-02-30
// and 2026-13-45 are refused, not rolled over as Element Plus's parser does).
export function isIsoDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1]
}

// The date fields of a form tell it when they hold a refused typed date,
// so that the form sends nothing: provideDateChecks() in the form (returns
// bad(): is any refused), useDateCheck() in DateField.vue.
const DATE_CHECKS = Symbol('dateChecks')
export function provideDateChecks() {
  const refused = reactive(new Set())
  provide(DATE_CHECKS, refused)
  return { bad: () => refused.size > 0 }
}
export function useDateCheck() {
  const refused = inject(DATE_CHECKS, null)
  const key = Symbol('date')
  onBeforeUnmount(() => refused?.delete(key))
  return (isBad) => {
    if (!refused) return
    if (isBad) refused.add(key)
    else refused.delete(key)
  }
}

// Ask `question`, then DELETE `path`: true once deleted (with `done` shown),
// false when the user says no or the API refuses (its message shown).
export async function confirmDelete(question, path, done) {
  try {
    await ElMessageBox.confirm(question, t('common.delete'), { type: 'warning', confirmButtonText: t('act.confirmOk'), cancelButtonText: t('act.cancel') })
  } catch {
    return false
  }
  try {
    await api.del(path)
    ElMessage.success(done)
    return true
  } catch (e) {
    ElMessage.error(e.message)
    return false
  }
}

// A small collection loaded whole (listAll) with its loading flag; an error
// shows as a message and leaves the last list.
export function useListAll(path, params = {}) {
  const items = ref([])
  const loading = ref(false)
  async function load() {
    loading.value = true
    try {
      items.value = await listAll(path, typeof params === 'function' ? params() : params)
    } catch (e) {
      ElMessage.error(e.message)
    } finally {
      loading.value = false
    }
  }
  return { items, loading, load }
}
