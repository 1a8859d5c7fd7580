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
import { chainFileOf, hostCertificates, type CertificatePair, type HostCertificates } from './hostCertificates';
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

const cache = new WeakMap<ConfigModel, { certificates: CertificateReader; generation: number; stapled: readonly StapledCertificate[] }>();

/** The certificates served with stapling on, once per model and state of the files read (two rules ask). */
export function stapledCertificates(model: ConfigModel, certificates: CertificateReader): readonly StapledCertificate[] {
  const known = cache.get(model);
  if (known && known.certificates === certificates && known.generation === certificates.generation) return known.stapled;
  const stapled = findStapled(model, certificates);
  cache.set(model, { certificates, generation: certificates.generation, stapled });
  return stapled;
}

function findStapled(model: ConfigModel, certificates: CertificateReader): StapledCertificate[] {
  const stapled: StapledCertificate[] = [];
  const sources = new Sources(certificates);
  for (const host of hostCertificates(model)) {
    const stapling = host.setting('sslusestapling');
    if (!host.tls || !stapling || !isOn(stapling.line)) continue;
    for (const pair of host.pairs) {
      if (!pair.certificatePath) continue;
      const read = certificates.read(pair.certificatePath);
      if (!('contents' in read) || read.contents.certificates.length === 0) continue;
      const [leaf] = read.contents.certificates;
      // With a chain file in force mod_ssl loads the certificate file without its chain: the rest of it is nowhere.
      const rest = chainFileOf(host) ? [] : [sources.rest(pair.certificatePath, read.contents.certificates)];
      const issuerSource = sources.findIssuer(leaf, [...rest, ...sources.storeOf(host)]);
      if (issuerSource === null) continue;
      stapled.push({ host, pair, stapling: stapling.line, leaf, issuerSource, forceUrl: host.setting('sslstaplingforceurl')?.line });
    }
  }
  return stapled;
}

interface Source {
  source: string;
  certificates: readonly ParsedCertificate[];
  /** The source could not be searched completely. */
  unknown?: boolean;
}

/**
 * The places mod_ssl looks for an issuer, each gathered once per path, and
 * which of them holds a leaf's issuer, each worked out once: the hosts of a
 * tree share their files.
 */
class Sources {
  private readonly rests = new Map<string, Source>();
  private readonly files = new Map<string, Source>();
  private readonly folders = new Map<string, Source>();
  private readonly searched = new Map<Source, Map<ParsedCertificate, boolean>>();

  constructor(private readonly certificates: CertificateReader) {}

  /** The certificates after the leaf in the certificate file. */
  rest(path: string, all: readonly ParsedCertificate[]): Source {
    let source = this.rests.get(path);
    if (!source) this.rests.set(path, (source = { source: path, certificates: all.slice(1) }));
    return source;
  }

  /** The chain file, CA file and CA folder in force for the host. */
  storeOf(host: HostCertificates): Source[] {
    const store: Source[] = [];
    for (const name of ['sslcertificatechainfile', 'sslcacertificatefile']) {
      const path = host.setting(name)?.path;
      if (path) store.push(this.file(path));
    }
    const folder = host.setting('sslcacertificatepath')?.path;
    if (folder) store.push(this.folder(folder));
    return store;
  }

  /** Where the issuer is; undefined when it is nowhere; null when a source could not be searched. */
  findIssuer(leaf: ParsedCertificate, sources: readonly Source[]): string | undefined | null {
    for (const source of sources) {
      let byLeaf = this.searched.get(source);
      if (!byLeaf) this.searched.set(source, (byLeaf = new Map()));
      let holds = byLeaf.get(leaf);
      if (holds === undefined) byLeaf.set(leaf, (holds = source.certificates.some((candidate) => candidate.x509 !== leaf.x509 && issues(candidate, leaf))));
      if (holds) return source.source;
    }
    return sources.some((source) => source.unknown) ? null : undefined;
  }

  private file(path: string): Source {
    let source = this.files.get(path);
    if (!source) {
      const read = this.certificates.read(path);
      source = 'contents' in read ? { source: path, certificates: read.contents.certificates } : { source: path, certificates: [], unknown: true };
      this.files.set(path, source);
    }
    return source;
  }

  private folder(folder: string): Source {
    let source = this.folders.get(folder);
    if (!source) {
      source = this.readFolder(folder);
      this.folders.set(folder, source);
    }
    return source;
  }

  private readFolder(folder: string): Source {
    const entries = this.certificates.listDirectory(folder);
    if (!entries || entries.length > MAX_FOLDER_ENTRIES) return { source: folder, certificates: [], unknown: true };
    const found: ParsedCertificate[] = [];
    for (const entry of entries) {
      const read = this.certificates.read(`${folder}/${entry.name}`);
      if ('contents' in read) found.push(...read.contents.certificates);
    }
    return { source: folder, certificates: found };
  }
}

function issues(issuer: ParsedCertificate, subject: ParsedCertificate): boolean {
  return isIssuedBy(subject.x509, issuer.x509);
}
