// Lead-to-cash helpers shared by the contract and receipt pages, the 360°
// tab and the approval queue: the approval actions (POST
// /{contracts,receivables}/{id}/{submit,approve,reject,cancel}) asked for
// and confirmed in the UI's language, and the status tags' colours.
import { ElMessage, ElMessageBox } from 'element-plus'
import { api, listAll } from './api.js'
import { t } from './i18n.js'

export const statusTag = {
  draft: 'info', review: 'warning', approved: 'success', rejected: 'danger', cancelled: 'info',
  pending: 'info', partly_paid: 'warning', paid: 'success', overdue: 'danger',
}

// What a record in `status` offers (the API decides who may; a refusal shows its message).
export function actionsOf(status) {
  return {
    edit: status === 'draft' || status === 'rejected',
    submit: status === 'draft' || status === 'rejected',
    decide: status === 'review',
    cancel: status === 'draft' || status === 'rejected' || status === 'approved',
  }
}

// Ask what the action needs (a comment for approve and reject, required for
// reject; a confirmation for cancel), then call it: the record after, or
// null when the user said no or the API refused (its message shown).
export async function approvalAction(path, rec, verb) {
  const name = rec.number || rec.name || `#${rec.id}`
  let body = {}
  try {
    if (verb === 'approve' || verb === 'reject') {
      const required = verb === 'reject'
      const { value } = await ElMessageBox.prompt(t(required ? 'cash.rejectLabel' : 'cash.commentLabel'), t(`cash.${verb}Title`, { n: name }), {
        confirmButtonText: t(`cash.${verb}`), cancelButtonText: t('act.cancel'), inputType: 'textarea',
        inputValidator: (v) => {
          const s = (v || '').trim()
          if (required && !s) return t('cash.commentRequired')
          if ([...s].length > 500) return t('cash.commentTooLong')
          return true
        },
      })
      if ((value || '').trim()) body = { comment: value.trim() }
    } else if (verb === 'cancel') {
      await ElMessageBox.confirm(t('cash.cancelConfirm'), t('cash.cancelTitle', { n: name }), {
        type: 'warning', confirmButtonText: t('act.confirmOk'), cancelButtonText: t('act.cancel'),
      })
    }
  } catch {
    return null
  }
  try {
    const out = await api.post(`${path}/${rec.id}/${verb}`, body)
    ElMessage.success(t(`cash.${verb === 'submit' ? 'submitted' : verb === 'approve' ? 'approved' : verb === 'reject' ? 'rejected' : 'cancelled'}`))
    return out
  } catch (e) {
    ElMessage.error(e.message)
    return null
  }
}

// The contracts a plan or receipt may name, newest first, for a picker that
// is not fixed to one contract; [] if they cannot be read (ids show instead).
export async function pickableContracts(keep = () => true) {
  try {
    return (await listAll('/contracts', { sort: '-id' })).filter(keep)
  } catch {
    return []
  }
}

// Save a plan or receipt (path '/receivable_plans' or '/receivables'): an
// edit of rec, or a new one under the given contract when there is one.
export function saveUnderContract(path, contract, rec, body) {
  if (rec) return api.patch(`${path}/${rec.id}`, body)
  return api.post(path, contract ? { contract: contract.id, ...body } : body)
}
