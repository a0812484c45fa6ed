// The kehu web UI: Vue 3, Element Plus (zh-CN by default), ECharts.
import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { router } from './router.js'
import { setUnauthenticatedHandler } from './api.js'
import { session } from './session.js'
import { lang } from './i18n.js'
import './style.css'

document.documentElement.lang = lang.value === 'en' ? 'en' : 'zh-CN'

setUnauthenticatedHandler(() => {
  session.me = null
  const cur = router.currentRoute.value
  if (cur.name !== 'login') router.replace({ name: 'login', query: { next: cur.fullPath } })
})

createApp(App).use(ElementPlus).use(router).mount('#app')
