// The extension in a real VS Code workbench: the .vsix that `npm run package`
// builds is installed into code-server (VS Code for the browser, the same
// extension host as the desktop app) and driven through Debian's Chromium
// with playwright-core, as a person would: open the seed config, read the
// status bar, the colours, the Problems panel, a hover, the outline, and
// apply the quick fix from the light-bulb menu.
//
// Run with `npm run test:e2e` (scripts/setup-code-server.mjs installs
// code-server and playwright-core in a cache folder first). Not part of
// `npm test`: its name does not end in .test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { makeCertificate, makeChain } from '../support/testCertificates';
import { installExtension, startCodeServer, type CodeServer } from './codeServer';
import { loadPlaywright, type Browser, type Locator, type Page } from './playwright';

const ROOT = join(__dirname, '..', '..');
const SEED = join(ROOT, 'examples', 'seed-mtls-proxy.conf');
const SCREENSHOTS = join(ROOT, 'docs', 'images');
const CONFIG_NAME = 'seed-mtls-proxy.conf';

interface E2eTools {
  folder: string;
  codeServer: string;
  playwrightCore: string;
  chromium: string;
  ready: string;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const VIEWPORT = { width: 1280, height: 800 };

let temp = '';
let workspace = '';
let codeServer: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
let failed = false;

async function tools(): Promise<E2eTools> {
  const setup = (await import(pathToFileURL(join(ROOT, 'scripts', 'setup-code-server.mjs')).href)) as { e2eTools(): E2eTools };
  const found = setup.e2eTools();
  assert.ok(existsSync(found.ready), `code-server and playwright-core are not installed in ${found.folder}: run \`node scripts/setup-code-server.mjs\` (npm run test:e2e does).`);
  return found;
}

/** The seed config with its certificate paths pointed at real files made now. */
function makeWorkspace(into: string): string {
  const folder = join(into, 'workspace');
  const certs = join(folder, 'certs');
  mkdirSync(certs, { recursive: true });
  const { intermediate, leaf } = makeChain(['example.com']);
  const clientCa = makeCertificate({ commonName: 'Test Client CA', ca: true, keyUsage: ['keyCertSign', 'cRLSign'] });
  const files: Record<string, string> = {
    'server.crt': leaf.cert,
    'server.key': leaf.key,
    'ca_bundle.crt': intermediate.cert,
    'self_ca.crt': clientCa.cert,
  };
  for (const [name, contents] of Object.entries(files)) writeFileSync(join(certs, name), contents);
  const seed = readFileSync(SEED, 'utf8');
  const config = seed.replace(/"\/path\/to\/([^"]+)"/g, (_whole, name: string) => {
    assert.ok(name in files, `the seed names /path/to/${name}, which the test does not make`);
    return `"${join(certs, name)}"`;
  });
  assert.notEqual(config, seed, 'the seed config names certificates under /path/to/');
  writeFileSync(join(folder, CONFIG_NAME), config);
  return folder;
}

function buildVsix(into: string): string {
  const vsix = join(into, 'apache-ssl.vsix');
  const result = spawnSync('npm', ['run', 'package', '--', '--out', vsix], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  assert.equal(result.status, 0, `npm run package failed:\n${result.stdout}${result.stderr}`);
  return vsix;
}

/** A line of the open editor, by text it contains. */
function editorLine(text: string | RegExp): Locator {
  return page.locator('.monaco-editor .view-lines .view-line', { hasText: text }).first();
}

/** The token of `line` whose whole text is `token` (present once the grammar has coloured the line). */
function token(line: Locator, token: string | RegExp): Locator {
  const exact = typeof token === 'string' ? new RegExp(`^\\s*${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : token;
  return line.locator('span > span', { hasText: exact }).first();
}

/**
 * The middle of an editor element, where the mouse goes. Playwright's own
 * hover() and click() scroll an element into view first, which shifts
 * Monaco's lines under its own scrolling; the mouse at coordinates does not.
 */
async function middleOf(element: Locator): Promise<{ x: number; y: number }> {
  await element.waitFor();
  const box = await element.boundingBox();
  assert.ok(box, 'the element is on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function colorOf(element: Locator): Promise<string> {
  return element.evaluate((node: unknown) => (globalThis as unknown as { getComputedStyle(node: unknown): { color: string } }).getComputedStyle(node).color);
}

/** The whole window into docs/images, with fade-in animations run to their end. */
async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, name), animations: 'disabled' });
}

/** Polls `check` until it returns a value, or fails with `what` after `timeoutMs`. */
async function poll<T>(what: string, timeoutMs: number, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

before(async () => {
  try {
    await open();
  } catch (error) {
    failed = true;
    throw error;
  }
}, { timeout: 240_000 });

/** Builds and installs the extension, starts code-server and the browser, and opens the seed config. */
async function open(): Promise<void> {
  const found = await tools();
  temp = mkdtempSync(join(tmpdir(), 'apache-ssl-e2e-'));
  workspace = makeWorkspace(temp);
  const vsix = buildVsix(temp);
  const server = join(temp, 'code-server');
  installExtension(found.codeServer, server, vsix);
  codeServer = await startCodeServer(found.codeServer, server, workspace, 30_000);
  browser = await loadPlaywright(found.playwrightCore).chromium.launch({ executablePath: found.chromium, args: CHROMIUM_ARGS, timeout: 30_000 });
  page = await browser.newPage({ viewport: VIEWPORT });
  page.setDefaultTimeout(30_000);
  await page.goto(`${codeServer.url}?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: CONFIG_NAME }).click({ timeout: 60_000 });
  await editorLine('SSLCertificateFile').waitFor();
  mkdirSync(SCREENSHOTS, { recursive: true });
}

