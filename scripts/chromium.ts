/**
 * The Chromium that the browser tests and `npm run screenshots` drive: CHROMIUM_PATH, else the first Chromium or
 * Chrome on PATH (.ci/run installs Debian's chromium).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Names a Chromium or Chrome goes by on PATH (Debian: chromium; Ubuntu: chromium-browser). */
const chromiumNames = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

const installChromium =
  'install it (Debian/Ubuntu: `sudo apt-get install chromium`; Fedora: `sudo dnf install chromium`) ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome executable ' +
  '(macOS: CHROMIUM_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")';

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** CHROMIUM_PATH, else the first Chromium or Chrome on PATH; a clear error naming how to get one otherwise. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROMIUM_PATH) {
    if (isExecutableFile(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file: ${installChromium}`);
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter((entry) => entry.length > 0)) {
    for (const name of chromiumNames) {
      if (isExecutableFile(join(dir, name))) return join(dir, name);
    }
  }
  throw new Error(`The browser tests need Chromium and found none on PATH (looked for ${chromiumNames.join(', ')}): ${installChromium}`);
}
