// better-sqlite3 for Electron's ABI, kept apart from the Node build that the
// tests and the browser shell use: a copy of the package under
// .electron-native/, built there (prebuilt binary first, then node-gyp), and
// handed to the core as `nativeBinding`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from './build-state.mjs';

const require = createRequire(import.meta.url);

export function electronSqliteBinding() {
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const dir = path.join(root, '.electron-native', `electron-${electronVersion}`, 'better-sqlite3');
  const binding = path.join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  cpSync(path.dirname(require.resolve('better-sqlite3/package.json')), dir, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build${path.sep}`),
  });
  const prebuild = path.join(
    path.dirname(require.resolve('better-sqlite3/package.json')),
    '..',
    'prebuild-install',
    'bin.js',
  );
  // npm tells its scripts where its own node-gyp is.
  const nodeGyp = process.env.npm_config_node_gyp;
  const attempts = [
    [prebuild, ['--runtime', 'electron', '--target', electronVersion]],
    [
      nodeGyp,
      [
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion}`,
        '--dist-url=https://electronjs.org/headers',
      ],
    ],
  ];
  for (const [cli, args] of attempts) {
    if (!cli || !existsSync(cli)) continue;
    const run = spawnSync(process.execPath, [cli, ...args], { cwd: dir, stdio: 'inherit' });
    if (run.status === 0 && existsSync(binding)) return binding;
  }
  return undefined;
}
