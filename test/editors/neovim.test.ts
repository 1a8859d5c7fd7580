// The server is editor-agnostic: Neovim's built-in LSP client (Debian's
// `neovim`, run headless) starts dist/server.js over stdio on the seed config
// and gets the per-<Location> client-auth finding, a hover and the quick fix,
// exactly as VS Code does. Needs `npm run build` first (npm test does it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const SEED = join(ROOT, 'examples', 'seed-mtls-proxy.conf');

interface NeovimResult {
  error?: string;
  waited: boolean;
  diagnostics: { line: number; code: string; message: string }[];
  hover: string;
  actions: string[];
}

test('Neovim (headless, built-in LSP client): diagnostics, hover and the quick fix on the seed config', (t) => {
  assert.ok(existsSync('/usr/bin/nvim'), 'Neovim is installed (.ci/run installs Debian\'s neovim)');
  const dir = mkdtempSync(join(tmpdir(), 'apache-ssl-nvim-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'result.json');
  const line = readFileSync(SEED, 'utf8').split('\n').findIndex((text) => /^\s*SSLVerifyClient require/.test(text));
  const character = readFileSync(SEED, 'utf8').split('\n')[line].search(/\S/);
  const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(__dirname, 'neovim.lua')}`], {
    env: {
      ...process.env,
      APACHE_SSL_OUT: out,
      APACHE_SSL_FILE: SEED,
      APACHE_SSL_SERVER: join(ROOT, 'dist', 'server.js'),
      APACHE_SSL_HOVER_LINE: String(line),
      APACHE_SSL_HOVER_CHARACTER: String(character),
      XDG_STATE_HOME: dir,
      XDG_DATA_HOME: dir,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.ok(existsSync(out), `nvim wrote no result (status ${run.status}): ${run.stderr}${run.error?.message ?? ''}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as NeovimResult;
  assert.equal(result.error, undefined);
  assert.equal(result.waited, true, 'diagnostics arrived');
  const finding = result.diagnostics.find((d) => d.code === 'ssl/per-dir-client-auth');
  assert.ok(finding, JSON.stringify(result.diagnostics));
  assert.equal(finding.line, line);
  assert.match(finding.message, /Re-negotiation handshake failed/);
  assert.match(result.hover, /SSLVerifyClient/);
  assert.ok(result.actions.some((title) => title.startsWith('Move client verification to the virtual host')), result.actions.join(' | '));
});
