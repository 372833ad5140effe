import os from 'node:os';
import path from 'node:path';

/**
 * Where the desk keeps its database when not told otherwise:
 * LIBRARY_DESK_DATA_DIR, else the platform's per-user application data folder.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.LIBRARY_DESK_DATA_DIR) return path.resolve(env.LIBRARY_DESK_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Library Desk');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Library Desk');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'library-desk');
}
