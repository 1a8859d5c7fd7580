// Specs for the TextMate grammar (syntaxes/apacheconf.tmLanguage.json, built from the YAML)
// and the language configuration. The grammar is loaded the way VS Code loads it, with
// vscode-textmate and the Oniguruma wasm, and sample configs are tokenized line by line.
//
// Run: node --import tsx --test test/grammar/grammar.test.ts

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = join(__dirname, '..', '..');
const GRAMMAR_JSON = join(ROOT, 'syntaxes', 'apacheconf.tmLanguage.json');
const BUILD_SCRIPT = join(ROOT, 'scripts', 'build-grammar.mjs');

let grammar: vsctm.IGrammar;

before(async () => {
  await oniguruma.loadWASM(readFileSync(join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm')));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'source.apacheconf' ? vsctm.parseRawGrammar(readFileSync(GRAMMAR_JSON, 'utf8'), GRAMMAR_JSON) : null,
  });
  const loaded = await registry.loadGrammar('source.apacheconf');
  assert.ok(loaded, 'grammar source.apacheconf did not load');
  grammar = loaded;
});

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

interface Token {
  line: number;
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

/** Tokenizes a (possibly multi-line) source, carrying the rule stack from line to line. */
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let state = vsctm.INITIAL;
  source.split('\n').forEach((text, line) => {
    const result = grammar.tokenizeLine(text, state);
    state = result.ruleStack;
    for (const token of result.tokens) {
      const end = Math.min(token.endIndex, text.length);
      tokens.push({ line, start: token.startIndex, end, text: text.slice(token.startIndex, end), scopes: token.scopes });
    }
  });
  return tokens;
}

/** Line and columns of the `nth` (1-based) occurrence of `needle` in `source`. */
function locate(source: string, needle: string, nth = 1): { line: number; start: number; end: number } {
  assert.ok(needle.length > 0 && !needle.includes('\n'), 'the needle must be a non-empty part of one line');
  let index = -1;
  for (let i = 0; i < nth; i++) {
    index = source.indexOf(needle, index + 1);
    assert.ok(index >= 0, `occurrence ${i + 1} of ${JSON.stringify(needle)} not found in ${JSON.stringify(source)}`);
  }
  const lineStart = source.lastIndexOf('\n', index - 1) + 1;
  const line = source.slice(0, index).split('\n').length - 1;
  return { line, start: index - lineStart, end: index - lineStart + needle.length };
}

/** The tokens that cover the `nth` occurrence of `needle`. */
function tokensOf(source: string, needle: string, nth = 1): Token[] {
  const where = locate(source, needle, nth);
  const covering = tokenize(source).filter(
    (token) => token.line === where.line && token.start < where.end && token.end > where.start,
  );
  assert.ok(covering.length > 0, `no token covers ${JSON.stringify(needle)}`);
  return covering;
}

/** The scopes that every character of the `nth` occurrence of `needle` has. */
function scopesOf(source: string, needle: string, nth = 1): string[] {
  const [first, ...rest] = tokensOf(source, needle, nth);
  return first.scopes.filter((scope) => rest.every((token) => token.scopes.includes(scope)));
}

/** `scope` itself or a more specific scope below it (`comment` matches `comment.line.x`). */
function matchesScope(actual: string, expected: string): boolean {
  return actual === expected || actual.startsWith(`${expected}.`);
}

function describe(source: string, needle: string, nth: number): string {
  return tokensOf(source, needle, nth)
    .map((token) => `  ${JSON.stringify(token.text)}: ${token.scopes.join(' ')}`)
    .join('\n');
}

/** Every character of `needle` (its `nth` occurrence) is inside `scope`. */
function expectScope(source: string, needle: string, scope: string, nth = 1): void {
  assert.ok(
    scopesOf(source, needle, nth).some((actual) => matchesScope(actual, scope)),
    `expected ${JSON.stringify(needle)} in ${JSON.stringify(source)} to be ${scope}, got:\n${describe(source, needle, nth)}`,
  );
}

/** No character of `needle` (its `nth` occurrence) is inside `scope` or a scope below it. */
function expectNotScope(source: string, needle: string, scope: string, nth = 1): void {
  const offending = tokensOf(source, needle, nth).filter((token) => token.scopes.some((s) => matchesScope(s, scope)));
  assert.equal(
    offending.length,
    0,
    `expected ${JSON.stringify(needle)} in ${JSON.stringify(source)} not to be ${scope}, got:\n${describe(source, needle, nth)}`,
  );
}

/**
 * Which occurrence of `needle` is the one inside the first `context`, e.g. the `<` of
 * `<If "%{X} < 'v'">` is occurrence 2 (`occurrenceAt(source, ' < ', '<')`).
 */
function occurrenceAt(source: string, context: string, needle: string): number {
  const contextIndex = source.indexOf(context);
  assert.ok(contextIndex >= 0 && context.includes(needle), `${JSON.stringify(context)} not in ${JSON.stringify(source)}`);
  const target = contextIndex + context.indexOf(needle);
  let count = 0;
  for (let index = source.indexOf(needle); index >= 0 && index <= target; index = source.indexOf(needle, index + 1)) count++;
  return count;
}

const COMMENT = 'comment';
const DIRECTIVE = 'keyword.other.directive.apacheconf';
const OPERATOR = 'keyword.operator.expression.apacheconf';
const REGEXP = 'string.regexp.apacheconf';
const CONTINUATION = 'constant.character.escape.line-continuation.apacheconf';

