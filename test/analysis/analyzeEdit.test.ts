// analyzeEdit re-analyses only the hosts an edit changed in a site file. That
// is only right if it gives exactly what a whole analysis of the new text
// gives: random edit sequences are typed into the hosts of every golden
// fixture (alone, and as a site included from a main config that holds the
// fixture's server lines and loads every module) and into files of many hosts
// that share names and addresses, and each step is compared with a fresh
// analysis.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeEdit, type FileAnalysis } from '../../server/src/analysis/analyzeEdit';
import { analyzeFile, type AnalyzeOptions } from '../../server/src/analysis/analyzeFile';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import type { ConfigFile } from '../../server/src/parser/ast';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { reparseConfig } from '../../server/src/parser/reparseConfig';
import { loadAllModules } from '../support/apacheOracle';
import { listFixtures } from '../support/fixtures';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { manyHosts } from '../support/manyHosts';

const MAIN = '/srv/tree/main.conf';
const SITE = '/srv/tree/site.conf';

/** A site file and the server lines around it. */
interface Site {
  server: string;
  site: string;
}

/**
 * Options for analysing each parse of a site: alone, or included from a main
 * config with its server lines that loads every module. One source cache
 * serves a whole edit sequence, as in the server: the main config keeps its parse.
 */
type Setting = (site: Site) => (file: ConfigFile) => AnalyzeOptions;
const alone: Setting = () => () => ({ fileName: SITE });
const inTree: Setting = ({ server }) => {
  const sources = new SourceCache(memoryFileSystem({ [MAIN]: `${loadAllModules()}ServerName localhost\n${server}\nInclude ${SITE}\n` }));
  return (file) => {
    sources.setOverlay(SITE, file);
    return { fileName: SITE, model: buildConfigModel(MAIN, { sources }), focus: true };
  };
};

/** The fixture's top-level hosts as a site file; its other lines are the server config. */
function splitFixture(text: string): Site {
  const file = parseConfig(text);
  let server = '';
  let site = '';
  for (const node of file.children) {
    const part = text.slice(node.start, node.end);
    if (node.kind === 'section' && node.name.toLowerCase() === 'virtualhost') site += part.endsWith('\n') ? part : `${part}\n`;
    else server += part;
  }
  return { server, site };
}

