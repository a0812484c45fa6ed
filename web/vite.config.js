// Vite build of the kehu web UI. `npm run build` writes web/dist, which
// tools/embed_assets.py turns into C arrays linked into the kehu binary.
// `npm run dev` proxies /api to a `kehu serve` on KEHU_API (default :8080).
//
// Element Plus is not installed whole: unplugin-vue-components resolves each
// <el-*> tag and v-loading in a template to its component and stylesheet, so
// a page's chunk carries only what that page shows and nobody keeps a list.
// Views are lazy routes (router.js) and ECharts is reached only through the
// lazy EChart component, so the first paint loads neither the other pages
// nor the charts.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

export default defineConfig({
  plugins: [
    vue(),
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dirs: [], // our own components are imported by name, as before
      dts: false,
    }),
  ],
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        // ECharts changes less often than our code: its own long-cached chunk.
        // Everything else Rollup splits by the pages that use it.
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts'
        },
      },
    },
  },
  server: {
    proxy: { '/api': process.env.KEHU_API || 'http://127.0.0.1:8080' },
  },
})
