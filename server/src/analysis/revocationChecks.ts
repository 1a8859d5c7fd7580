// What the CRL rules share: how a side checks revocation, and which of the
// CAs it trusts need a CRL. With SSLCARevocationCheck chain OpenSSL wants a
// current CRL from the issuer of every certificate of a client's chain; with
// leaf, only from the client certificate's own issuer. A CA that issued
// another CA of the file may be used only for intermediates, so under leaf
// it is not held to have a CRL.
import type { CertificateReader } from './certs/certificateReader';
import { isIssuedBy } from './certs/certificateChecks';
import type { ParsedCertificate } from './certs/readCertificateFile';
import { subjectDerOf } from './certs/readRevocationList';
import { contentsOf } from './serverCertificates';
import type { SideSettings } from './trustSides';

export interface RevocationCheck {
  mode: 'leaf' | 'chain';
  /** `no_crl_for_cert_ok`: a certificate whose issuer has no CRL passes. */
  missingOk: boolean;
}

/** How the side checks revocation; undefined when it does not (none, or no check line). */
export function revocationCheckOf(side: SideSettings): RevocationCheck | undefined {
  const words = side.setting('CARevocationCheck')?.line.item.args.map((word) => word.toLowerCase()) ?? [];
  const [mode, ...flags] = words;
  if (mode !== 'leaf' && mode !== 'chain') return undefined;
  return { mode, missingOk: flags.includes('no_crl_for_cert_ok') };
}

/** The CA certificates of the side's CA file whose CRL the check needs (see above); undefined when the file cannot be read. */
export function casNeedingCrl(side: SideSettings, check: RevocationCheck, certificates: CertificateReader): ParsedCertificate[] | undefined {
  const contents = contentsOf(certificates, side.setting('CACertificateFile')?.path);
  if (!contents) return undefined;
  const cas = contents.certificates.filter((certificate) => certificate.facts.isCa);
  if (check.mode === 'chain') return cas;
  return cas.filter((ca) => !cas.some((other) => other !== ca && !other.facts.selfSigned && isIssuedBy(other.x509, ca.x509)));
}

/** Whether `ca` is the issuer a CRL names. */
export function issuedCrl(ca: ParsedCertificate, issuerDer: string): boolean {
  return subjectDerOf(ca.x509) === issuerDer;
}
