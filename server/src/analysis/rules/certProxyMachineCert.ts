// cert/proxy-machine-cert: the client certificates mod_proxy presents to
// backends (ssl_init_proxy_certs, 2.4.71). OpenSSL groups each file's PEM
// blocks into entries: a certificate starts a new entry unless the current
// one has none yet, and so does a key. Then, entry by entry: a certificate
// alone is trusted as a chain certificate (AH10261); an encrypted key, or a
// key without a certificate… stop the start: "AH02252: incomplete client cert
// configured for SSL proxy (missing or encrypted private key?)", "AH02326:
// proxy client certificate and private key do not match". No entry with a
// key left: "AH02206: no client certs found for SSL proxy", a warning, and
// no certificate is ever presented. Loaded for hosts with SSLProxyEngine on.
// All verified on 2.4.71.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import type { CertificateFileContents, ParsedCertificate, ParsedKey } from '../certs/readCertificateFile';
import { hostCertificates } from '../certs/hostCertificates';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { isOn, wordRange, type Placed } from '../proxyHosts';
import type { Finding, Rule } from '../types';
import { certificateName } from '../trustSides';
import { keyMatches } from '../certs/certificateChecks';

export const certProxyMachineCert: Rule = modelRule(compute, {
  id: 'cert/proxy-machine-cert',
  severity: 'error',
  readsCertificates: true,
  refusedBy: 'startup',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslproxymachinecertificatefile',
  summary: 'The proxy\'s client certificates (`SSLProxyMachineCertificateFile`/`Path`) have no key, an encrypted key or a key that does not match (AH02206, AH02252, AH02326).',
});

/** One X509_INFO entry of OpenSSL's PEM reader. */
interface Entry {
  certificate?: ParsedCertificate;
  key?: ParsedKey;
}

/** PEM blocks grouped the way PEM_X509_INFO_read_bio groups them. */
export function entriesOf(contents: CertificateFileContents): Entry[] {
  const blocks = [
    ...contents.certificates.map((certificate) => ({ line: certificate.line, certificate })),
    ...contents.keys.map((key) => ({ line: key.line, key })),
  ].sort((a, b) => a.line - b.line);
  const entries: Entry[] = [];
  let current: Entry = {};
  for (const block of blocks) {
    if (('certificate' in block && current.certificate) || ('key' in block && current.key)) {
      entries.push(current);
      current = {};
    }
    if ('certificate' in block) current.certificate = block.certificate;
    else current.key = block.key;
  }
  if (current.certificate || current.key) entries.push(current);
  return entries;
}

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const host of hostCertificates(model)) {
    if (!isOn(host.setting('sslproxyengine')?.line)) continue;
    const lines = [host.setting('sslproxymachinecertificatefile'), host.setting('sslproxymachinecertificatepath')].flatMap((found) => (found?.path ? [found] : []));
    let presented = 0;
    for (const { line, path } of lines) {
      const files = line.name.endsWith('path') ? filesIn(path as string, certificates) : [path as string];
      for (const file of files) {
        const read = certificates.read(file);
        if (!('contents' in read)) continue;
        const entries = entriesOf(read.contents);
        presented += entries.filter((entry) => entry.key).length;
        const problem = entries.map(problemOf).find((found) => found !== undefined);
        if (problem) yield located(line, `${file}: ${problem}`);
      }
    }
    if (presented === 0 && lines.length > 0) {
      const [first] = lines;
      yield located(
        first.line,
        `${lines.map((found) => found.path).join(' and ')} hold${lines.length === 1 ? 's' : ''} no private key, so there is no client certificate for the proxy to present: ` +
          'mod_ssl treats certificates without a key as chain certificates, warns "AH02206: no client certs found for SSL proxy" at start-up, and backends that require a client certificate refuse every request. ' +
          'Put each client certificate and its unencrypted key together in the file (certificate first, then key).',
        'warning',
      );
    }
  }
}

/** What stops the start for one entry, if anything. */
function problemOf(entry: Entry): string | undefined {
  const { certificate, key } = entry;
  if (!key) return undefined;
  if (key.encrypted) {
    return `the private key${certificate ? ` of ${certificateName(certificate)}` : ''} is encrypted, and mod_ssl cannot ask for a pass phrase for proxy keys: ` +
      'Apache refuses to start ("AH02252: incomplete client cert configured for SSL proxy (missing or encrypted private key?)", then AH02312). Store it unencrypted (`openssl pkey -in KEY -out KEY`), readable by root only.';
  }
  if (!key.key) return undefined;
  if (!certificate) {
    return 'a private key is not preceded or followed by its certificate: Apache refuses to start ("AH02326: proxy client certificate and private key do not match", then AH02312). Put the certificate right before its key.';
  }
  if (keyMatches(certificate.x509, key.key)) return undefined;
  return `${certificateName(certificate)} and the private key after it do not match: Apache refuses to start ("AH02326: proxy client certificate and private key do not match", then AH02312). ` +
    'Pair each certificate with its own key, certificate first.';
}

function located(line: Placed, message: string, severity?: Finding['severity']): LocatedFinding {
  return { path: line.item.path, finding: { range: wordRange(line, 0), message, ...(severity ? { severity } : {}) } };
}

/** The files mod_ssl reads from SSLProxyMachineCertificatePath: every entry that is not a folder. */
function filesIn(folder: string, certificates: CertificateReader): string[] {
  return (certificates.listDirectory(folder) ?? [])
    .map((entry) => `${folder.replace(/\/+$/, '')}/${entry.name}`)
    .filter((path) => !certificates.isDirectory(path))
    .sort();
}
