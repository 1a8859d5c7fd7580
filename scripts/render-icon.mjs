// Renders images/icon.svg to images/icon.png (256×256, transparent corners)
// with Debian's headless Chromium. The PNG is checked in; run this after
// changing the SVG: node scripts/render-icon.mjs
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const images = join(dirname(fileURLToPath(import.meta.url)), '..', 'images');
const run = spawnSync(
  '/usr/bin/chromium',
  ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--default-background-color=00000000', '--window-size=256,256',
    `--screenshot=${join(images, 'icon.png')}`, pathToFileURL(join(images, 'icon.svg')).href],
  { encoding: 'utf8', timeout: 60_000 },
);
if (run.status !== 0) {
  console.error(run.stderr || run.error?.message);
  process.exit(1);
}
console.log(`wrote ${join(images, 'icon.png')}`);
