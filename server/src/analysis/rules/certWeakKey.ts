// cert/weak-key: a certificate the server sends has a key too small to be
// safe: RSA under 2048 bits, any DSA key, EC on a curve under 256 bits.
// Browsers refuse such certificates. OpenSSL 3 at security level 2 (Debian's
// default) refuses a small RSA key when mod_ssl loads it, and the start
// fails: "AH02562: Failed to configure certificate … (with chain)", "ee key
// too small" (verified on 2.4.71 with a 1024-bit key). A self-signed root
// sent along is not judged: clients use their own copy of it.
import { wordRange } from '../proxyHosts';
import type { PublicKeyFacts } from '../certs/describeCertificate';
import type { Rule } from '../types';
import { capitalized, certificatesOfLinesIn, nameOf, reportOnce } from '../serverCertificates';

/** Bits of security by named curve (OpenSSL's names). */
const CURVE_BITS: Record<string, number> = {
  prime192v1: 192,
  secp192r1: 192,
  secp224r1: 224,
  prime256v1: 256,
  secp256r1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
  brainpoolP256r1: 256,
  brainpoolP384r1: 384,
  brainpoolP512r1: 512,
};

export const certWeakKey: Rule = {
  id: 'cert/weak-key',
  severity: 'warning',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatefile',
  summary: 'A certificate the server sends has a weak key: RSA under 2048 bits (an error: Apache on OpenSSL 3 does not start, AH02562), DSA, or EC under 256 bits.',
  check({ scope, certificates, report }) {
    const once = reportOnce(report);
    for (const { line, path, certificate, chainFile } of certificatesOfLinesIn(scope, certificates)) {
      const { facts } = certificate;
      if (facts.selfSigned && (certificate.index > 0 || chainFile)) continue;
      const weakness = weaknessOf(facts.publicKey);
      if (!weakness) continue;
      once({
        range: wordRange(line, 0),
        // A small RSA key stops the start on Debian's OpenSSL; the others "only" make clients refuse.
        ...(isSmallRsa(facts.publicKey) ? { severity: 'error' as const } : {}),
        message:
          `${capitalized(nameOf(certificate, chainFile))} in ${path} has ${weakness}. Browsers refuse it` +
          (isSmallRsa(facts.publicKey) ? '; with OpenSSL 3 at security level 2 (the Debian and Ubuntu default) Apache does not even start: "AH02562: Failed to configure certificate … (with chain)", "key too small". ' : '. ') +
          'Issue a new certificate with an RSA key of at least 2048 bits or an EC key on P-256 or larger.',
      });
    }
  },
};

function isSmallRsa(key: PublicKeyFacts): boolean {
  return (key.type === 'rsa' || key.type === 'rsa-pss') && key.bits !== undefined && key.bits < 2048;
}

function weaknessOf(key: PublicKeyFacts): string | undefined {
  if (isSmallRsa(key)) return `a ${key.bits}-bit RSA key (2048 is the least)`;
  if (key.type === 'dsa') return `a DSA key${key.bits ? ` (${key.bits} bits)` : ''}, which no current client accepts for TLS`;
  if (key.type === 'ec' && key.curve) {
    const bits = CURVE_BITS[key.curve] ?? Number(/(\d{3})/.exec(key.curve)?.[1] ?? 256);
    if (bits < 256) return `an EC key on ${key.curve} (${bits} bits; 256 is the least)`;
  }
  return undefined;
}
