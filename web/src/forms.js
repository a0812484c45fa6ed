// Helpers for forms: put the API's error next to the field it names
// (error.field), or show it as a message when no field of the form matches.
import { reactive } from 'vue'
import { ElMessage } from 'element-plus'

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
      errors[err.field] = err.inline || err.message
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
