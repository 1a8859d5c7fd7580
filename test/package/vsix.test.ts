// What `npm run package` (vsce package --no-dependencies) ships: the three
// esbuild bundles and the declarative contributions, never sources, tests or
// node_modules. Needs dist/ built first (`npm test` builds).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const VSCE = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');

/** Files that must be in the package (paths as `vsce ls` prints them). */
const REQUIRED = [
  'package.json',
  'dist/client.js',
  'dist/server.js',
  'dist/cli.js',
  'language-configuration.json',
  'syntaxes/apacheconf.tmLanguage.json',
  'snippets/apacheconf.code-snippets',
  'images/icon.png',
];

/** Everything the package may contain. */
const ALLOWED = [
  /^package\.json$/,
  /^dist\/(client|server|cli)\.js(\.map)?$/,
  /^readme\.md$/i,
  /^changelog\.md$/i,
  /^licen[cs]e(\.(md|txt))?$/i,
  /^language-configuration\.json$/,
  /^syntaxes\/[^/]+\.json$/,
  /^snippets\/.+$/,
  /^images\/icon\.png$/,
];

const FORBIDDEN_FOLDERS = ['node_modules/', 'server/src/', 'client/src/', 'test/', 'scripts/', 'examples/', '.ci/', 'dist-test/'];

function runVsce(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [VSCE, ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let listed: string[] = [];

/** `file (does not exist)` or `file (left out by .vscodeignore)`. */
function whyMissing(file: string): string {
  return existsSync(join(root, file)) ? `${file} (left out by .vscodeignore)` : `${file} (does not exist)`;
}

before(() => {
  const missing = ['dist/client.js', 'dist/server.js', 'dist/cli.js'].filter((file) => !existsSync(join(root, file)));
  assert.deepEqual(missing, [], `not built: ${missing.join(', ')}. Run \`npm run build\` first (\`npm test\` does).`);
  const { status, stdout, stderr } = runVsce(['ls', '--no-dependencies']);
  assert.equal(status, 0, `vsce ls --no-dependencies refused (exit ${status}):\n${stderr}${stdout}`);
  listed = stdout.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
});

test('vsce ls lists the bundles, grammar, snippets and language configuration', () => {
  const missing = REQUIRED.filter((file) => !listed.includes(file)).map(whyMissing);
  assert.deepEqual(missing, [], `missing from the package, which has:\n${listed.join('\n')}`);
});

test('vsce ls lists nothing from node_modules, sources, tests, scripts or examples', () => {
  const forbidden = listed.filter((file) => FORBIDDEN_FOLDERS.some((folder) => file.startsWith(folder)));
  assert.deepEqual(forbidden, [], 'these must not ship (check .vscodeignore)');
  const unexpected = listed.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
  assert.deepEqual(unexpected, [], 'unexpected files in the package (check .vscodeignore)');
});

test('every file package.json refers to is packaged', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    main?: string;
    icon?: string;
    contributes?: {
      languages?: { configuration?: string }[];
      grammars?: { path: string }[];
      snippets?: { path: string }[];
    };
  };
  const referenced = [
    manifest.main,
    manifest.icon,
    ...(manifest.contributes?.languages ?? []).map((language) => language.configuration),
    ...(manifest.contributes?.grammars ?? []).map((grammar) => grammar.path),
    ...(manifest.contributes?.snippets ?? []).map((snippet) => snippet.path),
  ]
    .filter((file): file is string => typeof file === 'string')
    .map((file) => file.replace(/^\.\//, ''));
  assert.ok(referenced.includes('dist/client.js'), `package.json main is ${manifest.main}, not ./dist/client.js`);
  const missing = referenced.filter((file) => !listed.includes(file)).map(whyMissing);
  assert.deepEqual(missing, [], 'package.json refers to files the package leaves out');
});

// ---------------------------------------------------------------- vsce package

/** Names of the entries of a zip file, from its central directory. */
function zipEntryNames(zip: Buffer): string[] {
  const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
  const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  assert.ok(end >= 0, 'not a zip file: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(offset), CENTRAL_DIRECTORY_ENTRY, `bad central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

let outDir: string | undefined;

after(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

test('vsce package builds the .vsix without asking anything', () => {
  outDir = mkdtempSync(join(tmpdir(), 'apache-ssl-vsix-'));
  const vsix = join(outDir, 'apache-ssl.vsix');
  const { status, stdout, stderr } = runVsce(['package', '--no-dependencies', '--out', vsix]);
  const output = `${stderr}${stdout}`;
  assert.equal(status, 0, `vsce package --no-dependencies failed (exit ${status}):\n${output}`);

  // Without a terminal vsce answers its own questions with "yes"; in one,
  // `npm run package` would stop and ask. Each of these is such a question.
  const problems: string[] = [];
  if (/'repository' field is missing/.test(output)) {
    problems.push('package.json needs a "repository" field, e.g. { "type": "git", "url": "https://github.com/OWNER/apache-ssl.git" }');
  }
  if (/LICENSE.* not found/.test(output)) problems.push('a LICENSE file (the MIT text, as package.json "license" says) is missing');
  if (!listed.includes('README.md')) problems.push('README.md is missing (it becomes the Marketplace page)');
  assert.deepEqual(problems, [], `vsce package would prompt or ship an incomplete package:\n${output}`);

  const entries = zipEntryNames(readFileSync(vsix));
  assert.ok(entries.includes('extension.vsixmanifest'), `no extension.vsixmanifest in ${entries.join(', ')}`);
  const files = entries.filter((name) => name.startsWith('extension/')).map((name) => name.slice('extension/'.length));
  const missing = REQUIRED.filter((file) => !files.includes(file));
  assert.deepEqual(missing, [], `missing from the .vsix: ${files.join(', ')}`);
  // vsce stores the changelog (and readme) under lower-case names in the .vsix.
  assert.ok(files.some((file) => /^changelog\.md$/i.test(file)), `no CHANGELOG.md in the .vsix: ${files.join(', ')}`);
  const unexpected = files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
  assert.deepEqual(unexpected, [], 'unexpected files in the .vsix');
});

test('the server and CLI bundles are Latin-1 text, which V8 keeps at one byte a character (scripts/build.mjs)', () => {
  for (const bundle of ['dist/server.js', 'dist/cli.js']) {
    const text = readFileSync(join(root, bundle), 'utf8');
    const wide = /[\u0100-\uffff]/.exec(text);
    assert.equal(wide, null, `${bundle} has ${wide ? JSON.stringify(wide[0]) : ''} at offset ${wide?.index}: V8 would keep the whole source at two bytes a character`);
    assert.ok(text.length > 100_000, `${bundle} is not a bundle`);
  }
});
