// cert/file-missing: Apache checks every certificate, key, CA and CRL path
// while it reads the configuration (ssl_cmd_check_file / ssl_cmd_check_dir):
// a file must exist, be a regular file and not be empty, a folder must exist.
// Otherwise `apache2 -t` fails at that line: "SSLCertificateFile: file '/x'
// does not exist or is empty", "SSLCACertificatePath: directory '/x' does not
// exist". The check applies wherever the line stands, TLS host or not, to
// the paths of SSLOpenSSLConfCmd's file commands (DHParameters, ChainCAFile …)
// and to the two TLS files that hold no certificate (session ticket keys, SRP
// verifiers).
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { defaultDirectiveIndex } from '../../knowledge/directiveIndex';
import type { Rule } from '../types';
import { judgedPath } from '../judgedPath';
import { linesNamed, proxyModel, type Placed } from '../proxyHosts';
import { certificateLines, onPath } from '../serverCertificates';
import { openSslConfFileLines } from '../certs/openSslConfFiles';

export const certFileMissing: Rule = modelRule(compute, {
  id: 'cert/file-missing',
  severity: 'error',
  readsCertificates: true,
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatefile',
  summary: 'A certificate, key, CA, CRL or other TLS file that does not exist, is empty or is not a regular file (or a folder that does not exist): `apache2 -t` fails.',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const { line, directive, path } of certificateLines(model)) {
    const finding = missing(certificates, line, 0, { path, folder: directive.folder, holds: describeRole(directive.role) });
    if (finding) yield finding;
  }
  for (const { line, path, folder, holds } of openSslConfFileLines(model)) {
    const finding = missing(certificates, line, 1, { path, folder, holds });
    if (finding) yield finding;
  }
  for (const line of linesNamed(proxyModel(model), ...OTHER_TLS_FILES.keys())) {
    const written = line.item.args[0];
    const path = written === undefined ? undefined : judgedPath(model, written);
    const stat = path === undefined ? undefined : certificates.stat(path);
    if (path === undefined || (stat?.isFile && stat.size > 0)) continue;
    const problem = !stat ? 'does not exist' : !stat.isFile ? 'is not a regular file' : 'is empty';
    yield onPath(line, {
      message: `${path} ${problem}. Apache refuses the configuration at this line ("${shownName(line)}: file '${path}' does not exist or is empty"), even with apache2 -t. Correct the path, or put the ${OTHER_TLS_FILES.get(line.name)} there.`,
    });
  }
}

/** TLS files mod_ssl checks like certificates, though they hold none (by lower-case directive: what they hold). */
const OTHER_TLS_FILES: ReadonlyMap<string, string> = new Map([
  ['sslsessionticketkeyfile', 'session ticket keys'],
  ['sslsrpverifierfile', 'SRP verifiers'],
]);

/** The finding on the path (word `index` of the line) when Apache refuses it; a file we may not or will not read is cert/file-not-read's. */
function missing(certificates: CertificateReader, line: Placed, index: number, { path, folder, holds }: { path: string; folder: boolean; holds: string }): LocatedFinding | undefined {
  const at = (message: string): LocatedFinding => onPath(line, { message }, index);
  if (folder) {
    if (certificates.listDirectory(path) !== undefined) return undefined;
    return at(`${path} is not a folder that exists. Apache refuses the configuration at this line ("${shownName(line)}: directory '${path}' does not exist"), even with apache2 -t. Correct the path or create the folder.`);
  }
  const read = certificates.read(path);
  if (!('problem' in read) || read.problem === 'unreadable' || read.problem === 'too-large') return undefined;
  return at(`${path} ${read.message}. Apache refuses the configuration at this line ("${shownName(line)}: file '${path}' does not exist or is empty"), even with apache2 -t. Correct the path, or put the ${holds} there.`);
}

/** The directive's name as its module spells it, as Apache names it. */
function shownName(line: Placed): string {
  return defaultDirectiveIndex().lookup(line.item.name)?.name ?? line.item.name;
}

function describeRole(role: string): string {
  if (role === 'key') return 'private key';
  if (role === 'crl' || role === 'proxy-crl') return 'revocation list';
  if (role === 'ca-names') return 'CA certificates';
  if (role === 'chain' || role === 'proxy-machine-chain') return 'chain certificates';
  if (role === 'ca' || role === 'proxy-ca') return 'CA certificates';
  return 'certificate';
}
