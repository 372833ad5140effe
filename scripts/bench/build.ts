import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './results';

export const webEntry = path.join(projectRoot, 'out', 'main', 'web.js');
const rendererIndex = path.join(projectRoot, 'out', 'renderer', 'index.html');

/** The browser shell figures need the built shell; build it once when it is missing. */
export function ensureBuilt(log: (line: string) => void): void {
  if (existsSync(webEntry) && existsSync(rendererIndex)) return;
  log('out/ is missing: running electron-vite build …');
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(webEntry)) throw new Error('electron-vite build failed');
}
