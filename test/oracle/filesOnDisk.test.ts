// The files and folders Apache looks for while it reads the configuration
// (log folders, LoadModule/LoadFile objects, SSLPassPhraseDialog's program,
// DocumentRoot, CoreDumpDirectory, Mutex and DefaultRuntimeDir folders,
// SSLRandomSeed's source), on real trees through the real `apache2 -t`: where
// we report an error, Apache refuses with the words we quote, on the line we
// name; where we warn, Apache accepts and prints the words we quote; where we
// report nothing, Apache accepts the tree.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { createCertificateReader } from '../../server/src/analysis/certs/certificateReader';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem, nodeFileSystem, type FileSystem } from '../../server/src/config/fileSystem';
import { loneFileModel } from '../../server/src/config/loneFileModel';
import { SourceCache } from '../../server/src/config/sourceCache';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { withApacheConfigTest } from '../support/apacheOracle';
import { writeTree } from '../support/tempTree';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

const MODULES = '/usr/lib/apache2/modules';
const RULE_IDS = new Set([
  'core/log-directory-missing',
  'mod/load-file-missing',
  'ssl/passphrase-dialog-missing',
  'core/document-root-missing',
  'core/directory-missing',
  'ssl/random-seed-missing',
  'mod/module-not-in-file',
  'core/suexec-missing',
  'cert/file-missing',
  'core/account-unknown',
  'core/user-root',
]);
const load = (name: string): string => `LoadModule ${name}_module ${MODULES}/mod_${name}.so`;
/** What every case's main.conf starts with: Apache reads nothing else (the oracle's prelude is left empty). */
const BASE = [load('mpm_event'), load('authz_core'), load('ssl'), 'ServerName localhost', 'ErrorLog /dev/null'];
/** A shared object that is no Apache module, on every Debian machine (zlib is a required package). */
/** Debian's suEXEC wrapper, which only apache2-suexec-pristine or -custom installs: Apache refuses SuexecUserGroup without it. */
const SUEXEC = '/usr/lib/apache2/suexec';
const suexecWorks = ((stat) => stat !== undefined && (stat.mode & 0o4000) !== 0 && stat.uid === 0)(statSync(SUEXEC, { throwIfNoEntry: false }));
/** Whether this machine has the account (Red Hat's `apache` is not on Debian). */
const hasAccount = (file: string, name: string): boolean => readFileSync(file, 'utf8').split('\n').some((line) => line.startsWith(`${name}:`));
const LIBZ = `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/libz.so.1`;
/**
 * Files every tree has beside main.conf: a log folder, a plain file, an empty one, a program,
 * and a third-party module (Apache's mod_rewrite under a file name of its own).
 */
const TREE: Record<string, string | Buffer> = {
  'logs/.keep': '',
  'afile': 'not a module\n',
  'empty.so': '',
  'bin/dialog': '#!/bin/sh\necho secret\n',
  'thirdparty/mod_custom.so': readFileSync(`${MODULES}/mod_rewrite.so`),
};

interface Case {
  lines: string[];
  /** The rule we must report, on the case's line `at` (1-based within `lines`); absent: Apache accepts and we say nothing. */
  rule?: string;
  at?: number;
  /** We warn and Apache accepts, printing the words we quote. */
  warning?: true;
}

