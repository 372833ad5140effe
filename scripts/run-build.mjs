import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { buildIsStale, root } from './build-state.mjs';

const require = createRequire(import.meta.url);

/** Build the three bundles when the sources are newer than out/. */
export function ensureBuilt() {
  if (!buildIsStale()) return;
  console.log('library-desk: building (electron-vite build)…');
  const cli = require.resolve('electron-vite/bin/electron-vite.js');
  const run = spawnSync(process.execPath, [cli, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