// ---------------------------------------------------------------------------------------------
// The generated JSON and the grammar file itself
// ---------------------------------------------------------------------------------------------

test('the checked-in JSON grammar is exactly what the YAML converts to', () => {
  const result = spawnSync(process.execPath, [BUILD_SCRIPT, '--check'], { encoding: 'utf8' });
  assert.equal(result.status, 0, `build-grammar --check failed:\n${result.stdout}${result.stderr}`);
});

test('build-grammar --check fails on a stale JSON and a rebuild reproduces the checked-in file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apacheconf-grammar-'));
  try {
    const stale = join(dir, 'stale.json');
    writeFileSync(stale, readFileSync(GRAMMAR_JSON, 'utf8').replace('"name": "Apache"', '"name": "Stale"'));
    const check = spawnSync(process.execPath, [BUILD_SCRIPT, '--check', '--json', stale], { encoding: 'utf8' });
    assert.equal(check.status, 1, `expected --check to report the stale file:\n${check.stdout}${check.stderr}`);

    const rebuilt = join(dir, 'rebuilt.json');
    const build = spawnSync(process.execPath, [BUILD_SCRIPT, '--json', rebuilt], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    assert.equal(readFileSync(rebuilt, 'utf8'), readFileSync(GRAMMAR_JSON, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the JSON grammar has the expected identity and every regex compiles with Oniguruma', () => {
  const raw: unknown = JSON.parse(readFileSync(GRAMMAR_JSON, 'utf8'));
  assert.ok(raw !== null && typeof raw === 'object');
  const json = raw as Record<string, unknown>;
  assert.equal(json.scopeName, 'source.apacheconf');
  assert.equal(json.variables, undefined, 'build-time variables must not reach the JSON');

  const regexes: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') regexes.push(value);
        else visit(value);
      }
    }
  };
  visit(json);
  assert.ok(regexes.length > 50, `only ${regexes.length} regexes found`);
  for (const regex of regexes) {
    assert.ok(!regex.includes('{{'), `unexpanded variable in ${regex}`);
    assert.doesNotThrow(() => new oniguruma.OnigScanner([regex]), `regex does not compile: ${regex}`);
  }
});

// ---------------------------------------------------------------------------------------------
// Comments
// ---------------------------------------------------------------------------------------------

test('comments: # as the first non-blank character of a line', () => {
  expectScope('# Listen 80', '# Listen 80', 'comment.line.number-sign.apacheconf');
  expectScope('# Listen 80', '#', 'punctuation.definition.comment.apacheconf');
  expectNotScope('# Listen 80', 'Listen', DIRECTIVE);
  expectScope('    \t# indented', '# indented', 'comment.line.number-sign.apacheconf');
  expectScope('<VirtualHost *:443>\n  # inside a section\n</VirtualHost>', '# inside a section', COMMENT);
});

test('comments: a comment ending in \\ continues, and the next line is comment too', () => {
  const source = '# disabled: \\\nSSLEngine on\nServerName example.com';
  expectScope(source, 'SSLEngine on', 'comment.line.number-sign.apacheconf');
  expectNotScope(source, 'SSLEngine', DIRECTIVE);
  expectScope(source, '\\', CONTINUATION);
  // The comment stops at the first line that does not end in a backslash.
  expectScope(source, 'ServerName', DIRECTIVE);
  expectNotScope(source, 'ServerName example.com', COMMENT);
});

test('comments: a \\ followed by blanks does not continue a comment', () => {
  const source = '# not continued \\  \nSSLEngine on';
  expectScope(source, 'SSLEngine', DIRECTIVE);
  expectNotScope(source, 'SSLEngine on', COMMENT);
});

test('a # after arguments is not a comment (Apache passes it on as arguments)', () => {
  const source = 'ServerName example.com # primary name';
  expectNotScope(source, '# primary name', COMMENT);
  expectScope(source, '# primary name', 'invalid.deprecated.trailing-comment.apacheconf');
  expectNotScope(source, 'example.com', COMMENT);
  expectNotScope('SSLVerifyDepth 2 # chain depth', '# chain depth', COMMENT);
  expectNotScope('RewriteRule ^/a$ /b [L] # done', '# done', COMMENT);
  expectScope('RewriteRule ^/a$ /b [L] # done', '[L]', 'constant.other.flags.apacheconf');
  // A # inside a quoted argument is just part of the string.
  expectScope('Header set X-Color "#fff"', '#fff', 'string.quoted.double.apacheconf');
  expectNotScope('Header set X-Color "#fff"', '#fff', COMMENT);
  // Text after the > of an opening tag is ignored by Apache; it is not a comment either.
  expectNotScope('<Directory /srv> # docs', '# docs', COMMENT);
  expectScope('<Directory /srv> # docs', '# docs', 'invalid.deprecated.ignored.apacheconf');
});

// ---------------------------------------------------------------------------------------------
// Directive names
// ---------------------------------------------------------------------------------------------

