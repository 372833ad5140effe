// Electron's own install script is not allowed to run (package.json
// "allowScripts"), because where its binary host cannot be reached it fails
// and npm then throws the whole install away. Here we try the same download
// and carry on without it: `npm start` falls back to the browser shell.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
let installer;
try {
  installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
} catch {
  console.log('library-desk: electron is not installed; `npm start` will use the browser shell.');
  process.exit(0);
}
if (!existsSync(installer)) process.exit(0);
const run = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
if (run.status === 0) {
  console.log('library-desk: Electron binary installed.');
} else {
  console.log(
    'library-desk: the Electron binary could not be downloaded here; `npm start` will use the browser shell.',
  );
}