const CASES: Case[] = [
  // ErrorLog: the last one of each server, after the whole configuration is read.
  { lines: ['<VirtualHost *:80>', 'ErrorLog /nonexistent-dir/e.log', '</VirtualHost>'], rule: 'core/log-directory-missing', at: 2 },
  { lines: ['ErrorLog /nonexistent-dir/e.log'], rule: 'core/log-directory-missing', at: 1 },
  { lines: ['<VirtualHost *:80>', 'ErrorLog nonexistent-dir/e.log', '</VirtualHost>'], rule: 'core/log-directory-missing', at: 2 },
  { lines: ['<VirtualHost *:80>', 'ErrorLog afile/e.log', '</VirtualHost>'], rule: 'core/log-directory-missing', at: 2 },
  { lines: ['<VirtualHost *:80>', 'ErrorLog ${APACHE_LOG_DIR}/e.log', '</VirtualHost>'], rule: 'core/log-directory-missing', at: 2 },
  { lines: ['<VirtualHost *:80>', 'ErrorLog syslogx/e.log', '</VirtualHost>'], rule: 'core/log-directory-missing', at: 2 },
  { lines: ['<VirtualHost *:80>', 'ErrorLog logs/e.log', 'ErrorLog /nonexistent-dir/e.log', '</VirtualHost>'], rule: 'core/log-directory-missing', at: 3 },
  { lines: ['<VirtualHost *:80>', 'ErrorLog logs/e.log', '</VirtualHost>'] },
  { lines: ['ErrorLog logs/e.log'] },
  { lines: ['ErrorLog logs'] },
  { lines: ['<VirtualHost *:80>', 'ErrorLog syslog:local1', '</VirtualHost>'] },
  { lines: ['ErrorLog syslog'] },
  { lines: ['<VirtualHost *:80>', 'ErrorLog "|/nonexistent/x"', '</VirtualHost>'] },
  { lines: ['ErrorLog "|$/nonexistent/x"'] },
  { lines: ['ErrorLog /nonexistent-dir/e.log', 'ErrorLog logs/e.log'] },
  { lines: ['<VirtualHost *:80>', 'ErrorLog /nonexistent-dir/e.log', 'ErrorLog syslog', '</VirtualHost>'] },
  // mod_log_config: every CustomLog, TransferLog and GlobalLog line.
  { lines: ['CustomLog /nonexistent-dir/a.log combined'], rule: 'core/log-directory-missing', at: 1 },
  { lines: ['<VirtualHost *:80>', 'TransferLog nonexistent-dir/a.log', '</VirtualHost>'], rule: 'core/log-directory-missing', at: 2 },
  { lines: ['GlobalLog /nonexistent-dir/a.log combined'], rule: 'core/log-directory-missing', at: 1 },
  { lines: ['CustomLog logs/a.log combined', 'CustomLog afile/a.log common'], rule: 'core/log-directory-missing', at: 2 },
  { lines: ['CustomLog "|/nonexistent/x" combined', 'TransferLog logs/t.log'] },
  // Opened only at start-up: -t does not look.
  { lines: ['PidFile /nonexistent-dir/x.pid'] },
  { lines: [load('cgid'), 'ScriptLog /nonexistent-dir/x'] },
  { lines: [load('log_forensic'), 'ForensicLog /nonexistent-dir/x'] },
  // LoadModule and LoadFile open their file at the line.
  { lines: ['LoadModule policy_module modules/mod_policy.so'], rule: 'mod/load-file-missing', at: 1 },
  { lines: ['LoadModule headers_module /nonexistent/mod_headers.so'], rule: 'mod/load-file-missing', at: 1 },
  { lines: ['<IfModule !headers_module>', 'LoadModule headers_module ./logs', '</IfModule>'], rule: 'mod/load-file-missing', at: 2 },
  { lines: ['LoadModule headers_module ./empty.so'], rule: 'mod/load-file-missing', at: 1 },
  { lines: ['LoadFile /nonexistent/libx.so'], rule: 'mod/load-file-missing', at: 1 },
  { lines: ['LoadFile lib/libx.so'], rule: 'mod/load-file-missing', at: 1 },
  { lines: ['LoadModule ssl_module /nonexistent/mod_ssl.so'] },
  { lines: [load('headers'), '<IfModule !headers_module>', 'LoadModule headers_module /nonexistent/mod_headers.so', '</IfModule>'] },
  { lines: ['LoadFile libc.so.6'] },
  // SSLPassPhraseDialog exec: checks existence only, at the line.
  { lines: ['SSLPassPhraseDialog exec:/nonexistent/pass-dialog'], rule: 'ssl/passphrase-dialog-missing', at: 1 },
  { lines: ['SSLPassPhraseDialog exec:nonexistent/pass-dialog'], rule: 'ssl/passphrase-dialog-missing', at: 1 },
  { lines: ['<IfModule ssl_module>', 'SSLPassPhraseDialog exec:/nonexistent/pass-dialog', '</IfModule>', 'SSLPassPhraseDialog builtin'], rule: 'ssl/passphrase-dialog-missing', at: 2 },
  { lines: ['SSLPassPhraseDialog builtin'] },
  { lines: ['SSLPassPhraseDialog "|/nonexistent/pass-dialog"'] },
  { lines: ['SSLPassPhraseDialog exec:bin/dialog'] },
  { lines: ['SSLPassPhraseDialog exec:bin'] },
  { lines: ['SSLPassPhraseDialog exec:afile'] },
  // DocumentRoot: refused in the main server, a warning in a <VirtualHost>, at every line.
  { lines: ['DocumentRoot /nonexistent/x'], rule: 'core/document-root-missing', at: 1 },
  { lines: ['DocumentRoot nonexistent'], rule: 'core/document-root-missing', at: 1 },
  { lines: ['DocumentRoot afile'], rule: 'core/document-root-missing', at: 1 },
  { lines: ['DocumentRoot /nonexistent/x/'], rule: 'core/document-root-missing', at: 1 },
  { lines: ['DocumentRoot "/nonexistent/x"'], rule: 'core/document-root-missing', at: 1 },
  { lines: ['DocumentRoot ${NOSUCH}/x'], rule: 'core/document-root-missing', at: 1 },
  { lines: ['DocumentRoot /nonexistent/x', 'DocumentRoot logs'], rule: 'core/document-root-missing', at: 1 },
  { lines: ['<VirtualHost *:80>', 'DocumentRoot /nonexistent/x', '</VirtualHost>'], rule: 'core/document-root-missing', at: 2, warning: true },
  { lines: ['<VirtualHost *:80>', 'DocumentRoot afile', '</VirtualHost>'], rule: 'core/document-root-missing', at: 2, warning: true },
  { lines: ['DocumentRoot logs'] },
  { lines: ['DocumentRoot logs/'] },
  { lines: ['DocumentRoot "logs"'] },
  { lines: ['DocumentRoot /tmp'] },
  { lines: ['Define DOCS logs', 'DocumentRoot ${DOCS}'] },
  { lines: ['<VirtualHost *:80>', 'DocumentRoot logs', '</VirtualHost>'] },
  // CoreDumpDirectory, Mutex's folder and DefaultRuntimeDir: refused at the line.
  { lines: ['CoreDumpDirectory /nonexistent/x'], rule: 'core/directory-missing', at: 1 },
  { lines: ['CoreDumpDirectory nonexistent'], rule: 'core/directory-missing', at: 1 },
  { lines: ['CoreDumpDirectory afile'], rule: 'core/directory-missing', at: 1 },
  { lines: ['CoreDumpDirectory afile/'], rule: 'core/directory-missing', at: 1 },
  { lines: ['CoreDumpDirectory "/nonexistent/x/"'], rule: 'core/directory-missing', at: 1 },
  { lines: ['CoreDumpDirectory ${NOSUCH}'], rule: 'core/directory-missing', at: 1 },
  { lines: ['CoreDumpDirectory logs'] },
  { lines: ['CoreDumpDirectory logs/'] },
  { lines: ['CoreDumpDirectory /tmp'] },
  { lines: ['Mutex file:/nonexistent/x default'], rule: 'core/directory-missing', at: 1 },
  { lines: ['Mutex file:/nonexistent/x'], rule: 'core/directory-missing', at: 1 },
  { lines: ['Mutex file:nonexistent default'], rule: 'core/directory-missing', at: 1 },
  { lines: ['Mutex file:afile default'], rule: 'core/directory-missing', at: 1 },
  { lines: ['Mutex FILE:/nonexistent/x default'], rule: 'core/directory-missing', at: 1 },
  { lines: ['Mutex "flock:/nonexistent/x" default'], rule: 'core/directory-missing', at: 1 },
  { lines: ['Mutex fcntl:/nonexistent/x default'], rule: 'core/directory-missing', at: 1 },
  { lines: ['Mutex posixsem:/nonexistent/x default'], rule: 'core/directory-missing', at: 1 },
  { lines: ['Mutex sem:/nonexistent/x default'], rule: 'core/directory-missing', at: 1 },
  { lines: ['Mutex sysvsem:/nonexistent/x default'], rule: 'core/directory-missing', at: 1 },
  { lines: ['Mutex pthread:/nonexistent/x default'], rule: 'core/directory-missing', at: 1 },
  { lines: ['Mutex default:/nonexistent/x default'], rule: 'core/directory-missing', at: 1 },
  { lines: ['Mutex yes:/nonexistent/x ssl-cache OmitPID'], rule: 'core/directory-missing', at: 1 },
  { lines: ['Mutex file:${NOSUCH} default'], rule: 'core/directory-missing', at: 1 },
  { lines: ['Mutex file:logs default', 'Mutex file:/nonexistent/x ssl-cache'], rule: 'core/directory-missing', at: 2 },
  { lines: ['Mutex file:logs default'] },
  { lines: ['Mutex file:logs/ ssl-cache'] },
  { lines: ['Mutex file: default'] },
  { lines: ['Mutex sem default'] },
  { lines: ['Mutex pthread default'] },
  { lines: ['DefaultRuntimeDir /nonexistent/x'], rule: 'core/directory-missing', at: 1 },
  { lines: ['DefaultRuntimeDir nonexistent'], rule: 'core/directory-missing', at: 1 },
  { lines: ['DefaultRuntimeDir afile'], rule: 'core/directory-missing', at: 1 },
  { lines: ['DefaultRuntimeDir "${NOSUCH}"'], rule: 'core/directory-missing', at: 1 },
  { lines: ['<VirtualHost *:80>', 'DefaultRuntimeDir /nonexistent/x', '</VirtualHost>'], rule: 'core/directory-missing', at: 2 },
  { lines: ['<Directory />', 'DefaultRuntimeDir /nonexistent/x', '</Directory>'], rule: 'core/directory-missing', at: 2 },
  { lines: ['DefaultRuntimeDir /nonexistent/x', 'DefaultRuntimeDir logs'], rule: 'core/directory-missing', at: 1 },
  { lines: ['DefaultRuntimeDir logs'] },
  { lines: ['DefaultRuntimeDir logs/'] },
  { lines: ['<VirtualHost *:80>', 'DefaultRuntimeDir logs', '</VirtualHost>'] },
  // SSLRandomSeed: existence only, at the line.
  { lines: ['SSLRandomSeed startup file:/nonexistent/x'], rule: 'ssl/random-seed-missing', at: 1 },
  { lines: ['SSLRandomSeed connect file:/nonexistent/x 512'], rule: 'ssl/random-seed-missing', at: 1 },
  { lines: ['SSLRandomSeed STARTUP file:nonexistent'], rule: 'ssl/random-seed-missing', at: 1 },
  { lines: ['SSLRandomSeed startup exec:/nonexistent/x'], rule: 'ssl/random-seed-missing', at: 1 },
  { lines: ['SSLRandomSeed startup /nonexistent/x'], rule: 'ssl/random-seed-missing', at: 1 },
  { lines: ['SSLRandomSeed startup FILE:/nonexistent/x'], rule: 'ssl/random-seed-missing', at: 1 },
  { lines: ['SSLRandomSeed startup "file:/nonexistent/x"'], rule: 'ssl/random-seed-missing', at: 1 },
  { lines: ['SSLRandomSeed startup file:'], rule: 'ssl/random-seed-missing', at: 1 },
  { lines: ['SSLRandomSeed startup file:${NOSUCH}'], rule: 'ssl/random-seed-missing', at: 1 },
  { lines: ['SSLRandomSeed startup builtin'] },
  { lines: ['SSLRandomSeed connect BUILTIN'] },
  { lines: ['SSLRandomSeed startup file:/dev/urandom 512'] },
  { lines: ['SSLRandomSeed startup file:afile'] },
  { lines: ['SSLRandomSeed startup file:logs'] },
  { lines: ['SSLRandomSeed startup exec:bin/dialog'] },
  // LoadModule: the first word is the symbol looked up in the file Apache opened.
  { lines: [`LoadModule mod_rewrite ${MODULES}/mod_rewrite.so`], rule: 'mod/module-not-in-file', at: 1 },
  { lines: [`LoadModule headers_module ${MODULES}/mod_rewrite.so`], rule: 'mod/module-not-in-file', at: 1 },
  { lines: [`LoadModule php_module ${MODULES}/mod_rewrite.so`], rule: 'mod/module-not-in-file', at: 1 },
  { lines: ['<IfModule !rewrite_module>', `LoadModule rewrite ${MODULES}/mod_rewrite.so`, '</IfModule>'], rule: 'mod/module-not-in-file', at: 2 },
  { lines: [load('rewrite')] },
  // Loaded already (by BASE): skipped before the file is opened.
  { lines: [`LoadModule ssl_module ${MODULES}/mod_rewrite.so`] },
  // A file that is not one of Apache's own: judged by the names it exports.
  { lines: ['LoadModule custom_module thirdparty/mod_custom.so'], rule: 'mod/module-not-in-file', at: 1 },
  { lines: ['<IfModule !custom_module>', 'LoadModule custom_module thirdparty/mod_custom.so', '</IfModule>'], rule: 'mod/module-not-in-file', at: 2 },
  { lines: ['LoadModule rewrite_module thirdparty/mod_custom.so'] },
  { lines: [`LoadModule zlib_module ${LIBZ}`], rule: 'mod/module-not-in-file', at: 1 },
  // SuexecUserGroup and Suexec On: refused at the line when the wrapper is missing (so on this machine unless a suexec package is installed).
  ...[['<VirtualHost *:80>', 'SuexecUserGroup www-data www-data', '</VirtualHost>'], ['SuexecUserGroup www-data www-data', 'Suexec Off'], ['Suexec On']].map(
    (lines): Case => (suexecWorks ? { lines: [load('suexec'), ...lines] } : { lines: [load('suexec'), ...lines], rule: 'core/suexec-missing', at: lines.findIndex((line) => /^Suexec(UserGroup| On)/.test(line)) + 2 }),
  ),
  // Suexec Off turns it off for the lines after it, wherever the wrapper is.
  { lines: [load('suexec'), 'Suexec Off', '<VirtualHost *:80>', 'SuexecUserGroup www-data www-data', '</VirtualHost>'], rule: 'core/suexec-missing', at: 4 },
  { lines: [load('suexec'), 'Suexec Off', 'Suexec On'], rule: 'core/suexec-missing', at: 3 },
  { lines: [load('suexec'), 'Suexec Off'] },
  // mod_ssl's files: only the server's certificate and key take a PKCS#11 URI; any other word with a colon is a path.
  { lines: ['SSLCACertificateFile file:/nonexistent/ca.pem'], rule: 'cert/file-missing', at: 1 },
  { lines: ['SSLCertificateFile engine:server'], rule: 'cert/file-missing', at: 1 },
  { lines: ['SSLCertificateChainFile pkcs11:object=chain'], rule: 'cert/file-missing', at: 1 },
  { lines: ['SSLCertificateKeyFile pkcs11:object=server'] },
  { lines: ['SSLSessionTicketKeyFile /nonexistent/ticket.key'], rule: 'cert/file-missing', at: 1 },
  { lines: ['SSLSessionTicketKeyFile logs'], rule: 'cert/file-missing', at: 1 },
  { lines: ['<VirtualHost *:443>', 'SSLSRPVerifierFile empty.so', '</VirtualHost>'], rule: 'cert/file-missing', at: 2 },
  { lines: ['SSLSessionTicketKeyFile afile'] },
  // User and Group name accounts of this machine (Apache stops at the first it cannot find), and never root.
  hasAccount('/etc/passwd', 'apache') ? { lines: ['User apache'] } : { lines: ['User apache'], rule: 'core/account-unknown', at: 1 },
  hasAccount('/etc/group', 'apache') ? { lines: ['Group apache'] } : { lines: ['Group apache'], rule: 'core/account-unknown', at: 1 },
  { lines: ['User www-data', 'Group www-data'] },
  { lines: ['User #1000', 'Group #1000'] },
  { lines: ['User nobody', 'Group nogroup'] },
  { lines: ['User #-1', 'Group root'] },
  { lines: ['User root'], rule: 'core/user-root', at: 1 },
  { lines: ['User #0'], rule: 'core/user-root', at: 1 },
  { lines: ['User #abc'], rule: 'core/user-root', at: 1 },
  // Not there: dlopen fails first, which is mod/load-file-missing's.
  { lines: [`LoadModule mod_rewrite ${MODULES}/nosuch/mod_rewrite.so`], rule: 'mod/load-file-missing', at: 1 },
];