after(async () => {
  if (failed && browser) {
    const shot = join(tmpdir(), `apache-ssl-e2e-failure-${Date.now()}.png`);
    await page.screenshot({ path: shot }).then(
      () => console.log(`screenshot of the failure: ${shot}`),
      () => undefined,
    );
  }
  if (failed && codeServer) console.log(`code-server output:\n${codeServer.output()}`);
  await browser?.close().catch(() => undefined);
  await codeServer?.stop();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/** A test whose failure keeps a screenshot and code-server's output for a look. */
function step(name: string, body: () => Promise<void>): void {
  test(name, { timeout: 60_000 }, async () => {
    try {
      await body();
    } catch (error) {
      failed = true;
      throw error;
    }
  });
}

step('the seed config opens in the Apache language mode (status bar)', async () => {
  const mode = page.locator('[id="status.editor.mode"]');
  await mode.filter({ hasText: /^\s*Apache\s*$/ }).waitFor();
  assert.equal((await mode.innerText()).trim(), 'Apache');
});

step('the grammar colours directives apart from plain text', async () => {
  const line = editorLine('ServerName');
  const directive = token(line, 'ServerName');
  await directive.waitFor();
  const plain = token(line, 'example.com');
  const [directiveColor, plainColor] = [await colorOf(directive), await colorOf(plain)];
  assert.notEqual(directiveColor, plainColor, `ServerName and example.com are both ${plainColor}`);
  // The same scope gets the same colour on another line.
  assert.equal(await colorOf(token(editorLine('SSLEngine'), 'SSLEngine')), directiveColor);
});

step('the outline shows the virtual host and its Location', async () => {
  const collapsed = page.locator('.pane-header[aria-expanded="false"]', { hasText: /^\s*Outline/i });
  if ((await collapsed.count()) > 0) await collapsed.click();
  const rows = page.locator('.outline-pane .monaco-list-row');
  await rows.filter({ hasText: 'VirtualHost *:443 — example.com' }).waitFor();
  await rows.filter({ hasText: 'Location /clientauth' }).waitFor();
});

step('the per-Location client verification finding is in the Problems panel', async () => {
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'Re-negotiation handshake failed' }).first();
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /ssl\/per-dir-client-auth/);
  await screenshot('problems.png');
  // Give the editor its height back for the hover and the quick-fix menu.
  await page.locator('.part.panel [aria-label^="Hide Panel"]').first().click();
  await page.locator('.markers-panel').waitFor({ state: 'hidden' });
});

step('hovering the SSLCertificateFile path shows when the certificate expires', async () => {
  // The first piece of the line with a slash is the start of the path (Monaco
  // renders a long token in pieces, so the path is not one element).
  const pathStart = editorLine('SSLCertificateFile').locator('span > span', { hasText: '/' }).first();
  assert.ok(join(workspace, 'certs', 'server.crt').startsWith(await pathStart.innerText()));
  const at = await middleOf(pathStart);
  await page.mouse.move(at.x, at.y, { steps: 5 });
  const hover = page.locator('.monaco-hover', { hasText: 'SSLCertificateFile' }).first();
  await hover.waitFor();
  const text = await hover.innerText();
  assert.match(text, /Subject:\s*CN=example\.com/);
  assert.match(text, /Valid: \d{4}-\d{2}-\d{2} .* to \d{4}-\d{2}-\d{2} .*, 36[45] days left/);
  await screenshot('hover.png');
  // Off the editor, so the hover goes and stays gone.
  const away = await middleOf(page.locator('[id="status.editor.mode"]'));
  await page.mouse.move(away.x, away.y);
  await page.keyboard.press('Escape');
  await hover.waitFor({ state: 'hidden' });
});

step('the quick fix moves client verification to the virtual host', async () => {
  const at = await middleOf(token(editorLine('SSLVerifyClient require'), 'require'));
  await page.mouse.click(at.x, at.y);
  await page.keyboard.press('Control+.');
  // The preferred fix is the one the menu focuses; Enter applies it (the menu
  // sits behind a pointer block, so keys are how a person picks it).
  const focused = page.locator('.action-widget .monaco-list-row.focused', { hasText: /^\s*Move client verification to the virtual host/ });
  await focused.waitFor();
  await screenshot('quick-fix.png');
  await page.keyboard.press('Enter');
  await editorLine('SSLVerifyClient optional').waitFor();
  await page.keyboard.press('Control+S');
  const file = join(workspace, CONFIG_NAME);
  const saved = await poll('the fixed file on disk', 15_000, () => {
    const text = readFileSync(file, 'utf8');
    return text.includes('SSLVerifyClient optional') ? text : undefined;
  });
  const [host, location] = saved.split(/^\s*<Location\b/m);
  assert.ok(location, saved);
  assert.match(host, /^\s*SSLVerifyClient optional\s*$/m);
  assert.doesNotMatch(host, /SSLVerifyClient none/);
  assert.match(location, /^\s*Require expr %\{SSL_CLIENT_VERIFY\} == 'SUCCESS'/m);
  assert.doesNotMatch(location, /SSLVerifyClient/);
});
