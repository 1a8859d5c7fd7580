// OpenSSL's checks between certificates and keys, each pair worked out once.
// A tree of 5000 virtual hosts sharing one certificate asks the same
// questions 5000 times per analysis, and again after every edit; the parsed
// certificates and keys are the reader's, kept per file version, so their
// answers can be kept with them.
import type { KeyObject, X509Certificate } from 'node:crypto';

const issued = new WeakMap<X509Certificate, WeakMap<X509Certificate, boolean>>();
const signed = new WeakMap<X509Certificate, WeakMap<X509Certificate, boolean>>();
const matched = new WeakMap<X509Certificate, WeakMap<KeyObject, boolean>>();

function remembered<K extends object>(table: WeakMap<X509Certificate, WeakMap<K, boolean>>, subject: X509Certificate, other: K, work: () => boolean): boolean {
  let answers = table.get(subject);
  if (!answers) {
    answers = new WeakMap();
    table.set(subject, answers);
  }
  let answer = answers.get(other);
  if (answer === undefined) {
    try {
      answer = work();
    } catch {
      answer = false;
    }
    answers.set(other, answer);
  }
  return answer;
}

/** Names and key identifiers agree (OpenSSL's X509_check_issued). */
export function isIssuedBy(subject: X509Certificate, issuer: X509Certificate): boolean {
  return remembered(issued, subject, issuer, () => subject.checkIssued(issuer));
}

/** The subject's signature verifies with the issuer's public key. */
export function isSignedBy(subject: X509Certificate, issuer: X509Certificate): boolean {
  return remembered(signed, subject, issuer, () => subject.verify(issuer.publicKey));
}

/** The private key belongs to the certificate (OpenSSL's X509_check_private_key). */
export function keyMatches(certificate: X509Certificate, key: KeyObject): boolean {
  return remembered(matched, certificate, key, () => certificate.checkPrivateKey(key));
}

const names = new WeakMap<X509Certificate, { subject: string; issuer: string }>();

/** Subject and issuer as OpenSSL prints them; Node builds a new string at each access, so they are kept. */
export function namesOf(certificate: X509Certificate): { subject: string; issuer: string } {
  let known = names.get(certificate);
  if (!known) {
    known = { subject: certificate.subject, issuer: certificate.issuer };
    names.set(certificate, known);
  }
  return known;
}