/** Our findings of the three rules on the tree at `root`, read from disk as the CLI reads it. */
function ours(root: string): { line: number; code: string; message: string; severity?: number }[] {
  const main = join(root, 'main.conf');
  const model = buildConfigModel(main, { sources: new SourceCache(nodeFileSystem) });
  const file = model.files.get(main)?.file;
  assert.ok(file);
  return analyzeFile(file, { fileName: main, model, certificates: createCertificateReader(nodeFileSystem) })
    .filter((d: Diagnostic) => RULE_IDS.has(String(d.code)))
    .map((d) => ({ line: d.range.start.line + 1, code: String(d.code), message: String(d.message), severity: d.severity }));
}

test('apache2 -t agrees with the rules on files and folders it looks for', () => {
  const problems: string[] = [];
  for (const { lines, rule, at, warning } of CASES) {
    const label = lines.join(' | ');
    const text = [...BASE, ...lines].join('\n') + '\n';
    withApacheConfigTest(
      { ...TREE, 'main.conf': text },
      'main.conf',
      (root, verdict) => {
        const found = ours(root);
        if (!rule) {
          if (found.length > 0) problems.push(`${label}: we report ${found[0].message}`);
          if (!verdict.ok) problems.push(`${label}: Apache refuses it: ${verdict.output}`);
          return;
        }
        if (verdict.ok !== (warning === true)) problems.push(`${label}: Apache ${verdict.ok ? 'accepts' : 'refuses'} it: ${verdict.output}`);
        const line = BASE.length + (at ?? 0);
        const severity = warning ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
        if (found.length !== 1 || found[0].code !== rule || found[0].line !== line || found[0].severity !== severity) {
          problems.push(`${label}: we report ${JSON.stringify(found)}, want one ${rule} on line ${line}`);
          return;
        }
        // Refused while reading: Apache names the line too.
        if (verdict.line !== undefined && verdict.line !== line) problems.push(`${label}: Apache refuses line ${verdict.line}, we report line ${line}`);
        const quoted = /"([^"]+)"/.exec(found[0].message)?.[1];
        if (!quoted || !verdict.output.includes(quoted)) problems.push(`${label}:\n    we:     ${quoted}\n    Apache: ${verdict.output}`);
      },
      '',
    );
  }
  assert.deepEqual(problems, []);
});