test('directive names: the first word of a line, any identifier, any case', () => {
  expectScope('ServerName example.com', 'ServerName', DIRECTIVE);
  expectNotScope('ServerName example.com', 'example.com', DIRECTIVE);
  expectScope('  SSLCertificateFile /etc/ssl/server.pem', 'SSLCertificateFile', DIRECTIVE);
  expectScope('sslengine on', 'sslengine', DIRECTIVE);
  expectScope('REWRITEENGINE On', 'REWRITEENGINE', DIRECTIVE);
  // Not a fixed list: third-party and unknown directives are coloured the same way.
  expectScope('My_Module_Directive2 value', 'My_Module_Directive2', DIRECTIVE);
  expectScope('ServerName example.com', 'ServerName example.com', 'meta.directive.apacheconf');
});

test('directive names: the special forms are case-insensitive too', () => {
  expectScope('rewriterule ^/a$ /b', 'rewriterule', DIRECTIVE);
  expectScope('rewriterule ^/a$ /b', '^/a$', REGEXP);
  expectScope('REQUIRE EXPR "-n %{HTTP_HOST}"', '-n', OPERATOR);
  expectScope('sslrequire %{A} == "b"', '==', OPERATOR);
});

// ---------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------

test('section tags: <VirtualHost *:443> and </VirtualHost>', () => {
  const source = '<VirtualHost *:443>\n  ServerName example.com\n</VirtualHost>';
  expectScope(source, '<VirtualHost *:443>', 'meta.tag.apacheconf');
  expectScope(source, '<', 'punctuation.definition.tag.begin.apacheconf');
  expectScope(source, 'VirtualHost', 'entity.name.tag.apacheconf');
  expectScope(source, '>', 'punctuation.definition.tag.end.apacheconf');
  expectScope(source, '*', 'constant.language.wildcard.apacheconf');
  expectScope(source, '443', 'constant.numeric.apacheconf');
  expectScope(source, 'ServerName', DIRECTIVE);

  expectScope(source, '</VirtualHost>', 'meta.tag.apacheconf');
  expectScope(source, '</', 'punctuation.definition.tag.begin.apacheconf');
  expectScope(source, 'VirtualHost', 'entity.name.tag.apacheconf', 2);
  expectScope(source, '>', 'punctuation.definition.tag.end.apacheconf', 2);
  expectNotScope(source, '</VirtualHost>', 'invalid');
});

test('section tags: arguments are highlighted like directive arguments', () => {
  expectScope('<Directory "/var/www/html">', '"/var/www/html"', 'string.quoted.double.apacheconf');
  expectScope('<Directory /var/www/html>', '/var/www/html', 'string.unquoted.path.apacheconf');
  expectNotScope('<Directory /var/www/html>', '>', 'string');
  expectScope('<VirtualHost 192.168.1.10:8443 [::1]:443>', '192.168.1.10', 'constant.numeric.ip-address.apacheconf');
  expectScope('<VirtualHost 192.168.1.10:8443 [::1]:443>', '[::1]', 'constant.numeric.ip-address.apacheconf');
  expectScope('<VirtualHost 192.168.1.10:8443 [::1]:443>', '8443', 'constant.numeric.apacheconf');
  expectScope('<VirtualHost _default_:443>', '_default_', 'constant.language.apacheconf');
  expectScope('<IfModule !mod_ssl.c>', '!', 'keyword.operator.negation.apacheconf');
  expectScope('<IfDefine ${ENABLE_TLS}>', '${ENABLE_TLS}', 'variable.other.define.apacheconf');
  expectScope('<IfVersion >= 2.4.10>', '>=', 'keyword.operator.comparison.apacheconf');
  expectScope('<IfVersion >= 2.4.10>', '2.4.10', 'constant.numeric.apacheconf');
  expectScope('<IfVersion >= 2.4.10>', '>', 'punctuation.definition.tag.end.apacheconf', 2);
  expectScope('<IfModule mod_ssl.c>', 'IfModule', 'entity.name.tag.apacheconf');
  expectScope('<ifmodule mod_ssl.c>', 'ifmodule', 'entity.name.tag.apacheconf');
});

test('section tags: a tag split over lines with \\ stays one tag', () => {
  const source = '<VirtualHost *:80 \\\n    *:443>\nServerName a';
  expectScope(source, '\\', CONTINUATION);
  expectScope(source, '443', 'constant.numeric.apacheconf');
  expectScope(source, '>', 'punctuation.definition.tag.end.apacheconf');
  expectScope(source, '*', 'constant.language.wildcard.apacheconf', 2);
  expectScope(source, 'ServerName', DIRECTIVE);
});

test('section tags: closing tags Apache refuses are marked illegal', () => {
  expectScope('</IfModule> # done', '# done', 'invalid.illegal.trailing-characters.apacheconf');
  expectNotScope('</IfModule> # done', '# done', COMMENT);
  expectScope('</IfModule >', ' >', 'invalid.illegal');
  expectScope('</IfModule junk>', 'junk>', 'invalid.illegal');
  expectNotScope('</IfModule>   ', '</IfModule>', 'invalid');
});

test('section tags: <If> and <ElseIf> arguments are expressions', () => {
  const source = '<If "%{HTTP_HOST} == \'example.com\'">';
  expectScope(source, '%{HTTP_HOST}', 'variable.other.server.apacheconf');
  expectScope(source, '==', OPERATOR);
  expectScope(source, "'example.com'", 'string.quoted.single.apacheconf');
  expectScope(source, '%{HTTP_HOST} ==', 'meta.embedded.expression.apacheconf');
  expectScope(source, '"', 'punctuation.definition.string.begin.apacheconf');
  expectScope(source, '>', 'punctuation.definition.tag.end.apacheconf');
  expectScope('<ElseIf "-z %{QUERY_STRING}">', '-z', OPERATOR);
  expectScope('<ElseIf "-z %{QUERY_STRING}">', 'ElseIf', 'entity.name.tag.apacheconf');
  // A > inside the quoted expression is an operator; the last > closes the tag.
  expectScope('<If "%{CONTENT_LENGTH} > 1000">', '>', OPERATOR);
  expectScope('<If "%{CONTENT_LENGTH} > 1000">', '>', 'punctuation.definition.tag.end.apacheconf', 2);
  expectScope('<Else>', 'Else', 'entity.name.tag.apacheconf');
});

