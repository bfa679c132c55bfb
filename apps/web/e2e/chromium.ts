import { existsSync } from 'node:fs';

/** The system Chromium (Playwright's browser download does not work here); a missing one fails the run with how to fix it. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. The browser tests need it: install it with \`sudo apt-get install -y chromium\` ` +
        '(Debian/Ubuntu; .ci/run does this in CI) or point CHROMIUM_PATH at a Chromium/Chrome binary.',
    );
  }
  return path;
}
