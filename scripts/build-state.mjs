// Is out/ older than the sources it was built from? Shared by `npm run desk` and `npm start`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');
const sources = ['electron', 'shared', 'renderer', 'electron.vite.config.ts', 'package.json'];
const outputs = ['out/main/index.js', 'out/main/web.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

function newest(file) {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(file)) latest = Math.max(latest, newest(path.join(file, entry)));
  return latest;
}

export function buildIsStale() {
  const built = outputs.map((f) => path.join(root, f));
  if (!built.every((f) => existsSync(f))) return true;
  const oldestOutput = Math.min(...built.map((f) => statSync(f).mtimeMs));
  return sources.some((s) => existsSync(path.join(root, s)) && newest(path.join(root, s)) > oldestOutput);
}