// ---------------------------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------------------------

test('strings: double and single quotes with Apache escapes', () => {
  expectScope('SSLCertificateFile "/etc/ssl/my cert.pem"', '"/etc/ssl/my cert.pem"', 'string.quoted.double.apacheconf');
  expectScope('SSLCertificateFile "/etc/ssl/my cert.pem"', '"', 'punctuation.definition.string.begin.apacheconf');
  expectScope("Header set X-A 'single quoted'", "'single quoted'", 'string.quoted.single.apacheconf');

  const escapes = 'Header set X-A "say \\"hi\\" C:\\\\dir"';
  expectScope(escapes, '\\"', 'constant.character.escape.apacheconf');
  expectScope(escapes, '\\\\', 'constant.character.escape.apacheconf');
  expectScope(escapes, 'hi', 'string.quoted.double.apacheconf');
  expectScope(escapes, 'dir"', 'string.quoted.double.apacheconf');
  expectScope("Header set X-A 'it\\'s'", "\\'", 'constant.character.escape.apacheconf');
  // Only \\ and \" (resp. \') are escapes.
  expectNotScope('Header set X-A "a\\nb"', '\\n', 'constant.character.escape');
});

test('strings: a quote opens a string only at the start of an argument', () => {
  expectNotScope('ServerAdmin foo"bar baz', 'foo"bar', 'string');
  expectNotScope('ServerAdmin foo"bar baz', 'baz', 'string');
});

test('strings: an unterminated string stops at the end of the logical line', () => {
  const source = 'ServerName "example.com\nSSLEngine on';
  expectScope(source, 'example.com', 'string.quoted.double.apacheconf');
  expectScope(source, 'SSLEngine', DIRECTIVE);
  expectNotScope(source, 'SSLEngine on', 'string');
});

// ---------------------------------------------------------------------------------------------
// Numbers, constants, URLs, paths
// ---------------------------------------------------------------------------------------------

test('numbers', () => {
  expectScope('SSLVerifyDepth 2', '2', 'constant.numeric.apacheconf');
  expectScope('Listen 8443', '8443', 'constant.numeric.apacheconf');
  expectScope('Listen 0.0.0.0:443', '443', 'constant.numeric.apacheconf');
  expectScope('Listen 0.0.0.0:443', '0.0.0.0', 'constant.numeric.ip-address.apacheconf');
  expectScope('Timeout 300', '300', 'constant.numeric.apacheconf');
  expectNotScope('SSLProtocol +TLSv1.2', '1.2', 'constant.numeric');
  expectNotScope('ServerName www2.example.com', '2', 'constant.numeric');
});

test('On/Off and other keyword values are constants, any case, whole words only', () => {
  expectScope('SSLEngine on', 'on', 'constant.language.apacheconf');
  expectScope('SSLEngine Off', 'Off', 'constant.language.apacheconf');
  expectScope('SSLProxyEngine ON', 'ON', 'constant.language.apacheconf');
  expectScope('ProxyPass /a http://b/ keepalive=On', 'On', 'constant.language.apacheconf');
  expectNotScope('ServerName online.example.com', 'online', 'constant.language');
  expectNotScope('ServerAlias on-call.example.com', 'on', 'constant.language');
  for (const keyword of ['none', 'optional', 'require', 'optional_no_ca']) {
    expectScope(`SSLVerifyClient ${keyword}`, keyword, 'constant.language.apacheconf');
  }
  expectScope('Require all granted', 'granted', 'constant.language.apacheconf');
});

test('URLs are links', () => {
  for (const url of [
    'http://backend:80/',
    'https://app.internal:8443/api/',
    'h2c://backend:8080/',
    'ws://backend:8080/socket/',
    'wss://chat.internal/',
    'balancer://mycluster/',
  ]) {
    expectScope(`ProxyPass /x/ ${url}`, url, 'markup.underline.link.apacheconf');
  }
  expectScope('ProxyPass "/api" "http://backend:80/"', 'http://backend:80/', 'markup.underline.link.apacheconf');
  expectScope('ProxyPass /x/ http://backend:80/ retry=0', 'retry', 'variable.parameter.apacheconf');
  expectNotScope('ProxyPass /x/ http://backend:80/ retry=0', 'retry', 'markup.underline.link');
});

test('absolute paths', () => {
  expectScope('SSLCertificateFile /etc/ssl/x.pem', '/etc/ssl/x.pem', 'string.unquoted.path.apacheconf');
  expectScope('ProxyPass /api/ http://backend/', '/api/', 'string.unquoted.path.apacheconf');
  expectScope('ErrorLog ${APACHE_LOG_DIR}/error.log', '/error.log', 'string.unquoted.path.apacheconf');
  expectNotScope('AddType text/plain .txt', '/plain', 'string.unquoted.path');
});

