// What the cert/* rules share: the live lines that name certificate files,
// the certificates each TLS host serves with the key that goes with them, and
// how a certificate is named in a message (subject and place, never key
// material).
import type { ConfigModel } from '../config/buildConfigModel';
import type { CertificateReader } from './certs/certificateReader';
import { CERTIFICATE_DIRECTIVES, type CertificateDirective } from './certs/certificateDirectives';
import { chainFileOf, hostCertificates, lineSetting, type CertificatePair, type HostCertificates } from './certs/hostCertificates';
import type { CertificateFileContents, ParsedCertificate, ParsedKey } from './certs/readCertificateFile';
import { linesNamed, proxyModel, wordRange, type Placed } from './proxyHosts';
import type { FileScope } from './fileScope';
import type { Finding } from './types';
import type { Range } from '../parser/ast';
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

/**
 * Which certificates of each SSLCertificateFile and SSLCertificateChainFile
 * line some TLS host loads: the file's first, and those after it. A line no
 * TLS host takes (SSLEngine off, or the server config's line replaced in
 * every TLS host) is never opened by mod_ssl. With a chain file in force,
 * mod_ssl loads only the first certificate of SSLCertificateFile and sends the
 * chain file's instead of the rest (see sentCertificates).
 */
const loadedLines = perModel((model) => {
  const loaded = new Map<Placed, { first: boolean; rest: boolean }>();
  const mark = (line: Placed, first: boolean, rest: boolean): void => {
    const known = loaded.get(line);
    if (!known) loaded.set(line, { first, rest });
    else {
      known.first ||= first;
      known.rest ||= rest;
    }
  };
  for (const host of hostCertificates(model)) {
    if (!host.tls) continue;
    const chain = chainFileOf(host);
    for (const pair of host.pairs) mark(pair.certificate, true, !chain);
    if (chain) mark(chain.line, !chain.skipsFirst, true);
  }
  return loaded;
});

/** The loaded certificate lines by the file they are written in, so a file's analysis does not walk the whole tree's. */
const servedLinesByPath = perModel((model) => {
  const loaded = loadedLines(model);
  const byPath = new Map<string, { served: CertificateLine; first: boolean; rest: boolean }[]>();
  for (const served of certificateLines(model)) {
    const which = loaded.get(served.line);
    if (!which) continue;
    const entry = { served, ...which };
    const list = byPath.get(served.line.item.path);
    if (list) list.push(entry);
    else byPath.set(served.line.item.path, [entry]);
  }
  return byPath;
});

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
 * Each certificate that a TLS host loads from the SSLCertificateFile and
 * SSLCertificateChainFile lines written in the scope's file. These rules judge
 * the clock and settings of the moment, so they are worked out per analysis
 * rather than kept per model.
 */
export function* certificatesOfLinesIn(scope: FileScope, certificates: CertificateReader): Iterable<ServedCertificate> {
  for (const { served, first, rest } of servedLinesByPath(scope.model).get(scope.path) ?? []) {
    const { line, path } = served;
    const chainFile = line.name === 'sslcertificatechainfile';
    for (const certificate of contentsOf(certificates, path)?.certificates ?? []) {
      if (certificate.index === 0 ? first : rest) yield { line, path, certificate, chainFile };
    }
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

/** A certificate a host sends in its handshake, and the file it comes from. */
export interface SentCertificate {
  certificate: ParsedCertificate;
  path: string;
  /** From SSLCertificateChainFile rather than SSLCertificateFile. */
  fromChain: boolean;
}

/**
 * What a pair's host sends, in order: the certificate file's certificates; or,
 * with SSLCertificateChainFile in force, the server certificate alone and then
 * the chain file's (mod_ssl then loads SSLCertificateFile without its chain).
 */
export function sentCertificates(served: ServedPair, certificates: CertificateReader): SentCertificate[] {
  const chain = chainFileOf(served.host);
  const fromFile = (certificate: ParsedCertificate): SentCertificate => ({ certificate, path: served.certificatePath, fromChain: false });
  if (!chain) return served.certificates.map(fromFile);
  const sent = [fromFile(served.certificates[0])];
  for (const certificate of contentsOf(certificates, chain.path)?.certificates ?? []) {
    if (certificate.index > 0 || !chain.skipsFirst) sent.push({ certificate, path: chain.path, fromChain: true });
  }
  return sent;
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
export function onPath(line: Placed, finding: Omit<Finding, 'range'>, word = 0): LocatedFinding {
  return { path: line.item.path, finding: new FindingOnWord(line, word, finding) };
}

/**
 * Hosts that share a certificate file share its findings: one per host, of
 * thousands in a large tree, kept for the life of the model. Each works out
 * its range when read (reading a line's word positions builds its arguments).
 */
class FindingOnWord implements Finding {
  constructor(
    private readonly line: Placed,
    private readonly word: number,
    private readonly found: Omit<Finding, 'range'>,
  ) {}

  get range(): Range {
    return wordRange(this.line, this.word);
  }

  get message(): string {
    return this.found.message;
  }

  get severity(): Finding['severity'] {
    return this.found.severity;
  }

  get data(): Finding['data'] {
    return this.found.data;
  }
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
