// The tree the real-Apache certificate tests start: main.conf (a TLS port on
// 127.0.0.1, a session cache, the given server-config lines) and site.conf (a
// TLS virtual host for localhost, its own lines from line 5 on), and our
// findings on the same files, analysed in a copy laid out as startApache lays
// out its own (every module loaded, ${SERVER_ROOT} defined).
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { createCertificateReader } from '../../server/src/analysis/certs/certificateReader';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { nodeFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { loadAllModules } from './apacheOracle';
import { writeTree } from './tempTree';

export interface TlsSiteOptions {
  /** Server-config lines of main.conf, before `Include site.conf`. */
  server?: string[];
  /** More files of the tree (certificates, keys, CRLs). */
  files?: Record<string, string>;
}

/** main.conf and site.conf with `lines` in the virtual host (the first on line 5 of site.conf), and `files`. */
export function tlsSiteTree(port: number, lines: string[], options: TlsSiteOptions = {}): Record<string, string> {
  return {
    'main.conf': `Define TLS_PORT ${port}\nListen 127.0.0.1:\${TLS_PORT} https\nSSLSessionCache "shmcb:\${SERVER_ROOT}/sessions(32768)"\n${(options.server ?? []).map((line) => `${line}\n`).join('')}Include site.conf\n`,
    'site.conf': `<VirtualHost 127.0.0.1:\${TLS_PORT}>\n    ServerName localhost\n    SSLEngine on\n    SSLProtocol -all +TLSv1.2 +TLSv1.3\n${lines.map((line) => `    ${line}\n`).join('')}</VirtualHost>\n`,
    ...options.files,
  };
}

/** Our findings of `rule` in `file` of the tree, as 1-based line and message text. */
export function findingsIn(tree: Record<string, string>, file: string, rule: string): { line: number; message: string }[] {
  const dir = writeTree(tree, 'apache-ssl-findings-');
  try {
    writeFileSync(join(dir, '.model.conf'), `${loadAllModules()}ServerRoot "${dir}"\nDefine SERVER_ROOT "${dir}"\nServerName localhost\nInclude main.conf\n`);
    const model = buildConfigModel(join(dir, '.model.conf'), { sources: new SourceCache(nodeFileSystem), serverRoot: dir });
    const path = join(dir, file);
    const scope = model.files.get(path);
    assert.ok(scope, `${file} is in the tree`);
    return analyzeFile(scope.file, { fileName: path, model, certificates: createCertificateReader() })
      .filter((d) => d.code === rule)
      .map((d) => ({ line: d.range.start.line + 1, message: typeof d.message === 'string' ? d.message : d.message.value }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
