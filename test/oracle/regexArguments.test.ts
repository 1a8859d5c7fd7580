// Regular expressions in every directive and section that compiles one while
// Apache reads the configuration, through the real `apache2 -t`: for each
// pattern Apache refuses we must report one error quoting Apache's message,
// and for each pattern PCRE2 accepts (many of them beyond JavaScript's RegExp)
// nothing at all. Refused patterns run through RedirectMatch; a few of them,
// and every accepted one, through each of the other places.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { Prober } from '../../scripts/knowledge/prober';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { requireApache } from '../support/apacheOracle';

/** Patterns PCRE2 compiles, several of which JavaScript would refuse or read otherwise. */
const ACCEPTED = [
  '^/(?<name>a)$',
  '(?P<name>a)',
  "(?'name'a)",
  '\\Qa(b\\E',
  '\\Qa(b',
  'a++',
  'a*+',
  'a?+',
  'a{2}+',
  'x{1,2}+',
  '(?i)abc',
  '(?i)(?m)a',
  'a(?i)b*',
  '(?i:abc)',
  '(?>a+)b',
  'a\\Kb',
  '\\Kx*',
  '(?=a)*',
  '(?<=a)b',
  '(?<!a)b',
  '(?<=a|bc)d',
  '(?<=a{2})b(?<!\\d{3}x)',
  '(?<=x(?:ab|cd))e',
  '(?<=(?P<n>ab|cd)|efg)x',
  '(?<=(a)\\1)x',
  '(?<=\\Qab\\E.\\p{L}[a-z]\\x{41})x',
  '(?<=(?=a+)b)c',
  '(?<=a(?!b+)c)d',
  '(?<=(?i)ab(?#c)\\b^)x',
  '(?<=a{,3})x',
  '(?<=a)\\K',
  '(?<=(?:ab){2})x',
  '(*plb:ab|c)d',
  '(?|(a)|(b))\\1',
  '((a)|(b))\\3',
  '(a)\\1',
  '(a)(b)\\2',
  '(?<n>a)(?<n>b)',
  '\\k<n>(?<n>a)',
  '(?P=n)(?P<n>a)',
  '(?(1)a|b)(x)',
  '(?1)(a)',
  '(?R)?',
  '(?C)a',
  '(*UTF)a',
  '(*UTF)(*UCP)(*LIMIT_MATCH=1000)(*CRLF)a',
  '(*UTF8)a',
  '(*NO_JIT)(*NOTEMPTY_ATSTART)(*BSR_UNICODE)a',
  '(*LIMIT_MATCH=1234567890)a',
  'a(*ACCEPT)?b',
  'a(*FAIL)|b',
  'a(*F)|b(*COMMIT)c(*PRUNE:x)d(*SKIP)e(*THEN)f',
  '(*MARK:one)a|(*:two)b',
  '(*PRUNE:)a',
  '(*pla:a)b',
  '(*positive_lookbehind:a)b',
  '(*napla:a)*b',
  '(*atomic:a+)b',
  '(*sr:\\d+)',
  '(*atomic_script_run:a)',
  '(?#comment)a',
  '(?x) a b # c (',
  '\\d\\w\\s\\D\\W\\S\\h\\H\\v\\V\\R\\N',
  '\\bx\\B\\A\\z\\Z\\G',
  '\\x41\\x{41}\\101\\o{101}\\x{41}{2}',
  '\\p{L}\\P{Lu}\\pL\\p{Lu}{2}',
  '\\pl\\p{^Lu}\\p{L&}\\P{Any}\\p{Xan}',
  '\\p{greek}\\p{ G r-e_e k }\\p{Grek}',
  '\\p{sc:Greek}\\p{Script=Greek}\\p{scx:Grek}\\p{script_extensions:Greek}',
  '\\p{bc:AL}\\p{Bidi_Class=AL}\\p{bidial}',
  '\\p{alpha}\\p{ASCII_Hex_Digit}\\p{White_Space}',
  '[\\p{Lu}\\p{Nd}_-]',
  '\\cA\\e\\f\\n\\r\\t\\a\\E',
  'a{,3}',
  'a{2,}',
  'x{',
  'x{a}',
  'x{0}',
  'x{65535}',
  '[a-z]',
  '[]a]',
  '[^]a]',
  '[a\\-z]',
  '[\\w-]',
  '[-\\w]',
  '[a-z\\w-]',
  '[\\w.+-]',
  '[\\w+-.]',
  '[^\\w\\s-]',
  '[%--]',
  '[--/]',
  '[\\]-a]',
  '[[:alpha:]]',
  '[[:^alpha:]]',
  '[[:alpha:][:digit:]]',
  '[^[:space:]]',
  '[[:alpha]',
  '[:alpha]',
  '[:a:b]',
  '[:]',
  '()*',
  '(?:)*',
  '(a|)+',
  'a|',
  '|a',
  '^/?$',
  '^/(.*?)/?$',
  '^(?!/api/).*',
  '\\.(?:css|js|png|jpe?g|gif|svg|woff2?)$',
  '[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}',
  '^/\\d{4}/\\d{2}/(.+)$',
  '\\/\\-\\_\\@\\#',
];