test('a file checked on its own: relative paths and ${VAR} are not judged while ServerRoot and the Defines are unknown; absolute ones are', () => {
  const root = writeTree({});
  try {
    const path = join(root, 'conf.d', 'ssl.conf');
    const text = [
      'LoadModule ssl_module modules/mod_ssl.so',
      'SSLPassPhraseDialog exec:libexec/httpd-ssl-pass-dialog',
      '<VirtualHost _default_:443>',
      'ErrorLog logs/ssl_error_log',
      'TransferLog logs/ssl_access_log',
      '</VirtualHost>',
      'ErrorLog /nonexistent-dir/error.log',
      'CustomLog ${APACHE_LOG_DIR}/access.log combined',
      'SSLPassPhraseDialog exec:/nonexistent/pass-dialog',
      // A module that is on this machine: the file is written for it.
      load('mpm_event'),
      'DocumentRoot htdocs',
      'CoreDumpDirectory /nonexistent/cores',
      // Debian's apache2ctl makes this folder before it starts Apache: never judged.
      'Mutex file:${APACHE_LOCK_DIR} default',
      'SSLRandomSeed startup file:run/seed',
      'DefaultRuntimeDir /nonexistent/run',
      '',
    ].join('\n');
    const check = (source: string): string[] => {
      const file = parseConfig(source);
      const model = loneFileModel(file, path, nodeFileSystem);
      return analyzeFile(file, { fileName: path, model, certificates: createCertificateReader(nodeFileSystem) })
        .filter((d) => RULE_IDS.has(String(d.code)))
        .map((d) => `${d.range.start.line + 1} ${String(d.code)}`);
    };
    assert.deepEqual(check(text), ['7 core/log-directory-missing', '9 ssl/passphrase-dialog-missing', '12 core/directory-missing', '15 core/directory-missing']);
    // A ServerRoot line says where relative paths lead.
    assert.deepEqual(check(`ServerRoot ${root}\n${text}`), [
      '2 mod/load-file-missing',
      '3 ssl/passphrase-dialog-missing',
      '5 core/log-directory-missing',
      '6 core/log-directory-missing',
      '8 core/log-directory-missing',
      '9 core/log-directory-missing',
      '10 ssl/passphrase-dialog-missing',
      '12 core/document-root-missing',
      '13 core/directory-missing',
      '15 ssl/random-seed-missing',
      '16 core/directory-missing',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a configuration none of whose modules is on this machine is written for another one: the files and folders it names are not judged', () => {
  const root = writeTree({
    'main.conf': [
      'LoadModule mpm_event_module /nonexistent/modules/mod_mpm_event.so',
      'LoadModule ssl_module /nonexistent/modules/mod_ssl.so',
      'ServerName localhost',
      'ErrorLog /nonexistent/logs/error.log',
      '<VirtualHost *:80>',
      'CustomLog /nonexistent/logs/access.log combined',
      '</VirtualHost>',
      'DocumentRoot /nonexistent/www',
      'Mutex file:/nonexistent/lock default',
      'SSLRandomSeed startup file:/nonexistent/seed',
      'SSLPassPhraseDialog exec:/nonexistent/bin/pass-dialog',
      '',
    ].join('\n'),
  });
  try {
    assert.deepEqual(ours(root), []);
    // One module file that is here, and the others are judged.
    const text = `${load('authz_core')}\n${readFileSync(join(root, 'main.conf'), 'utf8')}`;
    writeFileSync(join(root, 'main.conf'), text);
    assert.deepEqual(
      ours(root).map((finding) => `${finding.line} ${finding.code}`),
      [
        '2 mod/load-file-missing',
        '3 mod/load-file-missing',
        '5 core/log-directory-missing',
        '7 core/log-directory-missing',
        '9 core/document-root-missing',
        '10 core/directory-missing',
        '11 ssl/random-seed-missing',
        '12 ssl/passphrase-dialog-missing',
      ],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

/** One rule's findings on `main`, read from `fs` (a memory tree standing for this machine): the line and the words of Apache's it quotes. */
function quotedFindings(fs: FileSystem, main: string, rule: string): string[] {
  const model = buildConfigModel(main, { sources: new SourceCache(fs) });
  const file = model.files.get(main)?.file;
  assert.ok(file);
  return analyzeFile(file, { fileName: main, model, certificates: createCertificateReader(fs) })
    .filter((d) => d.code === rule)
    .map((d) => `${d.range.start.line + 1} ${/"([^"]+)"/.exec(String(d.message))?.[1]}`);
}

test("the suEXEC wrapper must be root's and setuid: otherwise Apache's other reason, 'Invalid owner or file mode'", () => {
  const main = '/srv/main.conf';
  const suexecModule = readFileSync(`${MODULES}/mod_suexec.so`);
  const text = `LoadModule suexec_module ${MODULES}/mod_suexec.so\n<VirtualHost *:80>\nSuexecUserGroup www-data www-data\nSuexecUserGroup www-data\n</VirtualHost>\n`;
  /** The tree with the wrapper in place, owned and moded as given (the memory file system has no owners of its own). */
  const findings = (wrapper: { mode: number; uid: number } | undefined): string[] => {
    const memory = memoryFileSystem({ [main]: text, [`${MODULES}/mod_suexec.so`]: suexecModule, ...(wrapper ? { [SUEXEC]: 'ELF' } : {}) });
    const fs: FileSystem = { ...memory, stat: (path) => ((stat) => (stat && path === SUEXEC && wrapper ? { ...stat, ...wrapper } : stat))(memory.stat(path)) };
    return quotedFindings(fs, main, 'core/suexec-missing');
  };
  // The line without its group is args/count's.
  assert.deepEqual(findings(undefined), [`3 SuexecUserGroup configured, but suEXEC is disabled: Missing suexec binary ${SUEXEC}`]);
  assert.deepEqual(findings({ mode: 0o100755, uid: 0 }), [`3 SuexecUserGroup configured, but suEXEC is disabled: Invalid owner or file mode for ${SUEXEC}`]);
  assert.deepEqual(findings({ mode: 0o104754, uid: 33 }), [`3 SuexecUserGroup configured, but suEXEC is disabled: Invalid owner or file mode for ${SUEXEC}`]);
  assert.deepEqual(findings({ mode: 0o104754, uid: 0 }), []);
});

test('User and Group names are judged only where the name service reads files: another source (LDAP, SSSD, NIS) may have the account', () => {
  const main = '/srv/main.conf';
  const text = `LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so\nUser apache\nGroup apache\n`;
  const findings = (etc: Record<string, string>): string[] => {
    const fs = memoryFileSystem({ [main]: text, [`${MODULES}/mod_mpm_event.so`]: 'ELF', '/etc/passwd': 'root:x:0:0::/root:/bin/sh\nwww-data:x:33:33::/var/www:/usr/sbin/nologin\n', '/etc/group': 'root:x:0:\nwww-data:x:33:\n', ...etc });
    return quotedFindings(fs, main, 'core/account-unknown');
  };
  assert.deepEqual(findings({ '/etc/nsswitch.conf': 'passwd:         files systemd\ngroup:          files systemd\n' }), ['2 bad user name apache', '3 bad group name apache']);
  assert.deepEqual(findings({ '/etc/nsswitch.conf': 'passwd: files\ngroup: files ldap   # directory groups\n' }), ['2 bad user name apache']);
  assert.deepEqual(findings({ '/etc/nsswitch.conf': 'passwd: sss files\ngroup: files [NOTFOUND=return] nis\n' }), []);
  assert.deepEqual(findings({ '/etc/nsswitch.conf': 'passwd: compat\ngroup: compat\n' }), []);
  assert.deepEqual(findings({}), [], 'without nsswitch.conf the sources depend on the C library');
});
