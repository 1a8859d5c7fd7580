// Where operating systems keep the public CAs they trust. A server chain that
// ends at one of them needs no root in the file; a client-CA setting that
// points at one accepts any certificate a public CA ever issued.
import { candidateOf, type ChainCandidate } from './buildChain';
import type { CertificateReader } from './certificateReader';
import type { ParsedCertificate } from './readCertificateFile';

/** As one PEM file: Debian and Ubuntu first, then Red Hat, SUSE, Alpine, FreeBSD. */
export const SYSTEM_BUNDLE_FILES: readonly string[] = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/ssl/certs/ca-bundle.crt',
  '/etc/ssl/cert.pem',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/pki/tls/cert.pem',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/usr/local/share/certs/ca-root-nss.crt',
  '/usr/share/ssl/certs/ca-bundle.crt',
];

/** As a folder of certificates. */
export const SYSTEM_CERTIFICATE_FOLDERS: readonly string[] = ['/etc/ssl/certs', '/etc/pki/tls/certs', '/etc/pki/ca-trust/extracted/pem', '/usr/share/ca-certificates'];

const BUNDLES = new Set(SYSTEM_BUNDLE_FILES);
const FOLDERS = new Set(SYSTEM_CERTIFICATE_FOLDERS);

/** The path is one of the systems' bundles of public CAs. */
export function isSystemBundle(path: string): boolean {
  return BUNDLES.has(path);
}

/** The path is one of the systems' folders of public CAs, with or without a final slash. */
export function isSystemCertificateFolder(path: string): boolean {
  return FOLDERS.has(path.length > 1 ? path.replace(/\/+$/, '') : path);
}

/** The certificates of this machine's bundle (the first of SYSTEM_BUNDLE_FILES that can be read), none when there is none. */
export function systemBundle(certificates: CertificateReader): readonly ParsedCertificate[] {
  for (const path of SYSTEM_BUNDLE_FILES) {
    const read = certificates.read(path);
    if ('contents' in read) return read.contents.certificates;
  }
  return [];
}

const anchorsOf = new WeakMap<readonly ParsedCertificate[], readonly ChainCandidate[]>();

/** The bundle's certificates as the anchors a chain may end at; made once per reading of the bundle. */
export function systemAnchors(certificates: CertificateReader): readonly ChainCandidate[] {
  const bundle = systemBundle(certificates);
  let anchors = anchorsOf.get(bundle);
  if (!anchors) {
    anchors = bundle.map((certificate) => candidateOf(certificate, 'system bundle', true));
    anchorsOf.set(bundle, anchors);
  }
  return anchors;
}
