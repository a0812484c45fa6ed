// The customer list's filters and their options, shared by the customer list
// (Customers.vue) and a campaign's audience (CampaignDialog.vue), so both
// offer the same classes and values: the metric filters take several values
// or "none" (not classified yet), the enum filters one value each.
import { t, enumOptions } from './i18n.js'

// [query parameter, label key]
export const metricFilters = [['abc_class', 'view.abc'], ['grid_tier', 'view.tier'], ['lifecycle', 'view.lifecycle'], ['loyalty', 'view.loyalty']]
// [query parameter, enum kind, field label]
export const enumFilters = [['grade', 'grade', 'grade'], ['segment', 'segment', 'segment'], ['source', 'source', 'source'], ['nature', 'nature', 'nature']]

export const metricOptions = (kind) => [...enumOptions(kind), { value: 'none', label: t('customers.notClassified') }]

// "none" goes alone: picking it clears the classes, and a class clears it.
export function soleNone(v) {
  if (v.length > 1 && v.includes('none')) return v[v.length - 1] === 'none' ? ['none'] : v.filter((x) => x !== 'none')
  return v
}
