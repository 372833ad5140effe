import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * One build, three bundles: the Electron main process (with the browser shell
 * beside it as out/main/web.js, run by plain Node, and the import's reader
 * thread as out/main/import-reader.js), the sandboxed preload
 * (CommonJS, dependencies bundled), and the React renderer.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          web: resolve(import.meta.dirname, 'electron/web/cli.ts'),
          // The catalogue import's reader thread: both shells start it from out/main/import-reader.js.
          'import-reader': resolve(import.meta.dirname, 'electron/core/catalog/import/reader-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/preload/index.ts'),
          // The self-service kiosk window: the kiosk channels only.
          kiosk: resolve(import.meta.dirname, 'electron/preload/kiosk.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // A smaller bundle parses faster at every start of the desk.
      minify: true,
      rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});
