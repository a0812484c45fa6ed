// The kehu web UI: Vue 3, Element Plus (zh-CN by default), ECharts.
import { createApp } from 'vue'
// Element Plus components come with the pages that use them (vite.config.js);
// the services called from script (ElMessage, ElMessageBox, ...) are not
// seen in templates, so their stylesheets are loaded here, once.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/notification/style/css'
import 'element-plus/es/components/loading/style/css'
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

createApp(App).use(router).mount('#app')
