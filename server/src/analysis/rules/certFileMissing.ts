// cert/file-missing: Apache checks every certificate, key, CA and CRL path
// while it reads the configuration (ssl_cmd_check_file / ssl_cmd_check_dir):
// a file must exist, be a regular file and not be empty, a folder must exist.
// Otherwise `apache2 -t` fails at that line: "SSLCertificateFile: file '/x'
// does not exist or is empty", "SSLCACertificatePath: directory '/x' does not
// exist". The check applies wherever the line stands, TLS host or not.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { defaultDirectiveIndex } from '../../knowledge/directiveIndex';
import type { Rule } from '../types';
import type { Placed } from '../proxyHosts';
import { certificateLines, onPath } from '../serverCertificates';

export const certFileMissing: Rule = modelRule(compute, {
  id: 'cert/file-missing',
  severity: 'error',
  readsCertificates: true,
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatefile',
  summary: 'A certificate, key, CA or CRL file that does not exist, is empty or is not a regular file (or a folder that does not exist): `apache2 -t` fails.',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const { line, directive, path } of certificateLines(model)) {
    if (directive.folder) {
      if (certificates.listDirectory(path) !== undefined) continue;
      yield onPath(line, {
        message: `${path} is not a folder that exists. Apache refuses the configuration at this line ("${shownName(line)}: directory '${path}' does not exist"), even with apache2 -t. Correct the path or create the folder.`,
      });
      continue;
    }
    const read = certificates.read(path);
    // A file we may not or will not read is cert/file-not-read's.
    if (!('problem' in read) || read.problem === 'unreadable' || read.problem === 'too-large') continue;
    yield onPath(line, {
      message: `${path} ${read.message}. Apache refuses the configuration at this line ("${shownName(line)}: file '${path}' does not exist or is empty"), even with apache2 -t. Correct the path, or put the ${describeRole(directive.role)} there.`,
    });
  }
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
