// Installs what test/e2e-vscode needs to drive the extension in a real VS Code
// workbench, outside the project's dependencies: code-server (VS Code for the
// browser, the same extension host as the desktop app) and playwright-core,
// in a cache folder reused by later runs. The browser is Debian's Chromium;
// nothing here downloads one.
//
// code-server's install normally fetches a ripgrep binary from GitHub, which
// is out of reach here: Debian's `rg` is packed into the file name and layout
// @vscode/ripgrep's postinstall looks for in its download cache, so it unpacks
// that instead.
//
// Run: node scripts/setup-code-server.mjs. Import: e2eTools() for the paths.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** code-server 4.100.x is the last line that runs on Node 20. */
export const CODE_SERVER_VERSION = '4.100.3';
export const PLAYWRIGHT_VERSION = '1.56.1';
/** What code-server 4.100.3's npm-shrinkwrap pins, and the ripgrep release that version's postinstall unpacks. */
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export const CHROMIUM = '/usr/bin/chromium';
const APT_PACKAGES = 'chromium libkrb5-dev ripgrep';

/** Where the tools are installed; APACHE_SSL_E2E_CACHE moves it. */
export function e2eTools() {
  const cache = process.env.APACHE_SSL_E2E_CACHE || join(homedir(), '.cache', 'apache-ssl-e2e');
  const folder = join(cache, `code-server-${CODE_SERVER_VERSION}-playwright-${PLAYWRIGHT_VERSION}`);
  return {
    folder,
    codeServer: join(folder, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    playwrightCore: join(folder, 'node_modules', 'playwright-core'),
    chromium: CHROMIUM,
    ready: join(folder, '.installed'),
  };
}

function which(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim() || undefined;
}

function fail(message) {
  console.error(`setup-code-server: ${message}`);
  process.exit(1);
}

function checkPrerequisites() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) fail(`code-server ${CODE_SERVER_VERSION} needs Node 20; this is Node ${process.versions.node}.`);
  if (process.platform !== 'linux' || process.arch !== 'x64') fail(`only linux x64 is set up here (this is ${process.platform} ${process.arch}).`);
  const missing = [
    existsSync(CHROMIUM) ? undefined : `${CHROMIUM} (package chromium)`,
    which('rg') ? undefined : 'rg (package ripgrep)',
    which('krb5-config') ? undefined : 'krb5-config (package libkrb5-dev, for code-server\'s kerberos module)',
    which('make') && which('g++') && which('python3') ? undefined : 'make, g++ and python3 (to build code-server\'s native modules)',
  ].filter(Boolean);
  if (missing.length > 0) fail(`missing ${missing.join('; ')}.\n  Install with: apt-get install -y ${APT_PACKAGES} build-essential python3`);
}

/** Debian's rg, packed as the release asset @vscode/ripgrep's postinstall unpacks (`rg` at the top of the tar). */
function placeRipgrep(tmp) {
  const cacheFolder = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  mkdirSync(cacheFolder, { recursive: true });
  const staging = mkdtempSync(join(tmp, 'rg-'));
  const copy = spawnSync('cp', [which('rg'), join(staging, 'rg')]);
  if (copy.status !== 0) fail(`could not copy rg: ${copy.stderr}`);
  const pack = spawnSync('tar', ['czf', join(cacheFolder, RIPGREP_ASSET), '-C', staging, 'rg'], { encoding: 'utf8' });
  if (pack.status !== 0) fail(`could not pack rg: ${pack.stderr}`);
  rmSync(staging, { recursive: true, force: true });
}

/** Node's own headers, so node-gyp builds the native modules without downloading them. */
function nodeHeaders() {
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'common.gypi')) ? prefix : undefined;
}

function install(tools) {
  rmSync(tools.folder, { recursive: true, force: true });
  mkdirSync(tools.folder, { recursive: true });
  const tmp = join(tools.folder, 'tmp');
  mkdirSync(tmp);
  placeRipgrep(tmp);
  writeFileSync(
    join(tools.folder, 'package.json'),
    JSON.stringify({ name: 'apache-ssl-e2e-tools', private: true, dependencies: { 'code-server': CODE_SERVER_VERSION, 'playwright-core': PLAYWRIGHT_VERSION } }, null, 2),
  );
  const headers = nodeHeaders();
  console.log(`setup-code-server: installing code-server ${CODE_SERVER_VERSION} and playwright-core ${PLAYWRIGHT_VERSION} into ${tools.folder} (a few minutes: native modules are built) …`);
  const started = Date.now();
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: tools.folder,
    stdio: 'inherit',
    env: {
      ...process.env,
      // code-server's postinstall refuses to run as root without it.
      npm_config_unsafe_perm: 'true',
      npm_config_yes: 'true',
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
      // @vscode/ripgrep looks for its download in os.tmpdir().
      TMPDIR: tmp,
      ...(headers ? { npm_config_nodedir: headers } : {}),
    },
  });
  if (result.status !== 0) fail(`npm install failed (exit ${result.status}); see the output above. ${tools.folder} is left as it is for a look.`);
  const rg = join(tools.folder, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  for (const needed of [tools.codeServer, join(tools.playwrightCore, 'package.json'), rg]) {
    if (!existsSync(needed)) fail(`the install finished but ${needed} is missing.`);
  }
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(tools.ready, `${new Date().toISOString()}\n`);
  console.log(`setup-code-server: installed in ${Math.round((Date.now() - started) / 1000)} s.`);
}

function main() {
  checkPrerequisites();
  const tools = e2eTools();
  if (existsSync(tools.ready) && existsSync(tools.codeServer)) {
    const version = JSON.parse(readFileSync(join(tools.folder, 'node_modules', 'code-server', 'package.json'), 'utf8')).version;
    console.log(`setup-code-server: reusing code-server ${version} and playwright-core ${PLAYWRIGHT_VERSION} in ${tools.folder}.`);
    return;
  }
  install(tools);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
