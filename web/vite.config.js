// Vite build of the kehu web UI. `npm run build` writes web/dist, which
// tools/embed_assets.py turns into C arrays linked into the kehu binary.
// `npm run dev` proxies /api to a `kehu serve` on KEHU_API (default :8080).
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // Libraries change less often than our code: separate, long-cached chunks.
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts'
          if (id.includes('node_modules/element-plus') || id.includes('node_modules/@element-plus')) return 'element-plus'
          if (id.includes('node_modules/')) return 'vendor'
        },
      },
    },
  },
  server: {
    proxy: { '/api': process.env.KEHU_API || 'http://127.0.0.1:8080' },
  },
})