// ---------------------------------------------------------------------------------------------
// Variables
// ---------------------------------------------------------------------------------------------

test('${VAR} defines, unquoted and inside quotes and regexes', () => {
  expectScope('SSLCertificateFile ${SSL_DIR}/server.pem', '${SSL_DIR}', 'variable.other.define.apacheconf');
  expectScope('SSLCertificateFile ${SSL_DIR}/server.pem', '${', 'punctuation.definition.variable.begin.apacheconf');
  expectScope('ErrorLog "${APACHE_LOG_DIR}/error.log"', '${APACHE_LOG_DIR}', 'variable.other.define.apacheconf');
  expectScope('ErrorLog "${APACHE_LOG_DIR}/error.log"', '${APACHE_LOG_DIR}', 'string.quoted.double.apacheconf');
  expectScope("Header set X 'v=${VERSION}'", '${VERSION}', 'variable.other.define.apacheconf');
  expectScope('<LocationMatch "^/${PREFIX}/">', '${PREFIX}', 'variable.other.define.apacheconf');
  expectScope('ServerName ${HOST}.example.com', '${HOST}', 'variable.other.define.apacheconf');
});

test('%{VAR} server variables, unquoted and inside quotes', () => {
  expectScope('RewriteCond %{HTTP_HOST} ^www\\. [NC]', '%{HTTP_HOST}', 'variable.other.server.apacheconf');
  expectScope('RewriteCond %{HTTP:X-Forwarded-Proto} !https', '%{HTTP:X-Forwarded-Proto}', 'variable.other.server.apacheconf');
  expectScope('SSLRequire %{SSL_CLIENT_S_DN_CN} eq "admin"', '%{SSL_CLIENT_S_DN_CN}', 'variable.other.server.apacheconf');
  expectScope('Define HOST "%{HTTP_HOST}"', '%{HTTP_HOST}', 'variable.other.server.apacheconf');
  expectScope('RewriteRule ^ https://%{HTTP_HOST}%{REQUEST_URI} [R=301,L]', '%{REQUEST_URI}', 'variable.other.server.apacheconf');
});

test('%{VAR}s / %{VAR}e format forms of Header, RequestHeader and LogFormat', () => {
  const source = 'RequestHeader set X-Client-CN "%{SSL_CLIENT_S_DN_CN}s"';
  expectScope(source, '%{SSL_CLIENT_S_DN_CN}', 'variable.other.server.apacheconf');
  expectScope(source, '%{SSL_CLIENT_S_DN_CN}s', 'constant.other.placeholder.apacheconf');
  expectScope(source, 's"', 'string.quoted.double.apacheconf');
  expectScope('Header set X-Env %{UNIQUE_ID}e', '%{UNIQUE_ID}e', 'constant.other.placeholder.apacheconf');
  const log = 'LogFormat "%h %l %u %t \\"%r\\" %>s %b \\"%{Referer}i\\"" combined';
  expectScope(log, '%>s', 'constant.other.placeholder.apacheconf');
  expectScope(log, '%{Referer}i', 'constant.other.placeholder.apacheconf');
  expectScope(log, '\\"', 'constant.character.escape.apacheconf');
});

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

const BINARY_OPERATORS = [
  '==', '!=', '=~', '!~', '<', '<=', '>', '>=',
  '-eq', '-ne', '-lt', '-le', '-gt', '-ge',
  'eq', 'ne', 'lt', 'le', 'gt', 'ge',
  '&&', '||', 'and', 'or',
  '-in', 'in', '-ipmatch', '-strmatch', '-strcmatch', '-fnmatch',
];
const UNARY_OPERATORS = ['!', 'not', '-R', '-n', '-z', '-f', '-d', '-s', '-U', '-A'];

test('expression operators in <If>, <ElseIf>, Require expr and SSLRequire', () => {
  for (const op of BINARY_OPERATORS) {
    const expr = `%{X} ${op} 'v'`;
    for (const source of [`<If "${expr}">`, `<ElseIf "${expr}">`, `Require expr "${expr}"`, `Require expr ${expr}`]) {
      expectScope(source, op, OPERATOR, occurrenceAt(source, ` ${op} `, op));
    }
    const sslRequire = `SSLRequire %{X} ${op} "v"`;
    expectScope(sslRequire, op, OPERATOR, occurrenceAt(sslRequire, ` ${op} `, op));
  }
  for (const op of UNARY_OPERATORS) {
    expectScope(`<If "${op} %{X}">`, op, OPERATOR);
    expectScope(`Require expr "${op} %{X}"`, op, OPERATOR);
    expectScope(`SSLRequire ${op} %{X}`, op, OPERATOR);
  }
  // `-R` and `-ipmatch` with their operands.
  expectScope("Require expr \"-R '10.0.0.0/8'\"", "'10.0.0.0/8'", 'string.quoted.single.apacheconf');
  expectScope('Require not expr "%{REMOTE_ADDR} -ipmatch \'10.0.0.0/8\'"', 'not', OPERATOR);
});

