// Protocol tests: the bundled server (dist/server.js, run `npm run build`
// first) in a child process, driven over JSON-RPC exactly as an editor drives
// it: initialize, open/change/close documents, answer the server's
// workspace/configuration requests, await publishDiagnostics with a deadline.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  DiagnosticSeverity,
  ExitNotification,
  FoldingRangeKind,
  SymbolKind,
  TextDocumentSyncKind,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Range,
  type SymbolInformation,
} from 'vscode-languageserver-protocol';
import { LspClient, SERVER_PATH, type StartOptions } from '../support/lspClient';

/**
 * The documents here are checked on their own, so each that needs a module
 * also gets the once-per-file "modules unknown" note; configTree.test.ts
 * covers that note, and these tests leave it out.
 */
const start = (options: StartOptions = {}) => LspClient.start({ ignoreCodes: ['mod/modules-unknown'], ...options });

// ---------------------------------------------------------------- helpers

const range = (startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range => ({
  start: { line: startLine, character: startCharacter },
  end: { line: endLine, character: endCharacter },
});

/** Joins lines with `\n` and ends the text with a line break, as editors save files. */
const lines = (...text: string[]): string => text.join('\n') + '\n';

/** `line:code:severity` of each diagnostic: compact and readable in a failed deepEqual. */
const summary = (diagnostics: Diagnostic[]): string[] =>
  diagnostics.map((d) => `${d.range.start.line}:${String(d.code)}:${String(d.severity)}`);

function asDocumentSymbols(result: DocumentSymbol[] | SymbolInformation[] | null): DocumentSymbol[] {
  assert.ok(Array.isArray(result), 'documentSymbol answered with an array');
  for (const symbol of result) assert.ok('selectionRange' in symbol, 'hierarchical DocumentSymbol, not SymbolInformation');
  return result as DocumentSymbol[];
}

/** Every symbol of a tree with its depth (1 for the roots). */
function flatten(symbols: DocumentSymbol[], depth = 1): { symbol: DocumentSymbol; depth: number }[] {
  // Iterative: the trees under test may be deep.
  const out: { symbol: DocumentSymbol; depth: number }[] = [];
  const pending = symbols.map((symbol) => ({ symbol, depth }));
  while (pending.length > 0) {
    const item = pending.pop() as { symbol: DocumentSymbol; depth: number };
    out.push(item);
    for (const child of item.symbol.children ?? []) pending.push({ symbol: child, depth: item.depth + 1 });
  }
  return out;
}

const atOrBefore = (a: Range['start'], b: Range['start']): boolean =>
  a.line < b.line || (a.line === b.line && a.character <= b.character);

const contains = (outer: Range, inner: Range): boolean =>
  atOrBefore(outer.start, inner.start) && atOrBefore(inner.end, outer.end);

/** The message as plain text (LSP 3.18 also allows MarkupContent, which this server does not send). */
function messageOf(diagnostic: Diagnostic): string {
  assert.equal(typeof diagnostic.message, 'string', 'plain-text message');
  return diagnostic.message as string;
}

const byStart = (a: FoldingRange, b: FoldingRange) => a.startLine - b.startLine || a.endLine - b.endLine;

const UNCLOSED_LOCATION = lines('# An unclosed section.', '<Location /a>', '    Require all granted');

const VHOST_WITH_LOCATION = lines(
  '<VirtualHost *:443>',
  '    ServerName example.com',
  '    <Location /secure>',
  '        Require valid-user',
  '    </Location>',
  '</VirtualHost>',
);

const VHOST_SYMBOLS: DocumentSymbol[] = [
  {
    name: 'VirtualHost *:443 — example.com',
    detail: 'example.com',
    kind: SymbolKind.Namespace,
    range: range(0, 0, 5, 14),
    selectionRange: range(0, 0, 0, 12),
    children: [
      {
        name: 'Location /secure',
        kind: SymbolKind.Module,
        range: range(2, 4, 4, 15),
        selectionRange: range(2, 4, 2, 13),
        children: [],
      },
    ],
  },
];

/** A trailing comment (warning) on line 2 and a misspelled directive (error) on line 3. */
const TWO_FINDINGS = lines(
  '<VirtualHost *:80>',
  '    ServerName shop.example',
  '    ServerAlias www.shop.example # old name',
  '    ServerAliass www2.shop.example',
  '</VirtualHost>',
);

// ---------------------------------------------------------------- one server for most tests

let client: LspClient;

before(async () => {
  assert.ok(existsSync(SERVER_PATH), `${SERVER_PATH} is missing: run \`npm run build\` first`);
  client = await start({ configuration: true });
});

after(async () => {
  await client?.dispose();
});

// ---------------------------------------------------------------- initialize

test('initialize: advertises incremental sync, document symbols and folding ranges as apache-ssl', () => {
  const result = client.initializeResult;
  assert.ok(result, 'initialize answered');
  assert.equal(result.serverInfo?.name, 'apache-ssl');
  const sync = result.capabilities.textDocumentSync;
  assert.ok(typeof sync === 'object' && sync !== null, 'textDocumentSync is an options object');
  assert.equal(sync.openClose, true);
  assert.equal(sync.change, TextDocumentSyncKind.Incremental); // 2
  assert.equal(result.capabilities.documentSymbolProvider, true);
  assert.equal(result.capabilities.foldingRangeProvider, true);
});

// ---------------------------------------------------------------- diagnostics on open

test('didOpen: an unclosed <Location /a> is published as syntax/unclosed-section on its line', async () => {
  const uri = await client.openDocument(UNCLOSED_LOCATION, { version: 7 });
  const published = await client.nextDiagnostics(uri);
  assert.equal(published.version, 7);
  assert.equal(published.diagnostics.length, 1, JSON.stringify(published.diagnostics));
  const [diagnostic] = published.diagnostics;
  assert.equal(diagnostic.source, 'apache-ssl');
  assert.equal(diagnostic.code, 'syntax/unclosed-section');
  assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
  assert.match(diagnostic.codeDescription?.href ?? '', /^https:\/\/httpd\.apache\.org\//);
  assert.deepEqual(diagnostic.range, range(1, 0, 1, 13));
  assert.match(messageOf(diagnostic), /<Location> is never closed/);
  await client.closeDocument(uri);
});

test('didOpen: diagnostic positions count UTF-16 code units, as LSP requires by default', async () => {
  // Each emoji is two UTF-16 code units: `#` is at character 25, not 23.
  const uri = await client.openDocument(lines('IndexIgnore 😀😀.example # old'));
  const published = await client.nextDiagnostics(uri);
  assert.deepEqual(summary(published.diagnostics), ['0:syntax/trailing-comment:2']);
  assert.deepEqual(published.diagnostics[0].range, range(0, 25, 0, 30));
  await client.closeDocument(uri);
});

// ---------------------------------------------------------------- incremental changes

test('didChange: range edits are applied incrementally and diagnostics follow, carrying the document version', async () => {
  const uri = await client.openDocument(UNCLOSED_LOCATION, { version: 1 });
  assert.deepEqual(summary((await client.diagnosticsForVersion(uri, 1)).diagnostics), ['1:syntax/unclosed-section:1']);

  // Insert the close tag on the empty last line (line 3).
  await client.changeDocument(uri, 2, [{ range: range(3, 0, 3, 0), text: '</Location>\n' }]);
  const closed = await client.nextDiagnostics(uri);
  assert.equal(closed.version, 2);
  assert.deepEqual(closed.diagnostics, []);

  // Replace `Require all granted` (line 2, characters 4-23) with a misspelled directive.
  await client.changeDocument(uri, 3, [{ range: range(2, 4, 2, 23), text: 'SSLVerifyClinet require' }]);
  const misspelled = await client.nextDiagnostics(uri);
  assert.equal(misspelled.version, 3);
  assert.equal(misspelled.diagnostics.length, 1, JSON.stringify(misspelled.diagnostics));
  const [unknown] = misspelled.diagnostics;
  assert.equal(unknown.code, 'mod/unknown-directive');
  assert.equal(unknown.severity, DiagnosticSeverity.Error);
  assert.equal(unknown.source, 'apache-ssl');
  assert.deepEqual(unknown.range, range(2, 4, 2, 19));
  assert.match(messageOf(unknown), /Did you mean 'SSLVerifyClient'/);

  // Two edits in one notification, then a second notification right after:
  // the published diagnostics end up describing the last version.
  await client.changeDocument(uri, 4, [
    { range: range(2, 4, 2, 19), text: 'SSLVerifyClient' },
    { range: range(0, 0, 0, 22), text: '# Fixed.' },
  ]);
  await client.changeDocument(uri, 5, [
    { range: range(1, 1, 1, 9), text: 'Locaton' },
    { range: range(3, 2, 3, 10), text: 'Locaton' },
  ]);
  const latest = await client.diagnosticsForVersion(uri, 5);
  assert.deepEqual(summary(latest.diagnostics), ['1:mod/unknown-directive:1']);
  assert.match(messageOf(latest.diagnostics[0]), /Did you mean '<Location'/);
  await client.closeDocument(uri);
});

test('edits typed into the hosts of a site file, some with other requests in between, end in the diagnostics of the same text opened fresh', async () => {
  // The server re-parses only the edited section and re-analyses only the hosts an edit touched (analyzeEdit).
  const host = (i: number) => [
    `<VirtualHost *:443>`,
    `    ServerName s${i % 3}.example.test`,
    '    SSLEngine on',
    '    <Location /api>',
    '        SSLVerifyClient require',
    '    </Location>',
    '    SSLVerifyDepth 2',
    '</VirtualHost>',
  ];
  let text = lines(...Array.from({ length: 6 }, (_, i) => host(i)).flat());
  await client.notify('$/setTrace', { value: 'verbose' });
  const uri = await client.openDocument(text, { version: 1 });
  await client.diagnosticsForVersion(uri, 1);
  const edits: { range: Range; text: string }[] = [
    { range: range(6, 19, 6, 20), text: '3' }, // SSLVerifyDepth 3 in the first host
    { range: range(12, 8, 12, 23), text: 'SSLVerifyClient optional' }, // per-directory client auth in the second host
    { range: range(17, 16, 17, 16), text: 'x' }, // a misspelled ServerName in the third host
    { range: range(9, 0, 9, 0), text: '    SSLVerifyClient require\n' }, // a line added: the hosts below move
    { range: range(27, 0, 28, 0), text: '' }, // a line removed further down
    { range: range(23, 19, 23, 20), text: '7' }, // SSLVerifyDepth 7 in the third host
    { range: range(0, 0, 0, 0), text: '\n' }, // an empty line above the first host: every host moves
    { range: range(0, 0, 0, 0), text: '# Hosts\n' }, // a comment above it
  ];
  const published: { version: number; text: string; diagnostics: string[] }[] = [];
  for (const [index, edit] of edits.entries()) {
    const version = index + 2;
    const offsets = text.split('\n');
    const at = (position: Range['start']) => offsets.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
    text = text.slice(0, at(edit.range.start)) + edit.text + text.slice(at(edit.range.end));
    await client.changeDocument(uri, version, [edit]);
    // A request parses the new text before the check does.
    if (index % 2 === 1) await client.documentSymbols(uri);
    published.push({ version, text, diagnostics: summary((await client.diagnosticsForVersion(uri, version)).diagnostics) });
  }
  await client.closeDocument(uri);
  assert.ok(published.some(({ diagnostics }) => diagnostics.some((line) => line.includes('ssl/per-dir-client-auth'))), 'the findings under test are reported');
  // The server said how it checked each version: after the first, only the hosts each edit changed or moved.
  const checked = client.traces.map(({ message }) => message).filter((message) => message.startsWith(`${uri} version `));
  assert.deepEqual(
    published.map(({ version }) => checked.find((message) => message.startsWith(`${uri} version ${version}:`))),
    published.map(({ version }) => `${uri} version ${version}: checked the hosts the edit changed or moved`),
  );
  for (const { version, text: sameText, diagnostics } of published) {
    const fresh = await client.openDocument(sameText);
    assert.deepEqual(diagnostics, summary((await client.nextDiagnostics(fresh)).diagnostics), `version ${version}`);
    await client.closeDocument(fresh);
  }
});

test('after an edit only the changed hosts are checked again when the client watches files, in a trusted workspace or not', async (t) => {
  const howChecked = async (options: StartOptions): Promise<string | undefined> => {
    const other = await start(options);
    t.after(() => other.dispose());
    await other.notify('$/setTrace', { value: 'verbose' });
    // Two hosts: an edit to the first keeps the second (with one host, every edit replaces all there is, and the file is checked whole).
    const host = ['<VirtualHost *:443>', '    SSLEngine on', '    SSLVerifyDepth 2', '</VirtualHost>'];
    const uri = await other.openDocument(lines(...host, ...host), { version: 1 });
    await other.diagnosticsForVersion(uri, 1);
    await other.changeDocument(uri, 2, [{ range: range(2, 19, 2, 20), text: '3' }]);
    await other.diagnosticsForVersion(uri, 2);
    // The trace of a check comes before its diagnostics on the same stream.
    return other.traces.map(({ message }) => message).find((message) => message.startsWith(`${uri} version 2:`));
  };
  assert.match((await howChecked({})) ?? '', /checked the hosts the edit changed or moved$/);
  // Untrusted, the settings differ (no cipher expansion) but stay one object from edit to edit.
  assert.match((await howChecked({ initializationOptions: { workspaceTrusted: false } })) ?? '', /checked the hosts the edit changed or moved$/);
  // Unwatched, a certificate file changed on disk would only be noticed by a whole check.
  assert.match((await howChecked({ watchFiles: false })) ?? '', /checked the whole file$/);
});

// ---------------------------------------------------------------- document symbols

test('documentSymbol: a virtual host and its nested location form a hierarchy with exact ranges', async () => {
  const uri = await client.openDocument(VHOST_WITH_LOCATION);
  const symbols = asDocumentSymbols(await client.documentSymbols(uri));
  assert.deepEqual(symbols, VHOST_SYMBOLS);
  for (const { symbol } of flatten(symbols)) {
    assert.ok(contains(symbol.range, symbol.selectionRange), `${symbol.name}: selectionRange inside range`);
  }
  await client.closeDocument(uri);
});

// ---------------------------------------------------------------- folding ranges

test('foldingRange: nested sections fold up to their close tag, consecutive comments fold as comment', async () => {
  const uri = await client.openDocument(
    lines(
      '# Reverse proxy for the shop.', // 0
      '# Maintained by ops.',
      '# Reload after editing.',
      '<VirtualHost *:443>', // 3
      '    ServerName example.com',
      '    <Location /secure>', // 5
      '        # Only with a client certificate.', // 6
      '        SSLVerifyClient require',
      '    </Location>', // 8
      '    # A single comment line does not fold.',
      '</VirtualHost>', // 10
    ),
  );
  const ranges = await client.foldingRanges(uri);
  assert.ok(Array.isArray(ranges));
  assert.deepEqual([...ranges].sort(byStart), [
    { startLine: 0, endLine: 2, kind: FoldingRangeKind.Comment },
    { startLine: 3, endLine: 9, kind: FoldingRangeKind.Region },
    { startLine: 5, endLine: 7, kind: FoldingRangeKind.Region },
  ]);
  await client.closeDocument(uri);
});

// ---------------------------------------------------------------- didClose

test('didClose: publishes an empty diagnostics array for the closed uri', async () => {
  const uri = await client.openDocument(UNCLOSED_LOCATION);
  assert.equal((await client.nextDiagnostics(uri)).diagnostics.length, 1);
  await client.closeDocument(uri);
  const cleared = await client.nextDiagnostics(uri);
  assert.equal(cleared.uri, uri);
  assert.deepEqual(cleared.diagnostics, []);
  assert.deepEqual(await client.documentSymbols(uri), [], 'a closed document has no symbols');
});

test('didClose: an edit still waiting for its re-check is dropped, not published after the clear', async () => {
  const closing = await client.openDocument(VHOST_WITH_LOCATION);
  const witness = await client.openDocument(VHOST_WITH_LOCATION);
  assert.deepEqual((await client.nextDiagnostics(closing)).diagnostics, []);
  assert.deepEqual((await client.nextDiagnostics(witness)).diagnostics, []);

  // Break the closing document and close it before its debounced check runs.
  await client.changeDocument(closing, 2, [{ range: range(5, 0, 5, 14), text: '' }]);
  await client.closeDocument(closing);
  assert.deepEqual((await client.nextDiagnostics(closing)).diagnostics, []);
  // The witness is edited after the close, so its debounced check runs after
  // the one the close should have cancelled: once it is published, anything
  // for the closed document would have been too.
  await client.changeDocument(witness, 2, [{ range: range(5, 0, 5, 14), text: '' }]);
  const witnessed = await client.diagnosticsForVersion(witness, 2);
  assert.deepEqual(summary(witnessed.diagnostics), ['0:syntax/unclosed-section:1']);
  const afterClose = client.published.filter((p) => p.uri === closing).slice(-1)[0];
  assert.deepEqual(afterClose.diagnostics, [], 'the last word on the closed document is the clear');
  await client.closeDocument(witness);
});

// ---------------------------------------------------------------- robustness

/** Deterministic bytes, so a failure can be reproduced. */
function pseudoRandomBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return bytes;
}

const VHOST_BLOCK = (i: number) =>
  lines(
    '<VirtualHost *:443>',
    `    ServerName host${i}.example`,
    `    ServerAlias www.host${i}.example # old name`,
    '    SSLEngine on',
    '    <Location /app>',
    '        Require all granted',
    '    </Location>',
    '</VirtualHost>',
  );

let tenMegabytes: { text: string; blocks: number } | undefined;

/** About 10 MB of virtual hosts, each with one trailing-comment finding; generated once. */
function tenMegabyteConfig(): { text: string; blocks: number } {
  if (tenMegabytes) return tenMegabytes;
  const parts: string[] = [];
  let size = 0;
  while (size < 10 * 1024 * 1024) {
    const block = VHOST_BLOCK(parts.length);
    parts.push(block);
    size += block.length;
  }
  tenMegabytes = { text: parts.join(''), blocks: parts.length };
  return tenMegabytes;
}

const DEPTH = 3000;

interface Hostile {
  name: string;
  text: () => string;
  /** Checks what the server published and answered for the hostile document itself. */
  check: (diagnostics: Diagnostic[], symbols: DocumentSymbol[], folding: FoldingRange[]) => void;
}

const HOSTILE: Hostile[] = [
  {
    name: 'a 10 MB document',
    text: () => tenMegabyteConfig().text,
    check: (diagnostics, symbols, folding) => {
      const { blocks } = tenMegabyteConfig();
      // Findings are capped by maxNumberOfProblems (default 1000), errors kept ahead of warnings:
      // each block's `SSLEngine on` has no certificate, which fills the cap.
      assert.equal(diagnostics.length, 1000);
      assert.ok(diagnostics.every((d) => d.code === 'ssl/engine-without-certificate' && d.severity === 1));
      assert.equal(diagnostics[0].range.start.line, 3);
      assert.equal(symbols.length, blocks);
      assert.equal(symbols[blocks - 1].name, `VirtualHost *:443 — host${blocks - 1}.example`);
      assert.deepEqual(symbols[blocks - 1].children?.map((s) => s.name), ['Location /app']);
      // The client asked for at most 5000 folding ranges (rangeLimit); there are 2 per block.
      assert.ok(2 * blocks > 5000);
      assert.equal(folding.length, 5000);
    },
  },
  {
    name: 'random binary bytes',
    text: () => pseudoRandomBytes(256 * 1024, 42).toString('utf8'),
    check: (diagnostics) => {
      assert.deepEqual(summary(diagnostics), ['0:syntax/not-text:1']);
    },
  },
  {
    name: `${DEPTH}-deep nested <Location /a> sections`,
    text: () => '<Location /a>\n'.repeat(DEPTH) + '</Location>\n'.repeat(DEPTH),
    check: (diagnostics, symbols, folding) => {
      assert.ok(diagnostics.every((d) => d.source === 'apache-ssl'));
      const all = flatten(symbols);
      assert.equal(all.length, DEPTH, 'every section is listed once');
      assert.ok(all.every(({ symbol }) => symbol.name === 'Location /a'));
      const deepest = Math.max(...all.map(({ depth }) => depth));
      assert.ok(deepest <= 64, `symbol tree depth capped (got ${deepest})`);
      // The innermost section is empty: nothing to fold.
      assert.equal(folding.length, DEPTH - 1);
      const outermost = [...folding].sort(byStart)[0];
      assert.deepEqual(outermost, { startLine: 0, endLine: 2 * DEPTH - 2, kind: FoldingRangeKind.Region });
    },
  },
  {
    name: `${DEPTH}-deep nested <Location /a> sections never closed`,
    text: () => '<Location /a>\n'.repeat(DEPTH),
    check: (diagnostics, symbols) => {
      assert.equal(diagnostics.length, 1000, 'capped by maxNumberOfProblems');
      // Each is never closed, and each but the first is nested where Apache forbids it.
      assert.ok(diagnostics.every((d) => d.code === 'syntax/unclosed-section' || d.code === 'ctx/not-allowed'));
      assert.ok(diagnostics.some((d) => d.code === 'syntax/unclosed-section'));
      assert.equal(flatten(symbols).length, DEPTH);
    },
  },
  {
    name: 'a config with NUL bytes',
    text: () => lines('<VirtualHost *:80>', '    ServerName a\0b.example', '\0\0\0', '</VirtualHost>'),
    check: (diagnostics, symbols) => {
      assert.deepEqual(summary(diagnostics), ['0:syntax/not-text:1']);
      assert.equal(symbols.length, 1);
    },
  },
  {
    name: 'one logical line continued over 200000 physical lines',
    text: () => 'ServerAlias \\\n' + '    a.example \\\n'.repeat(200_000) + '    b.example\n',
    check: (diagnostics, symbols) => {
      assert.ok(!diagnostics.some((d) => d.code === 'mod/unknown-directive'), 'ServerAlias recognised across the joins');
      assert.deepEqual(symbols, []);
    },
  },
];

for (const hostile of HOSTILE) {
  test(`robustness: the server survives ${hostile.name} and keeps serving other documents`, async () => {
    const normal = await client.openDocument(VHOST_WITH_LOCATION);
    const errorsBefore = client.logMessages.filter((m) => m.type === 1).length;

    // Generous deadlines: these only stop a hung server from hanging the suite.
    const deadline = 120_000;
    const uri = await client.openDocument(hostile.text());
    const { diagnostics } = await client.nextDiagnostics(uri, () => true, deadline);
    const symbols = asDocumentSymbols(await client.documentSymbols(uri, deadline));
    const folding = await client.foldingRanges(uri, deadline);
    assert.ok(Array.isArray(folding));
    hostile.check(diagnostics, symbols, folding);

    assert.deepEqual(asDocumentSymbols(await client.documentSymbols(normal)), VHOST_SYMBOLS);
    assert.ok(client.alive, 'server process still running');
    const errors = client.logMessages.filter((m) => m.type === 1).slice(errorsBefore);
    assert.deepEqual(errors, [], 'no handler failed (runSafe would hide it behind an empty answer)');

    await client.closeDocument(uri);
    assert.deepEqual((await client.nextDiagnostics(uri)).diagnostics, []);
    await client.closeDocument(normal);
  });
}

// ---------------------------------------------------------------- settings

test('settings (pull): the server asks for apacheSsl per document and applies the rules; didChangeConfiguration re-asks', async (t) => {
  let answer: unknown = { rules: { 'syntax/trailing-comment': 'off', 'mod/unknown-directive': 'warning' } };
  const pulling = await start({ configuration: true, settings: () => answer });
  t.after(() => pulling.dispose());

  const uri = await pulling.openDocument(TWO_FINDINGS);
  const first = await pulling.nextDiagnostics(uri);
  assert.deepEqual(summary(first.diagnostics), ['3:mod/unknown-directive:2']);
  assert.equal(first.diagnostics[0].severity, DiagnosticSeverity.Warning);
  assert.equal(pulling.configurationRequests.length, 1);
  assert.deepEqual(pulling.configurationRequests[0], [{ scopeUri: uri, section: 'apacheSsl' }]);

  // The settings changed in the editor. In pull mode the server must ask again
  // rather than trust the pushed payload (here deliberately different).
  answer = { rules: { 'mod/unknown-directive': 'off', 'syntax/trailing-comment': 'error' } };
  await pulling.changeConfiguration({ apacheSsl: { rules: { 'syntax/trailing-comment': 'off' } } });
  const second = await pulling.nextDiagnostics(uri);
  assert.deepEqual(summary(second.diagnostics), ['2:syntax/trailing-comment:1']);
  assert.equal(second.version, 1);
  assert.equal(pulling.configurationRequests.length, 2);
  assert.deepEqual(pulling.configurationRequests[1], [{ scopeUri: uri, section: 'apacheSsl' }]);

  // Malformed answers fall back to the defaults.
  answer = { rules: { 'syntax/trailing-comment': 'loud' }, maxNumberOfProblems: -3 };
  await pulling.changeConfiguration(null);
  const third = await pulling.nextDiagnostics(uri);
  assert.deepEqual(summary(third.diagnostics), ['2:syntax/trailing-comment:2', '3:mod/unknown-directive:1']);
});

test('settings (pull): each document gets the settings of its own scopeUri; a failed request means defaults', async (t) => {
  const quiet = 'file:///work/protocol-test/quiet/site.conf';
  const strict = 'file:///work/protocol-test/strict/site.conf';
  const broken = 'file:///work/protocol-test/broken/site.conf';
  const perFolder = await start({
    configuration: true,
    settings: (item) => {
      if (item.scopeUri === quiet) {
        return { rules: { 'syntax/trailing-comment': 'off', 'mod/unknown-directive': 'off' } };
      }
      if (item.scopeUri === strict) return { rules: { 'syntax/trailing-comment': 'error' } };
      throw new Error('the editor could not read the settings');
    },
  });
  t.after(() => perFolder.dispose());

  await perFolder.openDocument(TWO_FINDINGS, { uri: quiet });
  await perFolder.openDocument(TWO_FINDINGS, { uri: strict });
  await perFolder.openDocument(TWO_FINDINGS, { uri: broken });
  assert.deepEqual(summary((await perFolder.nextDiagnostics(quiet)).diagnostics), []);
  assert.deepEqual(summary((await perFolder.nextDiagnostics(strict)).diagnostics), [
    '2:syntax/trailing-comment:1',
    '3:mod/unknown-directive:1',
  ]);
  assert.deepEqual(summary((await perFolder.nextDiagnostics(broken)).diagnostics), [
    '2:syntax/trailing-comment:2',
    '3:mod/unknown-directive:1',
  ]);
  const asked = perFolder.configurationRequests.map((items) => items.map((item) => item.scopeUri));
  assert.deepEqual(asked.sort(), [[broken], [quiet], [strict]]);
});

test('settings (push): a client without workspace.configuration sends apacheSsl inside didChangeConfiguration', async (t) => {
  const pushing = await start({ configuration: false });
  t.after(() => pushing.dispose());

  const uri = await pushing.openDocument(TWO_FINDINGS);
  const defaults = await pushing.nextDiagnostics(uri);
  assert.deepEqual(summary(defaults.diagnostics), ['2:syntax/trailing-comment:2', '3:mod/unknown-directive:1']);

  await pushing.changeConfiguration({
    apacheSsl: { rules: { 'syntax/trailing-comment': 'off', 'mod/unknown-directive': 'warning' } },
  });
  assert.deepEqual(summary((await pushing.nextDiagnostics(uri)).diagnostics), ['3:mod/unknown-directive:2']);

  // Capped at one finding, the error is kept ahead of the earlier warning.
  await pushing.changeConfiguration({ apacheSsl: { maxNumberOfProblems: 1 } });
  assert.deepEqual(summary((await pushing.nextDiagnostics(uri)).diagnostics), ['3:mod/unknown-directive:1']);

  // Settings of other extensions only: back to the defaults.
  await pushing.changeConfiguration({ editor: { tabSize: 4 } });
  assert.deepEqual(summary((await pushing.nextDiagnostics(uri)).diagnostics), [
    '2:syntax/trailing-comment:2',
    '3:mod/unknown-directive:1',
  ]);

  assert.deepEqual(pushing.configurationRequests, [], 'never asks a client that cannot answer');
});

// ---------------------------------------------------------------- --node-ipc

test('--node-ipc transport (what VS Code uses): initialize, diagnostics, symbols, clean exit', async (t) => {
  const ipc = await start({ transport: 'node-ipc' });
  t.after(() => ipc.dispose());
  assert.equal(ipc.initializeResult?.serverInfo?.name, 'apache-ssl');

  const uri = await ipc.openDocument(UNCLOSED_LOCATION);
  assert.deepEqual(summary((await ipc.nextDiagnostics(uri)).diagnostics), ['1:syntax/unclosed-section:1']);
  assert.equal(ipc.configurationRequests.length, 1);

  const other = await ipc.openDocument(VHOST_WITH_LOCATION);
  assert.deepEqual(asDocumentSymbols(await ipc.documentSymbols(other)), VHOST_SYMBOLS);
  assert.equal(await ipc.shutdown(), 0);
});

// ---------------------------------------------------------------- shutdown and exit

test('shutdown then exit: the server process ends with code 0', async (t) => {
  const ending = await start();
  t.after(() => ending.dispose());
  const uri = await ending.openDocument(VHOST_WITH_LOCATION);
  assert.deepEqual((await ending.nextDiagnostics(uri)).diagnostics, []);
  assert.equal(await ending.shutdown(), 0);
  assert.equal(ending.alive, false);
});

test('exit without shutdown: the server process ends with code 1, as the protocol requires', async (t) => {
  const abrupt = await start();
  t.after(() => abrupt.dispose());
  await abrupt.connection.sendNotification(ExitNotification.type);
  assert.equal(await abrupt.exited, 1);
});

// ---------------------------------------------------------------- races

// Fails against the current server (a real bug, see the protocol test report):
// validate() only compares version numbers after awaiting the settings, so the
// check started for the closed text goes on when the reopened document has the
// same version, publishes the old text's findings, and stores the old parse in
// ParseCache under that version; the new text's check, symbols and folding
// then reuse it until the next edit.
test('a document closed and reopened with the same version while its settings are fetched is checked with its new text', async (t) => {
  // Hold every workspace/configuration answer until the test releases it.
  const held: (() => void)[] = [];
  const racing = await start({
    settings: () => new Promise((resolve) => held.push(() => resolve({}))),
  });
  t.after(() => racing.dispose());
  const uri = 'file:///work/protocol-test/reopened.conf';

  await racing.openDocument(UNCLOSED_LOCATION, { uri, version: 1 });
  await racing.configurationRequestCount(1);
  await racing.closeDocument(uri);
  assert.deepEqual((await racing.nextDiagnostics(uri)).diagnostics, []);
  // Reopened (VS Code starts a new model at version 1) with the section closed.
  await racing.openDocument(VHOST_WITH_LOCATION, { uri, version: 1 });
  await racing.configurationRequestCount(2);
  for (const release of held.splice(0)) release();

  const published = await racing.nextDiagnostics(uri);
  const symbols = asDocumentSymbols(await racing.documentSymbols(uri));
  assert.deepEqual(
    { version: published.version, diagnostics: summary(published.diagnostics), symbols: symbols.map((s) => s.name) },
    { version: 1, diagnostics: [], symbols: ['VirtualHost *:443 — example.com'] },
    'diagnostics and symbols describe the text that is open now, not the closed one',
  );
});
