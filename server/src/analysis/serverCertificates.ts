// What the cert/* rules share: the live lines that name certificate files,
// the certificates each TLS host serves with the key that goes with them, and
// how a certificate is named in a message (subject and place, never key
// material).
import type { ConfigModel } from '../config/buildConfigModel';
import type { CertificateReader } from './certs/certificateReader';
import { CERTIFICATE_DIRECTIVES, type CertificateDirective } from './certs/certificateDirectives';
import { hostCertificates, lineSetting, type CertificatePair, type HostCertificates } from './certs/hostCertificates';
import type { CertificateFileContents, ParsedCertificate, ParsedKey } from './certs/readCertificateFile';
import { linesNamed, proxyModel, wordRange, type Placed } from './proxyHosts';
import type { FileScope } from './fileScope';
import type { Finding } from './types';
import type { LocatedFinding } from './modelFindings';
import { keyMatches } from './certs/certificateChecks';
import { oncePer, perModel } from '../config/oncePer';

export interface CertificateLine {
  line: Placed;
  directive: CertificateDirective;
  /** The file or folder as Apache opens it. */
  path: string;
}

/** Every live line of a certificate directive that names a path (not an engine or PKCS#11 id), `${VAR}` expanded. */
export const certificateLines = perModel((model): CertificateLine[] => {
  const all: CertificateLine[] = [];
  for (const line of linesNamed(proxyModel(model), ...CERTIFICATE_DIRECTIVES.keys())) {
    const directive = CERTIFICATE_DIRECTIVES.get(line.name);
    const { path } = lineSetting(model, line);
    if (directive && path !== undefined) all.push({ line, directive, path });
  }
  return all;
});

/** The server-certificate lines by the file they are written in, so a file's analysis does not walk the whole tree's. */
const servedLinesByPath = perModel((model) => {
  const byPath = new Map<string, CertificateLine[]>();
  for (const served of certificateLines(model)) {
    if (served.line.name !== 'sslcertificatefile' && served.line.name !== 'sslcertificatechainfile') continue;
    const list = byPath.get(served.line.item.path);
    if (list) list.push(served);
    else byPath.set(served.line.item.path, [served]);
  }
  return byPath;
});

function servedLinesIn(model: ConfigModel, path: string): readonly CertificateLine[] {
  return servedLinesByPath(model).get(path) ?? [];
}

/**
 * `work` on a file's contents, remembered with them: the reader keeps one
 * contents object per version of a file, and the hosts of a tree share a few
 * files, so each is worked out once rather than once per host and per edit.
 */
export function perContents<T>(work: (contents: CertificateFileContents) => T): (contents: CertificateFileContents) => T {
  return oncePer(work);
}

/** The parsed file, or undefined when it cannot be read (cert/file-missing says why). */
export function contentsOf(certificates: CertificateReader, path: string | undefined): CertificateFileContents | undefined {
  if (path === undefined) return undefined;
  const read = certificates.read(path);
  return 'contents' in read ? read.contents : undefined;
}

export interface ServedCertificate {
  line: Placed;
  /** The file the line names. */
  path: string;
  certificate: ParsedCertificate;
  /** It comes from SSLCertificateChainFile (so it is never the server's own). */
  chainFile: boolean;
}

/**
 * Each certificate of the SSLCertificateFile and SSLCertificateChainFile lines
 * written in the scope's file. These rules judge the clock and settings of the
 * moment, so they are worked out per analysis rather than kept per model.
 */
export function* certificatesOfLinesIn(scope: FileScope, certificates: CertificateReader): Iterable<ServedCertificate> {
  for (const { line, path } of servedLinesIn(scope.model, scope.path)) {
    const chainFile = line.name === 'sslcertificatechainfile';
    for (const certificate of contentsOf(certificates, path)?.certificates ?? []) yield { line, path, certificate, chainFile };
  }
}

/** A report that drops a repeat (a file included twice gives each of its lines twice). */
export function reportOnce(report: (finding: Finding) => void): (finding: Finding) => void {
  const seen = new Set<string>();
  return (finding) => {
    const key = `${finding.range.start.line}:${finding.range.start.character}\0${finding.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(finding);
  };
}

export interface ServedPair {
  host: HostCertificates;
  pair: CertificatePair;
  /** The certificate file's certificates, at least one. */
  certificates: ParsedCertificate[];
  certificatePath: string;
}

/** Each certificate pair of each TLS host whose certificate file can be read and holds a certificate. */
export function* servedPairs(model: ConfigModel, certificates: CertificateReader): Iterable<ServedPair> {
  for (const host of hostCertificates(model)) {
    if (!host.tls) continue;
    for (const pair of host.pairs) {
      if (pair.certificatePath === undefined) continue;
      const contents = contentsOf(certificates, pair.certificatePath);
      if (!contents || contents.certificates.length === 0) continue;
      yield { host, pair, certificates: contents.certificates, certificatePath: pair.certificatePath };
    }
  }
}

/** The private key mod_ssl would use for a pair: the key file's first key, else the certificate file's. */
export function pairKey(served: ServedPair, certificates: CertificateReader): { key: ParsedKey; path: string } | undefined {
  const path = served.pair.keyPath ?? (served.pair.key ? undefined : served.certificatePath);
  const key = contentsOf(certificates, path)?.keys[0];
  return key && path !== undefined ? { key, path } : undefined;
}

/** Which certificate of the file the key belongs to: 0 is right; undefined when none (or the key cannot be compared). */
export function certificateOfKey(served: ServedPair, key: ParsedKey): number | 'none' | undefined {
  const material = key.key;
  if (!material || key.encrypted) return undefined;
  const index = served.certificates.findIndex((certificate) => keyMatches(certificate.x509, material));
  return index < 0 ? 'none' : index;
}


/** "the server certificate (CN=shop.example)" or "certificate #2 (CN=Intermediate)" of a file. */
export function nameOf(certificate: ParsedCertificate, chainFile = false): string {
  const which = certificate.index === 0 && !chainFile ? 'the server certificate' : `certificate #${certificate.index + 1}`;
  return `${which} (${certificate.facts.subject})`;
}

/** The text with its first letter in upper case, to open a message. */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A finding on the path argument of a certificate line, in the file that line is in. */
export function onPath(line: Placed, finding: Omit<Finding, 'range'>): LocatedFinding {
  return { path: line.item.path, finding: { range: wordRange(line, 0), ...finding } };
}

/**
 * The certificate (or key) file line of each pair a TLS host serves, with the
 * file's contents when it can be read: each line once, though the server
 * config lends it to many hosts.
 */
export function* servedFileLines(
  model: ConfigModel,
  certificates: CertificateReader,
  which: 'certificate' | 'key',
): Iterable<{ line: Placed; path: string; contents: CertificateFileContents }> {
  const seen = new Set<Placed>();
  for (const host of hostCertificates(model)) {
    if (!host.tls) continue;
    for (const pair of host.pairs) {
      const line = which === 'certificate' ? pair.certificate : pair.key;
      const path = which === 'certificate' ? pair.certificatePath : pair.keyPath;
      if (!line || !path || seen.has(line)) continue;
      seen.add(line);
      const contents = contentsOf(certificates, path);
      if (contents) yield { line, path, contents };
    }
  }
}
