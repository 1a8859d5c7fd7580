// The certificates mod_ssl prepares for OCSP stapling, and whether it will
// find what it needs (verified on 2.4.71): the issuer must be in the
// certificate file, the chain file or the CA store (SSLCACertificateFile or
// SSLCACertificatePath), never the system bundle and never the certificate
// itself, else AH02217; the issuer found, the certificate needs an OCSP URI
// or SSLStaplingForceURL, else AH02218. Either way AH02604 follows, the
// server starts, and that certificate is served without stapling.
import type { ConfigModel } from '../../config/buildConfigModel';
import { isOn, type Placed } from '../proxyHosts';
import type { CertificateReader } from './certificateReader';
import { hostCertificates, type CertificatePair, type HostCertificates } from './hostCertificates';
import type { ParsedCertificate } from './readCertificateFile';
import { isIssuedBy } from './certificateChecks';

export interface StapledCertificate {
  host: HostCertificates;
  pair: CertificatePair;
  /** The SSLUseStapling line in force. */
  stapling: Placed;
  leaf: ParsedCertificate;
  /** Where the issuer was found; undefined when mod_ssl will not find it. */
  issuerSource?: string;
  forceUrl?: Placed;
}

/** A CA folder larger than this is not searched: the issuer question is left open. */
const MAX_FOLDER_ENTRIES = 500;

export function* stapledCertificates(model: ConfigModel, certificates: CertificateReader): Iterable<StapledCertificate> {
  for (const host of hostCertificates(model)) {
    const stapling = host.setting('sslusestapling');
    if (!host.tls || !stapling || !isOn(stapling.line)) continue;
    for (const pair of host.pairs) {
      if (!pair.certificatePath) continue;
      const read = certificates.read(pair.certificatePath);
      if (!('contents' in read) || read.contents.certificates.length === 0) continue;
      const [leaf, ...rest] = read.contents.certificates;
      const issuerSource = findIssuer(leaf, [{ source: pair.certificatePath, certificates: rest }, ...storeOf(host, certificates)]);
      if (issuerSource === null) continue;
      yield { host, pair, stapling: stapling.line, leaf, issuerSource, forceUrl: host.setting('sslstaplingforceurl')?.line };
    }
  }
}

interface Source {
  source: string;
  certificates: readonly ParsedCertificate[];
  /** The source could not be searched completely. */
  unknown?: boolean;
}

/** Where the issuer is; undefined when it is nowhere; null when a source could not be searched. */
function findIssuer(leaf: ParsedCertificate, sources: readonly Source[]): string | undefined | null {
  for (const { source, certificates } of sources) {
    if (certificates.some((candidate) => candidate.x509 !== leaf.x509 && issues(candidate, leaf))) return source;
  }
  return sources.some((source) => source.unknown) ? null : undefined;
}

function issues(issuer: ParsedCertificate, subject: ParsedCertificate): boolean {
  return isIssuedBy(subject.x509, issuer.x509);
}

function* storeOf(host: HostCertificates, certificates: CertificateReader): Iterable<Source> {
  for (const name of ['sslcertificatechainfile', 'sslcacertificatefile']) {
    const path = host.setting(name)?.path;
    if (!path) continue;
    const read = certificates.read(path);
    yield 'contents' in read ? { source: path, certificates: read.contents.certificates } : { source: path, certificates: [], unknown: true };
  }
  const folder = host.setting('sslcacertificatepath')?.path;
  if (!folder) return;
  const entries = certificates.listDirectory(folder);
  if (!entries || entries.length > MAX_FOLDER_ENTRIES) {
    yield { source: folder, certificates: [], unknown: true };
    return;
  }
  const found: ParsedCertificate[] = [];
  for (const entry of entries) {
    const read = certificates.read(`${folder}/${entry.name}`);
    if ('contents' in read) found.push(...read.contents.certificates);
  }
  yield { source: folder, certificates: found };
}