/** The findings in the order they are published: a partial and a whole analysis must agree on it too (maxNumberOfProblems cuts the list). */
function shown(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${d.severity} ${d.message} ${JSON.stringify(d.data)}`);
}

const edit = fc.record({
  // Several edits may come before the next analysis (the server parses for other requests in between).
  analysed: fc.boolean(),
  where: fc.nat({ max: 1_000_000 }),
  removed: fc.nat({ max: 6 }),
  inserted: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('x', '3', ' ', '"', '\\', '#', '>', 'on', 'off', 'require', 'none', '*:443', 's1.example.test', '%{SSL_CLIENT_S_DN}', '${A}') },
    { weight: 2, arbitrary: fc.constantFrom('\n', '\nSSLVerifyClient require\n', '\n</VirtualHost>\n', '\n<VirtualHost *:443>\n', '\nServerName s0.example.test\n', '\nDefine A x\n', '\nUndefine A\n') },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    { weight: 2, arbitrary: fc.constant('') },
  ),
});

function assertSameAsWholeAnalysis(sites: readonly Site[], setting: Setting, runs: number): { steps: number; partial: number } {
  const counts = { steps: 0, partial: 0 };
  fc.assert(
    fc.property(fc.nat({ max: sites.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 5 }), (which, sequence) => {
      const site = sites[which];
      const optionsFor = setting(site);
      let text = site.site;
      let file = parseConfig(text);
      let analysis: FileAnalysis = analyzeEdit(file, optionsFor(file));
      for (const [index, { analysed, where, removed, inserted }] of sequence.entries()) {
        const offset = where % (text.length + 1);
        text = text.slice(0, offset) + inserted + text.slice(offset + removed);
        file = reparseConfig(file, text);
        if (!analysed && index < sequence.length - 1) continue;
        analysis = analyzeEdit(file, optionsFor(file), analysis);
        counts.steps++;
        if (analysis.partial) counts.partial++;
        const fresh = parseConfig(text);
        assert.deepEqual(shown(analysis.diagnostics), shown(analyzeFile(fresh, setting(site)(fresh))), `after typing ${JSON.stringify(inserted)} at ${offset}`);
      }
    }),
    { numRuns: runs },
  );
  return counts;
}

/** One edit of `before` into `after` (analysed with `options`), then the partial result against a whole analysis of `after`. */
function assertEditAsWhole(before: string, after: string, options: (file: ConfigFile) => AnalyzeOptions = () => ({ fileName: SITE })): FileAnalysis {
  const first = parseConfig(before);
  const previous = analyzeEdit(first, options(first));
  const file = reparseConfig(first, after);
  const analysis = analyzeEdit(file, options(file), previous);
  const fresh = parseConfig(after);
  assert.deepEqual(shown(analysis.diagnostics), shown(analyzeFile(fresh, options(fresh))));
  return analysis;
}

test('what was in force for the kept findings and is gone after the edit makes the analysis whole: a server line removed, a host with Define or LoadModule changed', () => {
  // The server config's certificate served the first host; once the line is gone, that host has none.
  const served = '<VirtualHost *:443>\n    SSLEngine on\n</VirtualHost>\nSSLCertificateFile /etc/ssl/certs/ssl-cert-snakeoil.pem\n';
  assert.equal(assertEditAsWhole(served, served.replace(/SSLCertificateFile.*\n/, '')).partial, false);
  // A Define in one host decides an <IfDefine> and a ${VAR} in the next.
  const defined = '<VirtualHost *:443>\n    Define X\n</VirtualHost>\n<VirtualHost *:443>\n    <IfDefine !TLS>\n        SSLVerifyClient bogus\n    </IfDefine>\n</VirtualHost>\n';
  assert.equal(assertEditAsWhole(defined, defined.replace('Define X', 'Define TLS')).partial, false);
  assertEditAsWhole(defined.replace('Define X', 'Define TLS'), defined);
  const valued = '<VirtualHost *:443>\n    Define BACKEND http://app.example/\n</VirtualHost>\n<VirtualHost *:443>\n    ProxyPass /app ${BACKEND}\n</VirtualHost>\n';
  assertEditAsWhole(valued, valued.replace('app.example/', 'app.example'));
  // A LoadModule anywhere makes the modules known for every host, before it too.
  const loading = '<VirtualHost *:443>\n    ProxyPass /app http://backend.example/app\n</VirtualHost>\n<VirtualHost *:443>\n    ServerName b.example\n</VirtualHost>\n';
  assertEditAsWhole(loading, loading.replace('    ServerName b.example', '    LoadModule ssl_module modules/mod_ssl.so'));
  // A host without such lines is still checked alone.
  assert.equal(assertEditAsWhole(loading, loading.replace('b.example', 'c.example')).partial, true);
});

test('findings at one place come in one order, partial or whole, so maxNumberOfProblems keeps the same ones', () => {
  const text = '<VirtualHost *:443>\n    SSLRenegBufferSize 1000\n</VirtualHost>\n<VirtualHost *:443>\n    ServerName b.example\n</VirtualHost>\n';
  const settings = { ...DEFAULT_SETTINGS, maxNumberOfProblems: 2 };
  const analysis = assertEditAsWhole(text, text.replace('b.example', 'b.examplex'), () => ({ fileName: SITE, settings }));
  assert.equal(analysis.partial, true);
  assert.equal(analysis.diagnostics.length, 2);
});

const fixtureSites = listFixtures()
  .map((fixture) => splitFixture(fixture.text))
  .filter(({ site }) => site !== '');

test('analyzeEdit gives what a whole analysis gives, fixture hosts analysed alone', () => {
  assert.ok(fixtureSites.length > 20, 'the fixtures are found');
  const { steps, partial } = assertSameAsWholeAnalysis(fixtureSites, alone, 400);
  // Most fixtures hold one host: an edit in it keeps nothing, and is analysed whole (about one edit in eight is partial).
  assert.ok(partial > steps / 12, `${partial} of ${steps} edits were analysed partially`);
});

test('analyzeEdit gives what a whole analysis gives, fixture hosts in a tree with their server lines and every module', () => {
  const { steps, partial } = assertSameAsWholeAnalysis(fixtureSites, inTree, 250);
  // Most fixtures hold one host: an edit in it keeps nothing, and is analysed whole (about one edit in eight is partial).
  assert.ok(partial > steps / 12, `${partial} of ${steps} edits were analysed partially`);
});

test('analyzeEdit gives what a whole analysis gives in files of many hosts sharing names, addresses and backends', () => {
  const sites = [
    { server: '', site: manyHosts(12) },
    { server: 'Listen 8443\nSSLProxyEngine on\nSSLVerifyClient require\nSSLCACertificateFile /etc/ssl/certs/ca-certificates.crt\n', site: manyHosts(9) },
  ];
  for (const setting of [alone, inTree]) {
    const { steps, partial } = assertSameAsWholeAnalysis(sites, setting, 120);
    assert.ok(partial > steps / 3, `${partial} of ${steps} edits were analysed partially`);
  }
});

/** A host above the fixture's, whose body the edits below grow and shrink, so that every host after it moves. */
const LEAD = '<VirtualHost *:80>\n    ServerName lead.example.test\n</VirtualHost>\n';

test('hosts that only moved keep their findings, moved with them, and findings that name other lines are made again: every fixture, lines added and removed above its hosts', () => {
  const inBody = LEAD.indexOf('\n') + 1;
  // A fixture's server lines, put in a host of their own, so that what the rules say of them is moved too.
  const wrapped = listFixtures().map((fixture) => splitFixture(fixture.text).server).filter((server) => server.trim() !== '').map((server) => ({ server: '', site: `<VirtualHost *:443>\n${server}\n</VirtualHost>\n` }));
  for (const setting of [alone, inTree]) {
    for (const fixture of [...fixtureSites, ...wrapped]) {
      const options = setting(fixture);
      let file = parseConfig(LEAD + fixture.site);
      let analysis = analyzeEdit(file, options(file));
      for (const text of [`${file.text.slice(0, inBody)}\n\n\n${file.text.slice(inBody)}`, `${file.text.slice(0, inBody)}\n${file.text.slice(inBody)}`, file.text]) {
        file = reparseConfig(file, text);
        analysis = analyzeEdit(file, options(file), analysis);
        // A host that defines a macro changes what later Use lines read: it is analysed whole.
        if (!/^\s*<Macro\s/im.test(fixture.site)) assert.equal(analysis.partial, true, `${fixture.site.slice(0, 60)}: analysed partially`);
        const fresh = parseConfig(text);
        assert.deepEqual(shown(analysis.diagnostics), shown(analyzeFile(fresh, setting(fixture)(fresh))), `${fixture.site.slice(0, 60)}: moved by lines`);
      }
    }
  }
});

test('an edit re-analyses the hosts it changed or moved, and a file with server lines whole', () => {
  const site = { server: '', site: manyHosts(3) };
  const file = parseConfig(site.site);
  const options = alone(site);
  const first = analyzeEdit(file, options(file));
  const depth = site.site.indexOf('SSLVerifyDepth 2');
  const typed = reparseConfig(file, `${site.site.slice(0, depth + 15)}3${site.site.slice(depth + 16)}`);
  const partial = analyzeEdit(typed, options(typed), first);
  assert.equal(partial.partial, true);
  const added = reparseConfig(typed, `${typed.text.slice(0, depth)}\n${typed.text.slice(depth)}`);
  const moved = analyzeEdit(added, options(added), partial);
  assert.equal(moved.partial, true);
  assert.deepEqual(shown(moved.diagnostics), shown(analyzeFile(parseConfig(added.text), options(added))));
  // The hosts below the new line were not analysed again: their findings are the previous ones (each has its own data object), one line down.
  const before = new Map(partial.found.map((diagnostic) => [diagnostic.data, diagnostic]));
  const carried = moved.found.filter((diagnostic) => before.get(diagnostic.data)?.range.start.line === diagnostic.range.start.line - 1);
  assert.ok(carried.length > 0, 'findings of the moved hosts are carried over');

  const withServerLine = parseConfig(`SSLProxyEngine on\n${site.site}`);
  const whole = analyzeEdit(withServerLine, options(withServerLine));
  const edited = reparseConfig(withServerLine, withServerLine.text.replace('SSLVerifyDepth 2', 'SSLVerifyDepth 3'));
  assert.equal(analyzeEdit(edited, options(edited), whole).partial, false);
});

test('hosts holding Use lines are analysed partially too: what the changed hosts expand to is analysed again, the others keep theirs but for the rules that compare hosts', () => {
  const server =
    '<Macro Partners>\n    <Location /partners>\n        SSLVerifyClient require\n    </Location>\n</Macro>\n' +
    '<Macro Named $name>\n    ServerName $name\n</Macro>\n';
  const host = (name: string, body: string) => `<VirtualHost *:443>\n    Use Named ${name}\n    SSLEngine on\n${body}</VirtualHost>\n`;
  const site = host('a.example', '    Use Partners\n') + host('b.example', '') + host('c.example', '    Use Partners\n');
  const setting = inTree({ server, site });
  // A name made the same as a host a macro names: the later host gets vhost/duplicate-name, through its Use line.
  const renamed = assertEditAsWhole(site, site.replace('Use Named b.example', 'Use Named c.example'), setting);
  assert.equal(renamed.partial, true);
  assert.ok(renamed.diagnostics.some((d) => d.code === 'vhost/duplicate-name' && d.range.start.line === 10), 'the duplicate is on the third host, at its Use line');
  const removed = assertEditAsWhole(site, site.replace('Use Named c.example', 'Use Named d.example').replace('Use Partners\n    SSLEngine', 'SSLEngine'), setting);
  assert.equal(removed.partial, true);
  const { steps, partial } = assertSameAsWholeAnalysis([{ server, site }], inTree, 60);
  // Many random edits break a tag or add server lines, which is whole by design: about one in three stays partial.
  assert.ok(partial > steps / 6, `${partial} of ${steps} edits were analysed partially`);
});