test('expression operators: words inside string literals are not operators', () => {
  expectNotScope('<If "%{X} == \'black and white\'">', 'and', OPERATOR);
  expectNotScope('SSLRequire %{SSL_CLIENT_S_DN_O} eq "Snake Oil and Co"', 'and', OPERATOR);
  expectScope('SSLRequire %{SSL_CLIENT_S_DN_O} eq "Snake Oil and Co"', '"Snake Oil and Co"', 'string.quoted.double.apacheconf');
  expectNotScope('<If "%{X} == \'a\' || %{Y} -in {\'b\'}">', 'b', OPERATOR);
  expectNotScope('Require expr "%{HTTP:Origin} == \'x\'"', 'Origin', OPERATOR);
  // A > in an If expression is an operator; the tag's last > is its end.
  expectNotScope('<If "%{X} >= 2">', '>', 'punctuation.definition.tag.end', 1);
});

test('expression regexes: /.../ and m#...#', () => {
  expectScope('<If "%{REQUEST_URI} =~ /^\\/api\\//">', '/^\\/api\\//', REGEXP);
  expectScope('Require expr %{REQUEST_URI} =~ m#^/admin#', 'm#^/admin#', REGEXP);
  expectScope('<If "%{HTTP_HOST} !~ m#^www\\.#i">', 'm#^www\\.#i', REGEXP);
  expectScope('SSLRequire %{SSL_CLIENT_S_DN_OU} =~ m/^(Staff|CA)$/', 'm/^(Staff|CA)$/', REGEXP);
  expectScope('Require expr "%{REQUEST_URI} =~ /^\\/health$/i"', '/^\\/health$/i', REGEXP);
});

test('expression functions', () => {
  expectScope('<If "tolower(%{HTTP_HOST}) == \'a\'">', 'tolower', 'support.function.apacheconf');
  expectScope('SSLRequire "1.3.6.1.4.1.311" in PeerExtList("1.3.6.1.4.1.311.20.2")', 'PeerExtList', 'support.function.apacheconf');
  expectScope('Require expr "req(\'Host\') == \'a\'"', 'req', 'support.function.apacheconf');
  expectScope('<If "-f file(\'/etc/flag\')">', 'file', 'support.function.apacheconf');
  expectNotScope('SSLRequire not (%{A} == "b")', 'not', 'support.function');
});

test('expressions: expr= arguments, RewriteCond expr and SetEnvIfExpr', () => {
  const header = 'Header always set X-Api "yes" "expr=%{REQUEST_URI} =~ m#^/api#"';
  expectScope(header, 'expr', 'keyword.other.expr.apacheconf', 1);
  expectScope(header, '=~', OPERATOR);
  expectScope(header, 'm#^/api#', REGEXP);
  const cond = 'RewriteCond expr "! %{HTTP_REFERER} -strmatch \'*://%{HTTP_HOST}/*\'" [OR]';
  expectScope(cond, '-strmatch', OPERATOR);
  expectScope(cond, '%{HTTP_HOST}', 'variable.other.server.apacheconf');
  expectScope(cond, '[OR]', 'constant.other.flags.apacheconf');
  expectScope('SetEnvIfExpr "tolower(req(\'X-A\')) == \'on\'" no-a', 'tolower', 'support.function.apacheconf');
});

// ---------------------------------------------------------------------------------------------
// Regex arguments
// ---------------------------------------------------------------------------------------------

test('regexes: the first argument of the *Match sections', () => {
  for (const section of ['DirectoryMatch', 'LocationMatch', 'FilesMatch', 'ProxyMatch']) {
    expectScope(`<${section} "^/(api|app)/">`, '^/(api|app)/', REGEXP);
    expectScope(`<${section} \\.(pem|key)$>`, '\\.(pem|key)$', REGEXP);
    expectNotScope(`<${section} \\.(pem|key)$>`, '>', REGEXP);
  }
  expectScope('<FilesMatch "\\.(pem|key)$">', '"', 'string.quoted.double.apacheconf');
});

test('regexes: <Location ~ "regex"> and friends', () => {
  expectScope('<Location ~ "/(old|legacy)/">', '~', 'keyword.operator.regexp.apacheconf');
  expectScope('<Location ~ "/(old|legacy)/">', '/(old|legacy)/', REGEXP);
  expectScope('<Directory ~ ^/var/www/[0-9]+>', '^/var/www/[0-9]+', REGEXP);
  expectScope('<Files ~ "\\.bak$">', '\\.bak$', REGEXP);
  // Without ~ the argument is a plain path.
  expectNotScope('<Location /status>', '/status', REGEXP);
  expectScope('<Location /status>', '/status', 'string.unquoted.path.apacheconf');
});

test('regexes: RewriteRule pattern, RewriteCond CondPattern', () => {
  const rule = 'RewriteRule ^/old/(.*)$ /new/$1 [L,R=301,NE]';
  expectScope(rule, '^/old/(.*)$', REGEXP);
  expectNotScope(rule, '/new/', REGEXP);
  expectScope(rule, '$1', 'variable.other.backreference.apacheconf');
  expectScope('RewriteRule !^/static - [F]', '!', 'keyword.operator.negation.apacheconf');
  expectScope('RewriteRule !^/static - [F]', '^/static', REGEXP);
  expectScope('RewriteRule "^/a b$" /c', 'a b', REGEXP);

  const cond = 'RewriteCond %{HTTP_HOST} ^www\\.example\\.com$ [NC]';
  expectScope(cond, '^www\\.example\\.com$', REGEXP);
  expectNotScope(cond, '%{HTTP_HOST}', REGEXP);
  expectScope('RewriteCond %{HTTPS} !=on', '=', 'keyword.operator.comparison.apacheconf');
  expectNotScope('RewriteCond %{HTTPS} !=on', 'on', REGEXP);
  expectScope('RewriteCond %{REQUEST_FILENAME} !-f', '-f', OPERATOR);
  expectNotScope('RewriteCond %{REQUEST_FILENAME} !-f', '-f', REGEXP);
  expectScope('RewriteCond %{REMOTE_ADDR} -ipmatch 10.0.0.0/8', '-ipmatch', OPERATOR);
});

