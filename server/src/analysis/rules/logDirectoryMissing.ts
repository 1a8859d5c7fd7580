// core/log-directory-missing: after reading the configuration, Apache checks
// that the folder of every log file exists (log.c check_errorlog_dir for the
// ErrorLog each server ends up with, mod_log_config check_log_dir for every
// CustomLog, TransferLog and GlobalLog line) and `apache2 -t` fails when one
// does not: "AH02291: Cannot access directory '/x/' for error log of vhost
// defined at …", "AH02297: Cannot access directory '/x/' for log file …".
// Pipes (`|program`) and syslog are no files.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, ownLines, proxyModel, type Placed } from '../proxyHosts';
import { onPath } from '../serverCertificates';
import { judgedPath, notAFolder, parentFolder } from '../judgedPath';
import type { Rule } from '../types';

export const logDirectoryMissing: Rule = modelRule(compute, {
  id: 'core/log-directory-missing',
  severity: 'error',
  readsCertificates: true,
  judgesThisMachine: true,
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/core.html#errorlog',
  summary: 'The folder of an `ErrorLog`, `CustomLog`, `TransferLog` or `GlobalLog` file does not exist (or is no folder): `apache2 -t` fails (AH02291, AH02297).',
});

function* compute(model: ConfigModel, disk: CertificateReader): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  // Only the last ErrorLog of each server counts: an earlier one is replaced before Apache looks.
  for (const host of proxy.hosts) {
    const line = ownLines(host, 'errorlog').at(-1);
    const written = line?.item.args[0];
    if (!line || written === undefined || written.startsWith('|') || written === 'syslog' || written.startsWith('syslog:')) continue;
    const folder = missingFolder(model, disk, written);
    if (!folder) continue;
    const whose = host.virtualHost ? `error log of vhost defined at ${host.virtualHost.path}:${host.virtualHost.node.range.start.line + 1}` : 'main error log';
    yield onPath(line, { message: message(folder, `"AH02291: Cannot access directory '${folder.path}' for ${whose}"`) });
  }
  for (const line of linesNamed(proxy, 'customlog', 'transferlog', 'globallog')) {
    const written = line.item.args[0];
    if (written === undefined || written.startsWith('|')) continue;
    const folder = missingFolder(model, disk, written);
    if (folder) yield onPath(line, { message: message(folder, `"AH02297: Cannot access directory '${folder.path}' for log file '${written}' defined at ${where(line)}"`) });
  }
}

/** The log's folder when it is not a folder that exists. */
function missingFolder(model: ConfigModel, disk: CertificateReader, written: string): { path: string; problem: string } | undefined {
  const path = judgedPath(model, written);
  if (path === undefined) return undefined;
  const folder = parentFolder(path);
  // Without the trailing slash, so a file there reads as a file, not as nothing.
  const problem = notAFolder(disk, folder.length > 1 ? folder.slice(0, -1) : folder);
  return problem ? { path: folder, problem } : undefined;
}

function message(folder: { path: string; problem: string }, apache: string): string {
  return `The log's folder ${folder.path} ${folder.problem}. Apache checks it after reading the configuration and refuses it, even with apache2 -t: ${apache}. Create the folder or correct the path.`;
}

function where(line: Placed): string {
  return `${line.item.path}:${line.item.node.range.start.line + 1}`;
}
