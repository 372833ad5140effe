import { existsSync } from 'node:fs';
import path from 'node:path';

/** The e2e tests run against the built app; say so plainly when it is missing. */
export default function globalSetup(): void {
  const root = path.resolve(import.meta.dirname, '..', '..');
  for (const file of ['out/renderer/index.html', 'out/main/web.js']) {
    if (!existsSync(path.join(root, file))) {
      throw new Error(`${file} is missing: run \`npm run build\` before the e2e tests.`);
    }
  }
}