test('regexes: the first argument of AliasMatch, RedirectMatch, ProxyPassMatch, ScriptAliasMatch', () => {
  expectScope('AliasMatch ^/icons/(.*)$ /usr/share/icons/$1', '^/icons/(.*)$', REGEXP);
  expectNotScope('AliasMatch ^/icons/(.*)$ /usr/share/icons/$1', '/usr/share/icons/', REGEXP);
  expectScope('ScriptAliasMatch "^/cgi-bin/(.*)" "/usr/lib/cgi-bin/$1"', '^/cgi-bin/(.*)', REGEXP);
  expectScope('ProxyPassMatch "^/(.*\\.php)$" "fcgi://127.0.0.1:9000/var/www/$1"', '^/(.*\\.php)$', REGEXP);
  expectScope('ProxyPassMatch "^/(.*\\.php)$" "fcgi://127.0.0.1:9000/var/www/$1"', 'fcgi://127.0.0.1:9000/var/www/', 'markup.underline.link.apacheconf');
  // Inside <LocationMatch> ProxyPassMatch has only the URL.
  expectNotScope('ProxyPassMatch http://backend/', 'http://backend/', REGEXP);
  expectScope('RedirectMatch ^/docs/(.*) https://docs.example.com/$1', '^/docs/(.*)', REGEXP);
  expectScope('RedirectMatch 301 ^/docs/(.*) https://docs.example.com/$1', '^/docs/(.*)', REGEXP);
  expectScope('RedirectMatch 301 ^/docs/(.*) https://docs.example.com/$1', '301', 'constant.numeric.apacheconf');
  expectScope('RedirectMatch permanent "^/a$" /b', '^/a$', REGEXP);
  expectScope('SetEnvIf Request_URI "\\.gif$" image=1', '\\.gif$', REGEXP);
  expectScope('BrowserMatchNoCase "MSIE [2-6]" nokeepalive', 'MSIE [2-6]', REGEXP);
  // Header edit: the argument after the header name.
  expectScope('Header always edit Location ^http://(.*)$ https://$1', '^http://(.*)$', REGEXP);
  expectNotScope('Header always edit Location ^http://(.*)$ https://$1', 'Location', REGEXP);
});

test('RewriteRule flags', () => {
  const rule = 'RewriteRule ^/old/(.*)$ /new/$1 [L,R=301,NE]';
  expectScope(rule, '[L,R=301,NE]', 'constant.other.flags.apacheconf');
  expectScope(rule, '[', 'punctuation.definition.flags.begin.apacheconf');
  expectScope(rule, ',', 'punctuation.separator.comma.apacheconf');
  expectScope('RewriteCond %{HTTP_HOST} ^a$ [NC,OR]', '[NC,OR]', 'constant.other.flags.apacheconf');
});

// ---------------------------------------------------------------------------------------------
// Line continuation
// ---------------------------------------------------------------------------------------------

test('line continuation: a final \\ carries the directive onto the next line', () => {
  const source = 'ServerAlias www.example.com \\\n    on.example.com \\\n    ${EXTRA}\nSSLEngine on';
  expectScope(source, '\\', CONTINUATION);
  expectScope(source, '\\', CONTINUATION, 2);
  // A continued line starts with an argument, not a directive name.
  expectNotScope(source, 'on.example.com', DIRECTIVE);
  expectScope(source, 'on.example.com', 'meta.directive.apacheconf');
  expectScope(source, '${EXTRA}', 'variable.other.define.apacheconf');
  expectScope(source, 'SSLEngine', DIRECTIVE);
  expectScope(source, 'on', 'constant.language.apacheconf', 2);
});

test('line continuation: a \\ followed by blanks does not continue', () => {
  const source = 'ServerAlias a.example.com \\  \nSSLEngine on';
  expectNotScope(source, '\\', CONTINUATION);
  expectScope(source, 'SSLEngine', DIRECTIVE);
});

test('line continuation: the continued line keeps the directive structure', () => {
  const rule = 'RewriteRule ^/old/(.*)$ \\\n    https://example.com/$1 \\\n    [R=301,L]';
  expectScope(rule, '^/old/(.*)$', REGEXP);
  expectScope(rule, 'https://example.com/', 'markup.underline.link.apacheconf');
  expectNotScope(rule, 'https', DIRECTIVE);
  expectScope(rule, '[R=301,L]', 'constant.other.flags.apacheconf');

  const expr = 'Require expr %{SSL_CLIENT_VERIFY} == \'SUCCESS\' \\\n    && %{SSL_CLIENT_S_DN_O} == \'Example\'';
  expectScope(expr, '&&', OPERATOR);
  expectScope(expr, '%{SSL_CLIENT_S_DN_O}', 'variable.other.server.apacheconf');

  const quoted = 'Header set X-Long "part one \\\n part two"\nServerName b';
  expectScope(quoted, 'part two', 'string.quoted.double.apacheconf');
  expectScope(quoted, 'ServerName', DIRECTIVE);

  const ifTag = '<If "%{HTTP_HOST} == \'a\' \\\n     || %{HTTP_HOST} == \'b\'">\n</If>';
  expectScope(ifTag, '||', OPERATOR);
  expectScope(ifTag, '>', 'punctuation.definition.tag.end.apacheconf');
  expectScope(ifTag, '</If>', 'meta.tag.apacheconf');
});

