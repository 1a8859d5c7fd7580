// The files and folders Apache looks for while it reads the configuration
// (log folders, LoadModule/LoadFile objects, SSLPassPhraseDialog's program),
// on real trees through the real `apache2 -t`: where we report
// core/log-directory-missing, mod/load-file-missing or
// ssl/passphrase-dialog-missing, Apache refuses with the words we quote, on
// the line we name; where we report nothing, Apache accepts the tree.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { createCertificateReader } from '../../server/src/analysis/certs/certificateReader';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { nodeFileSystem } from '../../server/src/config/fileSystem';
import { loneFileModel } from '../../server/src/config/loneFileModel';
import { SourceCache } from '../../server/src/config/sourceCache';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { withApacheConfigTest } from '../support/apacheOracle';
import { writeTree } from '../support/tempTree';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const MODULES = '/usr/lib/apache2/modules';
const RULE_IDS = new Set(['core/log-directory-missing', 'mod/load-file-missing', 'ssl/passphrase-dialog-missing']);
const load = (name: string): string => `LoadModule ${name}_module ${MODULES}/mod_${name}.so`;
/** What every case's main.conf starts with: Apache reads nothing else (the oracle's prelude is left empty). */
const BASE = [load('mpm_event'), load('authz_core'), load('ssl'), 'ServerName localhost', 'ErrorLog /dev/null'];
/** Files every tree has beside main.conf: a log folder, a plain file, an empty one, a program. */
const TREE: Record<string, string> = { 'logs/.keep': '', 'afile': 'not a module\n', 'empty.so': '', 'bin/dialog': '#!/bin/sh\necho secret\n' };

interface Case {
  lines: string[];
  /** The rule we must report, on the case's line `at` (1-based within `lines`); absent: Apache accepts and we say nothing. */
  rule?: string;
  at?: number;
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
];

/** Our findings of the three rules on the tree at `root`, read from disk as the CLI reads it. */
function ours(root: string): { line: number; code: string; message: string }[] {
  const main = join(root, 'main.conf');
  const model = buildConfigModel(main, { sources: new SourceCache(nodeFileSystem) });
  const file = model.files.get(main)?.file;
  assert.ok(file);
  return analyzeFile(file, { fileName: main, model, certificates: createCertificateReader(nodeFileSystem) })
    .filter((d: Diagnostic) => RULE_IDS.has(String(d.code)))
    .map((d) => ({ line: d.range.start.line + 1, code: String(d.code), message: String(d.message) }));
}

test('apache2 -t agrees with core/log-directory-missing, mod/load-file-missing and ssl/passphrase-dialog-missing', () => {
  const problems: string[] = [];
  for (const { lines, rule, at } of CASES) {
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
        if (verdict.ok) problems.push(`${label}: Apache accepts it`);
        const line = BASE.length + (at ?? 0);
        if (found.length !== 1 || found[0].code !== rule || found[0].line !== line) {
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
      '',
    ].join('\n');
    const check = (source: string): string[] => {
      const file = parseConfig(source);
      const model = loneFileModel(file, path, nodeFileSystem);
      return analyzeFile(file, { fileName: path, model, certificates: createCertificateReader(nodeFileSystem) })
        .filter((d) => RULE_IDS.has(String(d.code)))
        .map((d) => `${d.range.start.line + 1} ${String(d.code)}`);
    };
    assert.deepEqual(check(text), ['7 core/log-directory-missing', '9 ssl/passphrase-dialog-missing']);
    // A ServerRoot line says where relative paths lead.
    assert.deepEqual(check(`ServerRoot ${root}\n${text}`), [
      '2 mod/load-file-missing',
      '3 ssl/passphrase-dialog-missing',
      '5 core/log-directory-missing',
      '6 core/log-directory-missing',
      '8 core/log-directory-missing',
      '9 core/log-directory-missing',
      '10 ssl/passphrase-dialog-missing',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a configuration none of whose modules is on this machine is written for another one: its module files and log folders are not judged', () => {
  const root = writeTree({
    'main.conf': [
      'LoadModule mpm_event_module /nonexistent/modules/mod_mpm_event.so',
      'LoadModule ssl_module /nonexistent/modules/mod_ssl.so',
      'ServerName localhost',
      'ErrorLog /nonexistent/logs/error.log',
      '<VirtualHost *:80>',
      'CustomLog /nonexistent/logs/access.log combined',
      '</VirtualHost>',
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
      ['2 mod/load-file-missing', '3 mod/load-file-missing', '5 core/log-directory-missing', '7 core/log-directory-missing'],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
