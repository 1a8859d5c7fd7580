// cert/weak-key: a certificate the server sends has a key too small to be
// safe: RSA under 2048 bits, any DSA key, EC on a curve under 256 bits.
// Browsers refuse such certificates. OpenSSL 3 at security level 2 (Debian's
// default) refuses a small RSA key when mod_ssl loads it, and the start
// fails: "AH02562: Failed to configure certificate … (with chain)", "ee key
// too small" (verified on 2.4.71 with a 1024-bit key). With an EC key under
// 256 bits Apache starts, but no handshake succeeds: OpenSSL 3 clients (curl,
// openssl s_client) fail with a handshake failure alert (verified on 2.4.71
// with P-224). Both are errors; a DSA key is a warning. A self-signed root
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
  summary: 'A certificate the server sends has a weak key: RSA under 2048 bits (Apache on OpenSSL 3 does not start, AH02562) or EC under 256 bits (no handshake succeeds), both errors; DSA, a warning.',
  check({ scope, certificates, report }) {
    const once = reportOnce(report);
    for (const { line, path, certificate, chainFile } of certificatesOfLinesIn(scope, certificates)) {
      const { facts } = certificate;
      if (facts.selfSigned && (certificate.index > 0 || chainFile)) continue;
      const weakness = weaknessOf(facts.publicKey);
      if (!weakness) continue;
      once({
        range: wordRange(line, 0),
        // A small RSA key stops the start on Debian's OpenSSL, a small curve every handshake; DSA "only" makes clients refuse.
        ...(isSmallRsa(facts.publicKey) || isSmallCurve(facts.publicKey) ? { severity: 'error' as const } : {}),
        message:
          `${capitalized(nameOf(certificate, chainFile))} in ${path} has ${weakness}. Browsers refuse it` +
          (isSmallRsa(facts.publicKey)
            ? '; with OpenSSL 3 at security level 2 (the Debian and Ubuntu default) Apache does not even start: "AH02562: Failed to configure certificate … (with chain)", "key too small". '
            : isSmallCurve(facts.publicKey)
              ? ', and so do OpenSSL 3 clients such as curl: Apache starts, but no handshake succeeds (a handshake failure alert). '
              : '. ') +
          'Issue a new certificate with an RSA key of at least 2048 bits or an EC key on P-256 or larger.',
      });
    }
  },
};

function isSmallCurve(key: PublicKeyFacts): boolean {
  const bits = curveBits(key);
  return bits !== undefined && bits < 256;
}

function curveBits(key: PublicKeyFacts): number | undefined {
  if (key.type !== 'ec' || !key.curve) return undefined;
  return CURVE_BITS[key.curve] ?? Number(/(\d{3})/.exec(key.curve)?.[1] ?? 256);
}

function isSmallRsa(key: PublicKeyFacts): boolean {
  return (key.type === 'rsa' || key.type === 'rsa-pss') && key.bits !== undefined && key.bits < 2048;
}

function weaknessOf(key: PublicKeyFacts): string | undefined {
  if (isSmallRsa(key)) return `a ${key.bits}-bit RSA key (2048 is the least)`;
  if (key.type === 'dsa') return `a DSA key${key.bits ? ` (${key.bits} bits)` : ''}, which no current client accepts for TLS`;
  if (isSmallCurve(key)) return `an EC key on ${key.curve} (${curveBits(key)} bits; 256 is the least)`;
  return undefined;
}
