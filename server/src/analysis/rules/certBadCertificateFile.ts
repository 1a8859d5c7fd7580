// cert/bad-certificate-file: mod_ssl loads a TLS host's SSLCertificateFile
// with OpenSSL's PEM reader, certificate by certificate. A DER file, a file
// with no certificate, or any certificate block that does not decode stops
// the start (verified on 2.4.71): "AH02562: Failed to configure certificate
// … (with chain), check FILE" with "PEM routines::no start line" or "bad
// base64 decode", then AH00016. `apache2 -t` does not open the file.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import type { CertificateFileContents } from '../certs/readCertificateFile';
import { modelRule, type LocatedFinding } from '../modelFindings';
import type { Rule } from '../types';
import { onPath, servedFileLines } from '../serverCertificates';

export const certBadCertificateFile: Rule = modelRule(compute, {
  id: 'cert/bad-certificate-file',
  severity: 'error',
  readsCertificates: true,
  refusedBy: 'startup',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatefile',
  summary: 'An `SSLCertificateFile` that is DER, holds no certificate, or has a certificate block that does not decode: Apache refuses to start (AH02562).',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const { line, path, contents } of servedFileLines(model, certificates, 'certificate')) {
    const problem = whatIsWrong(contents);
    if (problem) yield onPath(line, { message: `${path} ${problem} Apache passes the config test, then refuses to start: "AH02562: Failed to configure certificate … check ${path}".` });
  }
}

function whatIsWrong(contents: CertificateFileContents): string | undefined {
  if (contents.format === 'der' && contents.certificates.length > 0) {
    return 'is in binary DER form, and mod_ssl reads certificates in PEM form only. Convert it: `openssl x509 -inform der -in FILE -out FILE.pem`.';
  }
  const bad = contents.badBlocks.find((block) => /CERTIFICATE$/.test(block.label));
  if (bad) return `has a certificate block at line ${bad.line + 1} that does not decode (${bad.reason}).`;
  if (contents.certificates.length === 0) {
    return contents.keys.length > 0 ? 'holds a private key but no certificate: is it the key file?' : 'holds no PEM certificate ("-----BEGIN CERTIFICATE-----").';
  }
  return undefined;
}