/** Patterns PCRE2 refuses, each a mistake our check finds. */
const REFUSED = [
  '(a',
  'a)',
  '^/(a|b',
  '*a',
  '+a',
  '?a',
  'a|*',
  '(+)',
  'a**',
  'a*?+',
  'a+++',
  'x{2}{3}',
  'x*{2}',
  'x{2}*',
  '{2}',
  'a{2,1}',
  'a{3,2}?',
  'a{65536}',
  'a{1,99999}',
  '^*',
  'a^*',
  '$?',
  '\\b*',
  '\\B+',
  '\\A*',
  '\\z*',
  '\\Z+',
  '\\G*',
  '\\K*',
  '(?i)*',
  'a(?i)*',
  '(?-i)*',
  'a\\',
  '\\',
  '(?#unclosed',
  '[a',
  '[]',
  '[^]',
  '[b-a]',
  '[a-\\]]',
  '[\\)-\\(]',
  '[\\w-.]',
  '[\\w-\\d]',
  '[a-\\d]',
  '[[:foo:]]',
  '[[.a.]]',
  '[[=a=]]',
  '[:alpha:]',
  '[.a.]',
  '\\1',
  '\\9',
  '(a)\\2',
  '(?:a)\\1',
  '\\p{Foo}',
  '\\P{Foo}',
  '\\pX',
  '\\p',
  '\\p{Lu',
  '\\p{}',
  '\\p{^}',
  '\\p{xx:Greek}',
  '\\p{bc:Greek}',
  '\\p{L&x}',
  '[\\p{Foo}]',
  '(?<=a+)b',
  '(?<!a*)b',
  '(?<=a{2,3})b',
  '(?<=x(a|bc))d',
  '(?<=x(?:a|bc))d',
  '(?<=\\w+)x',
  '(?<=\\R)x',
  '(?<=\\X)x',
  '(?<=a.+?)x',
  '(?<=(?|a|bc))x',
  '(?<=(?>a|bc))x',
  '(?<=(?:a|b)+)x',
  '(?<=a\\Kb)x',
  '(*nlb:a+)b',
  '(*FOO)a',
  '(*utf)a',
  '(*UTF16)a',
  '^(*UTF)a',
  '(*UTF)x(*UCP)a',
  '(*LIMIT_MATCH=)a',
  '(*LIMIT_MATCH=99999999999)a',
  'a(*MARK)',
  '(*:)a',
  '(*)a',
  '(*PLA:a)',
  '(*pla)a',
  '(*foo:a)',
  'a(*FAIL)*',
  '(*COMMIT)?',
  '(*MARK:x){2}',
  '(*UTF)*a',
  '(*atomic:a',
  ...[...'ijlmquyFIJLMOTUY'].map((letter) => `x\\${letter}`),
];

/** A few refused patterns for each of the other places. */
const REFUSED_ELSEWHERE = ['^/(a', '*a', 'a{2,1}', '[\\w-.]', 'x\\y', '(?i)*', '(a)\\2', '(*FOO)a', '\\p{Foo}', '(?<=a+)b'];

