// cert/file-not-read: a certificate, key, CA or CRL file this editor cannot
// read (Apache starts as root and may well read it) or over the 5 MiB read
// limit. Nothing is known about its contents, so the other cert/* rules say
// nothing about it: this says why.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import type { Rule } from '../types';
import { certificateLines, onPath } from '../serverCertificates';

export const certFileNotRead: Rule = modelRule(compute, {
  id: 'cert/file-not-read',
  severity: 'information',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatefile',
  summary: 'A certificate, key, CA or CRL file that cannot be read here (permissions) or is over 5 MiB, so it is not checked.',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const { line, directive, path } of certificateLines(model)) {
    if (directive.folder) continue;
    const read = certificates.read(path);
    if (!('problem' in read)) continue;
    if (read.problem === 'unreadable') {
      yield onPath(line, {
        message: `${path} ${read.message} by this editor, so it is not checked. Apache starts as root and may read it; check its permissions if Apache cannot either.`,
      });
    } else if (read.problem === 'too-large') {
      yield onPath(line, { severity: 'warning', message: `${path} ${read.message}, so it is not checked. No certificate bundle is that large: is it the file you meant?` });
    }
  }
}
