// Routes of the single-page app. Every page but login and setup needs a
// session; the guard asks /me once and sends strangers to /login.
import { createRouter, createWebHistory } from 'vue-router'
import { session, loadMe } from './session.js'

const routes = [
  { path: '/login', name: 'login', component: () => import('./views/Login.vue'), meta: { public: true } },
  { path: '/setup', name: 'setup', component: () => import('./views/Setup.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('./views/Layout.vue'),
    children: [
      { path: '', redirect: '/dashboard' },
      { path: 'dashboard', name: 'dashboard', component: () => import('./views/Dashboard.vue'), meta: { menu: 'dashboard' } },
      { path: 'leads', name: 'leads', component: () => import('./views/Leads.vue'), meta: { menu: 'leads' } },
      { path: 'customers', name: 'customers', component: () => import('./views/Customers.vue'), meta: { menu: 'customers' } },
      { path: 'customers/:id(\\d+)', name: 'customer', component: () => import('./views/Customer360.vue'), meta: { menu: 'customers' } },
      { path: 'call', name: 'call', component: () => import('./views/IncomingCall.vue'), meta: { menu: 'call' } },
      { path: 'pool', name: 'pool', component: () => import('./views/Pool.vue'), meta: { menu: 'pool' } },
      { path: 'visits', name: 'visits', component: () => import('./views/Visits.vue'), meta: { menu: 'visits' } },
      { path: 'visits/new', name: 'visit-new', component: () => import('./views/VisitForm.vue'), meta: { menu: 'visits' } },
      { path: 'visits/:id(\\d+)', name: 'visit-edit', component: () => import('./views/VisitForm.vue'), meta: { menu: 'visits' } },
      { path: 'pipeline', name: 'pipeline', component: () => import('./views/Pipeline.vue'), meta: { menu: 'pipeline' } },
      { path: 'approvals', name: 'approvals', component: () => import('./views/Approvals.vue'), meta: { menu: 'approvals' } },
      { path: 'products', name: 'products', component: () => import('./views/Products.vue'), meta: { menu: 'products' } },
      { path: 'contracts', name: 'contracts', component: () => import('./views/Contracts.vue'), meta: { menu: 'contracts' } },
      { path: 'receipts', name: 'receipts', component: () => import('./views/Receipts.vue'), meta: { menu: 'receipts' } },
      { path: 'approvals', name: 'approvals', component: () => import('./views/Approvals.vue'), meta: { menu: 'approvals' } },
      { path: 'import', name: 'import', component: () => import('./views/Import.vue'), meta: { menu: 'import' } },
      { path: 'settings', name: 'settings', component: () => import('./views/Settings.vue'), meta: { menu: 'settings' } },
    ],
  },
  { path: '/:rest(.*)*', redirect: '/dashboard' },
]

export const router = createRouter({ history: createWebHistory(), routes })

let checked = false
router.beforeEach(async (to) => {
  if (to.meta.public) return true
  if (!checked || !session.me) {
    checked = true
    try {
      await loadMe()
    } catch {
      /* network trouble: the page shows its own error */
    }
  }
  if (!session.me) return { name: 'login', query: to.fullPath !== '/dashboard' ? { next: to.fullPath } : {} }
  return true
})
