// `npm start`: the Electron desk where Electron's binary is installed,
// otherwise the browser shell, saying why in one line.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { root } from './build-state.mjs';
import { electronSqliteBinding } from './electron-native.mjs';
import { ensureBuilt } from './run-build.mjs';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when the binary is missing.
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

ensureBuilt();
const binary = electronBinary();
const binding = binary ? electronSqliteBinding() : undefined;
if (binary && binding) {
  const child = spawn(binary, [root, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, LIBRARY_DESK_SQLITE_BINDING: binding },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = binary
    ? 'better-sqlite3 could not be built for Electron here'
    : 'the Electron binary is not installed on this machine';
  console.log(`library-desk: ${why}; starting the browser shell instead — open the address below.`);
  await import('../out/main/web.js');
}
