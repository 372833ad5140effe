// Type-check the Node side, the web side and — where the electron package (and
// so its typings) is installed — the Electron shell.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from './build-state.mjs';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const run = (args) => spawnSync(process.execPath, [tsc, ...args], { cwd: root, stdio: 'inherit' }).status === 0;

let ok = run(['-b', 'tsconfig.json']);
if (existsSync(path.join(root, 'node_modules', 'electron', 'electron.d.ts'))) {
  ok = run(['-p', 'tsconfig.electron.json']) && ok;
} else {
  console.log(
    'typecheck: electron is not installed here, so electron/main and electron/preload were not type-checked.',
  );
}
process.exit(ok ? 0 : 1);
