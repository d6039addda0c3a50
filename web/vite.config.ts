import { defineConfig } from 'vite';

// Node's globals without pulling in @types/node.
declare const process: { env: Record<string, string | undefined> };
const backend = process.env.AB_DEV_BACKEND || 'http://127.0.0.1:7990';

export default defineConfig({
  // Hash routing keeps every page at `/`, so absolute asset URLs are safe.
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../rest_bridge/autobangumi_bridge/webui',
    emptyOutDir: true,
    target: 'es2020',
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 250,
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/posters': { target: backend, changeOrigin: false },
    },
  },
});