/** A word as ap_getword_conf reads it back: in double quotes, `\` and `"` escaped. */
const quoted = (pattern: string) => `"${pattern.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** Each place a pattern goes, as the lines of a block (mod_rewrite reads its arguments without unescaping). */
const PLACES: Record<string, (pattern: string) => string[]> = {
  RedirectMatch: (p) => [`RedirectMatch ${quoted(p)} /b`],
  RedirectMatchWithStatus: (p) => [`RedirectMatch 301 ${quoted(p)} /b`],
  RedirectMatchInLocation: (p) => ['<Location /r>', `RedirectMatch ${quoted(p)} /b`, '</Location>'],
  AliasMatch: (p) => [`AliasMatch ${quoted(p)} /tmp`],
  ScriptAliasMatch: (p) => [`ScriptAliasMatch ${quoted(p)} /tmp`],
  LocationMatch: (p) => [`<LocationMatch ${quoted(p)}>`, '</LocationMatch>'],
  DirectoryMatch: (p) => [`<DirectoryMatch ${quoted(p)}>`, '</DirectoryMatch>'],
  FilesMatch: (p) => [`<FilesMatch ${quoted(p)}>`, '</FilesMatch>'],
  ProxyMatch: (p) => [`<ProxyMatch ${quoted(p)}>`, '</ProxyMatch>'],
  LocationTilde: (p) => [`<Location ~ ${quoted(p)}>`, '</Location>'],
  DirectoryTilde: (p) => [`<Directory ~ ${quoted(p)}>`, '</Directory>'],
  FilesTildeInVirtualHost: (p) => ['<VirtualHost *:80>', `<Files ~ ${quoted(p)}>`, '</Files>', '</VirtualHost>'],
  ProxyPassMatch: (p) => [`ProxyPassMatch ${quoted(p)} http://backend.example/`],
  ProxyRemoteMatch: (p) => [`ProxyRemoteMatch ${quoted(p)} http://proxy.example:3128`],
  SetEnvIf: (p) => [`SetEnvIf Host ${quoted(p)} v=1`],
  SetEnvIfHeaderName: (p) => [`SetEnvIf ${quoted(p)} a v=1`],
  SetEnvIfNoCase: (p) => [`SetEnvIfNoCase User-Agent ${quoted(p)} v=1`],
  BrowserMatch: (p) => [`BrowserMatch ${quoted(p)} v=1`],
  BrowserMatchNoCase: (p) => [`BrowserMatchNoCase ${quoted(p)} v=1`],
  RewriteRule: (p) => [`RewriteRule "${p}" /b`],
  RewriteRuleNegated: (p) => [`RewriteRule "!${p}" /b [L]`],
  RewriteCond: (p) => [`RewriteCond %{HTTP_HOST} "${p}" [NC]`, 'RewriteRule ^ /b'],
  HeaderEdit: (p) => [`Header edit X ${quoted(p)} b`],
  HeaderEcho: (p) => [`Header echo ${quoted(p)}`],
};

interface Case {
  id: string;
  place: string;
  pattern: string;
  lines: string[];
}

function cases(): Case[] {
  const all: Case[] = [];
  const add = (place: string, pattern: string) => all.push({ id: String(all.length), place, pattern, lines: PLACES[place](pattern) });
  for (const place of Object.keys(PLACES)) {
    for (const pattern of ACCEPTED) add(place, pattern);
    for (const pattern of place === 'RedirectMatch' ? REFUSED : REFUSED_ELSEWHERE) add(place, pattern);
  }
  return all;
}

const prober = new Prober();
after(() => prober.close());

/** The Apache message one of our errors quotes. */
function quotedApacheMessage(diagnostic: Diagnostic): string | undefined {
  const data = diagnostic.data as { apacheMessage?: string } | undefined;
  return data?.apacheMessage ?? /"([^"]*)"/.exec(String(diagnostic.message))?.[1];
}

test('apache2 -t agrees with us on every regular expression, in every place that compiles one', async () => {
  requireApache();
  const all = cases();
  const verdicts = await prober.testMany('event', all);
  const problems: string[] = [];
  for (const one of all) {
    const text = `${one.lines.join('\n')}\n`;
    const errors = analyzeFile(parseConfig(text)).filter((d) => d.severity === DiagnosticSeverity.Error);
    const apache = verdicts.get(one.id);
    const where = `${one.place} ${one.pattern}`;
    if (!apache) problems.push(`${where}: no verdict from Apache`);
    else if (apache.ok && errors.length > 0) problems.push(`${where}: Apache accepts it, we say ${errors.map((e) => `[${String(e.code)}] ${e.message}`).join(' | ')}`);
    else if (!apache.ok && errors.length !== 1) problems.push(`${where}: Apache says "${apache.message}", we give ${errors.length} errors`);
    else if (!apache.ok) {
      // Apache's error log doubles a backslash.
      const theirs = apache.message?.replace(/\\\\/g, '\\').trimEnd();
      const ours = quotedApacheMessage(errors[0])?.trimEnd();
      if (ours !== theirs) problems.push(`${where}:\n    we:     ${ours}\n    Apache: ${theirs}`);
    }
    if (apache && ACCEPTED.includes(one.pattern) && !apache.ok) problems.push(`${where}: listed as accepted, Apache says ${apache.message}`);
  }
  assert.deepEqual(problems, []);
  console.log(`apache2 -t agreed on ${all.length} lines in ${prober.runs} runs`);
});