test('line continuation: \\\\ at the end of a line also continues (checked with apache2 -t)', () => {
  const source = 'ServerAdmin a\\\\\nServerAdmin b';
  expectNotScope(source, 'ServerAdmin b', DIRECTIVE);
});

// ---------------------------------------------------------------------------------------------
// A whole file
// ---------------------------------------------------------------------------------------------

test('a realistic mTLS reverse-proxy config tokenizes cleanly', () => {
  const source = [
    '# mTLS front end',
    'Define SSL_DIR /etc/ssl/example',
    'Listen 443',
    '<VirtualHost *:443>',
    '    ServerName api.example.com',
    '    SSLEngine on',
    '    SSLCertificateFile ${SSL_DIR}/server.crt',
    '    SSLCertificateKeyFile "${SSL_DIR}/server.key"',
    '    SSLCACertificateFile ${SSL_DIR}/clients-ca.pem',
    '    SSLVerifyClient require',
    '    SSLVerifyDepth 2',
    '    SSLProtocol -all +TLSv1.2 +TLSv1.3',
    '    <Location /admin>',
    '        Require expr "%{SSL_CLIENT_S_DN_CN} -in {\'alice\', \'bob\'}"',
    '    </Location>',
    '    <If "%{REQUEST_URI} =~ m#^/internal/#">',
    '        Require ip 10.0.0.0/8',
    '    </If>',
    '    RequestHeader set X-Client-CN "%{SSL_CLIENT_S_DN_CN}s"',
    '    RewriteEngine On',
    '    RewriteCond %{HTTP:Upgrade} =websocket [NC]',
    '    RewriteRule ^/ws/(.*)$ ws://backend:8080/ws/$1 [P,L]',
    '    ProxyPass /ws/ ws://backend:8080/ws/',
    '    ProxyPass / http://backend:80/ \\',
    '        retry=0 timeout=30',
    '    ProxyPassReverse / http://backend:80/',
    '</VirtualHost>',
  ].join('\n');
  const lines = source.split('\n');
  const tokens = tokenize(source);
  const invalid = tokens.filter((token) => token.scopes.some((scope) => scope.startsWith('invalid')));
  assert.deepEqual(invalid, [], 'no token should be invalid');
  lines.forEach((text, line) => {
    const first = tokens.find((token) => token.line === line && token.text.trim() !== '');
    assert.ok(first, `line ${line + 1} has tokens`);
    const expected = text.trim().startsWith('#')
      ? 'comment'
      : text.trim().startsWith('<')
        ? 'punctuation.definition.tag.begin.apacheconf'
        : text.startsWith('        retry')
          ? 'meta.directive.apacheconf'
          : DIRECTIVE;
    assert.ok(
      first.scopes.some((scope) => matchesScope(scope, expected)),
      `line ${line + 1} (${JSON.stringify(text)}) should start with ${expected}, got ${first.scopes.join(' ')}`,
    );
  });
  expectNotScope(source, 'retry', DIRECTIVE);
  expectScope(source, 'retry', 'variable.parameter.apacheconf');
});

// ---------------------------------------------------------------------------------------------
// Language configuration
// ---------------------------------------------------------------------------------------------

interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string }[];
  folding: { markers: { start: string; end: string } };
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
}

function languageConfiguration(): LanguageConfiguration {
  return JSON.parse(readFileSync(join(ROOT, 'language-configuration.json'), 'utf8')) as LanguageConfiguration;
}

test('language configuration: comments, brackets and auto-closing pairs', () => {
  const config = languageConfiguration();
  assert.equal(config.comments.lineComment, '#');
  assert.deepEqual(
    config.autoClosingPairs.map((pair) => pair.open + pair.close).sort(),
    ['""', "''", '()', '[]', '{}'],
  );
  assert.deepEqual(config.brackets.map((pair) => pair.join('')).sort(), ['()', '[]', '{}']);
});

test('language configuration: folding markers and indentation follow section tags', () => {
  const config = languageConfiguration();
  const start = new RegExp(config.folding.markers.start);
  const end = new RegExp(config.folding.markers.end);
  const increase = new RegExp(config.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
  for (const open of ['<VirtualHost *:443>', '  <Directory "/var/www">', '<If "%{A} > 3">', '<IfModule mod_ssl.c>']) {
    assert.ok(start.test(open), `folding should start at ${open}`);
    assert.ok(increase.test(open), `indentation should increase after ${open}`);
    assert.ok(!end.test(open) && !decrease.test(open), `${open} is not a closing tag`);
  }
  for (const close of ['</VirtualHost>', '    </Directory>', '</If>']) {
    assert.ok(end.test(close), `folding should end at ${close}`);
    assert.ok(decrease.test(close), `indentation should decrease at ${close}`);
    assert.ok(!start.test(close) && !increase.test(close), `${close} is not an opening tag`);
  }
  for (const other of ['ServerName example.com', '# <VirtualHost *:80>', 'Header set X "<b>"']) {
    assert.ok(!start.test(other) && !end.test(other) && !increase.test(other) && !decrease.test(other), other);
  }
});
