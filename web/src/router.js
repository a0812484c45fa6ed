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
      { path: '', redirect: '/home' },
      // after login: a rep's home or a manager's (issue 14)
      { path: 'home', name: 'home', component: () => import('./views/Home.vue'), meta: { menu: 'home' } },
      { path: 'targets', name: 'targets', component: () => import('./views/Targets.vue'), meta: { menu: 'targets' } },
      { path: 'dashboard', name: 'dashboard', component: () => import('./views/Dashboard.vue'), meta: { menu: 'dashboard' } },
      { path: 'todos', name: 'todos', component: () => import('./views/Todos.vue'), meta: { menu: 'todos' } },
      { path: 'leads', name: 'leads', component: () => import('./views/Leads.vue'), meta: { menu: 'leads' } },
      { path: 'customers', name: 'customers', component: () => import('./views/Customers.vue'), meta: { menu: 'customers' } },
      { path: 'customers/:id(\\d+)', name: 'customer', component: () => import('./views/Customer360.vue'), meta: { menu: 'customers' } },
      { path: 'call', name: 'call', component: () => import('./views/IncomingCall.vue'), meta: { menu: 'call' } },
      { path: 'pool', name: 'pool', component: () => import('./views/Pool.vue'), meta: { menu: 'pool' } },
      { path: 'visits', name: 'visits', component: () => import('./views/Visits.vue'), meta: { menu: 'visits' } },
      { path: 'visits/new', name: 'visit-new', component: () => import('./views/VisitForm.vue'), meta: { menu: 'visits' } },
      { path: 'visits/:id(\\d+)', name: 'visit-edit', component: () => import('./views/VisitForm.vue'), meta: { menu: 'visits' } },
      { path: 'reports', name: 'reports', component: () => import('./views/Reports.vue'), meta: { menu: 'reports' } },
      { path: 'statistics', name: 'statistics', component: () => import('./views/Statistics.vue'), meta: { menu: 'statistics' } },
      // e-mail campaigns and greetings (issue 15)
      { path: 'campaigns', name: 'campaigns', component: () => import('./views/Campaigns.vue'), meta: { menu: 'campaigns' } },
      { path: 'campaigns/:id(\\d+)', name: 'campaign', component: () => import('./views/Campaign.vue'), meta: { menu: 'campaigns' } },
      { path: 'greetings', name: 'greetings', component: () => import('./views/Greetings.vue'), meta: { menu: 'greetings' } },
      { path: 'pipeline', name: 'pipeline', component: () => import('./views/Pipeline.vue'), meta: { menu: 'pipeline' } },
      { path: 'approvals', name: 'approvals', component: () => import('./views/Approvals.vue'), meta: { menu: 'approvals' } },
      { path: 'products', name: 'products', component: () => import('./views/Products.vue'), meta: { menu: 'products' } },
      { path: 'contracts', name: 'contracts', component: () => import('./views/Contracts.vue'), meta: { menu: 'contracts' } },
      { path: 'receipts', name: 'receipts', component: () => import('./views/Receipts.vue'), meta: { menu: 'receipts' } },
      { path: 'approvals', name: 'approvals', component: () => import('./views/Approvals.vue'), meta: { menu: 'approvals' } },
      { path: 'import', name: 'import', component: () => import('./views/Import.vue'), meta: { menu: 'import' } },
      { path: 'me/settings', name: 'my-settings', component: () => import('./views/MySettings.vue'), meta: { menu: 'mySettings' } },
      { path: 'settings', name: 'settings', component: () => import('./views/Settings.vue'), meta: { menu: 'settings' } },
    ],
  },
  { path: '/:rest(.*)*', redirect: '/home' },
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
  if (!session.me) return { name: 'login', query: to.fullPath !== '/home' && to.fullPath !== '/' ? { next: to.fullPath } : {} }
  return true
})
