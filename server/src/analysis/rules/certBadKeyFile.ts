// cert/bad-key-file: an SSLCertificateKeyFile of a TLS host that holds no
// private key mod_ssl can decode (random bytes, a certificate in its place, a
// damaged PEM block) stops the start (verified on 2.4.71): "AH02579: Init:
// Private key not found", then AH02312. A binary DER key is read fine; an
// encrypted one is cert/encrypted-key's.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import type { CertificateFileContents } from '../certs/readCertificateFile';
import { modelRule, type LocatedFinding } from '../modelFindings';
import type { Rule } from '../types';
import { onPath, servedFileLines } from '../serverCertificates';

export const certBadKeyFile: Rule = modelRule(compute, {
  id: 'cert/bad-key-file',
  severity: 'error',
  readsCertificates: true,
  refusedBy: 'startup',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatekeyfile',
  summary: 'An `SSLCertificateKeyFile` with no private key that can be decoded: Apache refuses to start (AH02579).',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const { line, path, contents } of servedFileLines(model, certificates, 'key')) {
    const problem = whatIsWrong(contents);
    if (problem) yield onPath(line, { message: `${path} ${problem} Apache passes the config test, then refuses to start: "AH02579: Init: Private key not found", AH02312.` });
  }
}

function whatIsWrong(contents: CertificateFileContents): string | undefined {
  if (contents.keys.some((key) => key.encrypted || key.key)) return undefined;
  const damaged = contents.keys.find((key) => key.error);
  if (damaged) return `has a private key block at line ${damaged.line + 1} that does not decode (${damaged.error}).`;
  if (contents.certificates.length > 0) return 'holds a certificate but no private key: is it swapped with SSLCertificateFile?';
  return 'holds no private key.';
}
