import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { installExtension, startCodeServer } from './codeServer';
import { loadPlaywright } from './playwright';
const F = '/root/.cache/apache-ssl-e2e/code-server-4.100.3-playwright-1.56.1/node_modules/';
void (async () => {
  const temp = mkdtempSync('/tmp/e2e-dbg/x');
  installExtension(F + 'code-server/out/node/entry.js', join(temp, 'cs'), '/tmp/cs-inspect/apache-ssl.vsix');
  const cs = await startCodeServer(F + 'code-server/out/node/entry.js', join(temp, 'cs'), process.argv[2], 30000);
  const browser = await loadPlaywright(F + 'playwright-core').chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(`${cs.url}?folder=${encodeURIComponent(process.argv[2])}`);
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'seed-mtls-proxy.conf' }).click({ timeout: 60_000 });
    await page.locator('.view-line', { hasText: 'SSLCertificateFile' }).first().waitFor();
    await page.locator('[id="status.editor.mode"]', { hasText: 'Apache' }).waitFor();
    await page.locator('.squiggly-warning, .squiggly-error').first().waitFor();
    console.log(await page.locator('.view-line', { hasText: 'SSLCertificateFile' }).first().evaluate((e: unknown) => (e as { outerHTML: string }).outerHTML));
    const code = process.env.DBG;
    if (code) await (new Function('page', `return (async () => { ${code} })()`))(page);
    await page.screenshot({ path: '/tmp/e2e-dbg/shot.png' });
  } finally {
    await browser.close();
    await cs.stop();
  }
})();
