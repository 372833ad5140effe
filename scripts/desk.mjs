// `npm run desk -- [--data-dir DIR] [--port PORT] [--demo]`: the browser shell.
import { ensureBuilt } from './run-build.mjs';

ensureBuilt();
// The built shell reads the same command-line arguments.
await import('../out/main/web.js');
