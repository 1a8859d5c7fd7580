// The chain a client would be shown and could verify: from the leaf, each
// issuer looked up among the certificates the configuration provides (the
// rest of the certificate file, the chain file) and those the client is
// expected to trust (a CA file, the system bundle), each link checked with
// OpenSSL through Node (name match with checkIssued, signature with verify).
import type { X509Certificate } from 'node:crypto';
import type { CertificateFacts } from './describeCertificate';
import { isIssuedBy, isSignedBy, namesOf } from './certificateChecks';

export interface ChainCandidate {
  x509: X509Certificate;
  facts: CertificateFacts;
  /** Where it was found, for messages: "server.crt #2", "system bundle"… */
  source: string;
  /** A trust anchor (CA file, system bundle) rather than something the server sends. */
  anchor: boolean;
}

export interface ChainLink {
  certificate: ChainCandidate;
  /** Why this link does not hold (the issuer after it is absent or its signature fails), when it does not. */
  problem?: string;
}

export interface Chain {
  links: ChainLink[];
  /** Ends at a self-signed certificate or a trust anchor. */
  complete: boolean;
}

/** A parsed certificate as a candidate; its facts are worked out only if the chain comes to need them (a bundle holds ~150 CAs). */
export function candidateOf(certificate: { x509: X509Certificate; readonly facts: CertificateFacts }, source: string, anchor = false): ChainCandidate {
  return {
    x509: certificate.x509,
    get facts() {
      return certificate.facts;
    },
    source,
    anchor,
  };
}

/** At most this many links: a loop of cross-signed certificates must end. */
const MAX_DEPTH = 12;

export function buildChain(leaf: ChainCandidate, candidates: readonly ChainCandidate[]): Chain {
  const links: ChainLink[] = [];
  const used = new Set<X509Certificate>([leaf.x509]);
  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (current.facts.selfSigned) {
      links.push({ certificate: current });
      return { links, complete: true };
    }
    const issuer = namesOf(current.x509).issuer;
    const named = candidates.filter((c) => !used.has(c.x509) && namesOf(c.x509).subject === issuer);
    const found = named.find((c) => issuedBy(current, c) && signedBy(current, c));
    if (!found) {
      const problem = named.length > 0
        ? `its signature does not verify with the key of ${named[0].facts.subject} (${named[0].source})`
        : `its issuer (${current.facts.issuer}) is not among the certificates provided`;
      links.push({ certificate: current, problem });
      return { links, complete: current.anchor };
    }
    links.push({ certificate: current });
    if (current.anchor) return { links, complete: true };
    used.add(found.x509);
    current = found;
  }
  links.push({ certificate: current, problem: 'the chain is longer than 12 certificates' });
  return { links, complete: false };
}

/** Names and key identifiers agree (OpenSSL's X509_check_issued). */
export function issuedBy(subject: ChainCandidate, issuer: ChainCandidate): boolean {
  return isIssuedBy(subject.x509, issuer.x509);
}

export function signedBy(subject: ChainCandidate, issuer: ChainCandidate): boolean {
  return isSignedBy(subject.x509, issuer.x509);
}
