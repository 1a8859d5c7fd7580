// cert/chain-broken: a client builds the chain from what the server sends
// (the rest of SSLCertificateFile, or with SSLCertificateChainFile in force
// that file in its place: mod_ssl then loads the first certificate alone) and what it
// already trusts. Three faults, none of which stops Apache: the leaf's issuer
// is sent nowhere and is not a CA the system trusts (browsers may fetch it,
// curl and most libraries fail "unable to get local issuer certificate", and
// OCSP stapling needs it: AH02217); a certificate is followed by one that did
// not issue it; a self-signed root is sent (information only: clients must
// already have it for it to count). A leaf that is not first is
// cert/chain-order's; the rest of the chain is judged once that is fixed.
import type { ConfigModel } from '../../config/buildConfigModel';
import { buildChain, candidateOf, issuedBy, signedBy, type ChainCandidate } from '../certs/buildChain';
import type { CertificateReader } from '../certs/certificateReader';
import type { ParsedCertificate } from '../certs/readCertificateFile';
import { modelRule, type LocatedFinding } from '../modelFindings';
import type { Rule } from '../types';
import { systemAnchors } from '../certs/systemTrustStores';
import { namesOf } from '../certs/certificateChecks';
import { chainFileOf } from '../certs/hostCertificates';
import { certificateOfKey, contentsOf, onPath, pairKey, sentCertificates, servedPairs } from '../serverCertificates';


export const certChainBroken: Rule = modelRule(compute, {
  id: 'cert/chain-broken',
  severity: 'warning',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatefile',
  summary: 'The chain the server sends is incomplete (the intermediate is missing) or out of order; information when it includes the self-signed root.',
});

/** One sent certificate and the file it comes from. */
interface Sent {
  certificate: ParsedCertificate;
  candidate: ChainCandidate;
  file: string;
  /** From SSLCertificateChainFile rather than SSLCertificateFile: the finding goes on that line. */
  fromChain: boolean;
}

/** A finding about a chain, before it is placed on a host's line. */
interface Verdict {
  fromChain: boolean;
  finding: { message: string; severity?: 'information' };
}

const NO_CERTIFICATES: readonly ParsedCertificate[] = [];

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  const anchors = systemAnchors(certificates);
  // Hosts that send the same files get the same verdicts: by the certificate file's certificates, then the chain file's.
  const verdicts = new Map<readonly ParsedCertificate[], Map<readonly ParsedCertificate[] | undefined, Verdict[]>>();
  for (const served of servedPairs(model, certificates)) {
    const key = pairKey(served, certificates);
    const keyIndex = key && certificateOfKey(served, key.key);
    if (typeof keyIndex === 'number' && keyIndex > 0) continue;
    const chain = chainFileOf(served.host);
    const chainCertificates = chain && (contentsOf(certificates, chain.path)?.certificates ?? NO_CERTIFICATES);
    let byChain = verdicts.get(served.certificates);
    if (!byChain) verdicts.set(served.certificates, (byChain = new Map()));
    // A chain file that is also a certificate file loses its first certificate: rare enough not to share.
    let found = chain?.skipsFirst ? undefined : byChain.get(chainCertificates);
    if (!found) {
      const sent = sentCertificates(served, certificates).map(({ certificate, path, fromChain }) => sentOf(certificate, path, fromChain));
      const dropped = chain ? served.certificates.slice(1).map((certificate) => sentOf(certificate, served.certificatePath, false)) : [];
      const candidates = [...sent.slice(1).map((s) => s.candidate), ...anchors];
      // Why the server certificate does not verify, if it does not.
      const problem = buildChain(sent[0].candidate, candidates).links[0]?.problem;
      const lost = problem ? lostIntermediate(sent, dropped) : undefined;
      // The chain file's certificates then follow the server certificate they did not issue: one finding says both.
      found = lost ? [lost, ...rootsSent(sent)] : [...missingIssuer(sent, candidates, problem), ...wrongOrder(sent), ...rootsSent(sent)];
      if (!chain?.skipsFirst) byChain.set(chainCertificates, found);
    }
    for (const { fromChain, finding } of found) yield onPath(fromChain && chain ? chain.line : served.pair.certificate, finding);
  }
}

function sentOf(certificate: ParsedCertificate, file: string, fromChain: boolean): Sent {
  return { certificate, candidate: candidateOf(certificate, `${file} #${certificate.index + 1}`), file, fromChain };
}

/**
 * For a server certificate that does not verify: its issuer among `dropped`
 * (the certificate file's certificates after the first, which a chain file in
 * force keeps from being sent).
 */
function lostIntermediate(sent: Sent[], dropped: Sent[]): Verdict | undefined {
  const [leaf] = sent;
  const issuer = dropped.find((d) => issuedBy(leaf.candidate, d.candidate) && signedBy(leaf.candidate, d.candidate));
  if (!issuer) return undefined;
  const chainFile = sent.find((s) => s.fromChain)?.file ?? 'the chain file';
  return {
    fromChain: true,
    finding: {
      message:
        `Clients never receive the intermediate that issued the server certificate (${issuer.candidate.source}, ${issuer.certificate.facts.subject}). ` +
        `With SSLCertificateChainFile in force, mod_ssl loads only the first certificate of ${leaf.file} and sends ${chainFile}'s certificates in place of the rest. ` +
        'curl, most libraries and OCSP stapling fail with "unable to get local issuer certificate". ' +
        'Remove the SSLCertificateChainFile line (it is deprecated, and the certificate file already holds the chain), or put the intermediate in the chain file.',
    },
  };
}

function* missingIssuer(sent: Sent[], candidates: readonly ChainCandidate[], problem: string | undefined): Iterable<Verdict> {
  if (!problem) return;
  const [leaf] = sent;
  const named = candidates.some((c) => namesOf(c.x509).subject === namesOf(leaf.candidate.x509).issuer);
  yield verdict(leaf, {
    message: named
      ? `The server certificate (${leaf.certificate.facts.subject}) does not verify: ${problem}. Clients reject the connection. Replace the intermediate with the one that issued this certificate.`
      : `The intermediate CA that issued the server certificate (issuer ${leaf.certificate.facts.issuer}) is neither in ${leaf.file}${sent.some((s) => s.file !== leaf.file) ? ' nor in the chain file' : ''} nor among the CAs this system trusts. ` +
        'Browsers may fetch it, but curl, most libraries and OCSP stapling (AH02217) fail with "unable to get local issuer certificate". ' +
        'Append the intermediate certificate after the server certificate (your CA\'s "fullchain" file has both). If that issuer is a private root CA your clients trust directly, nothing is missing.',
  });
}

function* wrongOrder(sent: Sent[]): Iterable<Verdict> {
  for (let i = 0; i + 1 < sent.length; i++) {
    const subject = sent[i];
    const next = sent[i + 1];
    if (subject.certificate.facts.selfSigned) continue;
    if (issuedBy(subject.candidate, next.candidate) && signedBy(subject.candidate, next.candidate)) continue;
    yield verdict(next, {
      message:
        `${next.candidate.source} (${next.certificate.facts.subject}) follows ${subject.candidate.source} (${subject.certificate.facts.subject}) but did not issue it (that was ${subject.certificate.facts.issuer}). ` +
        'Clients that take the chain in the order sent can fail to verify it. Order the file from the server certificate up: each certificate followed by the one that issued it.',
    });
    return;
  }
}

function* rootsSent(sent: Sent[]): Iterable<Verdict> {
  for (const root of sent.slice(1)) {
    if (!root.certificate.facts.selfSigned) continue;
    yield verdict(root, {
      severity: 'information',
      message:
        `${root.candidate.source} is the self-signed root CA ${root.certificate.facts.subject}. Sending it does no harm, but it is wasted bytes in every handshake: ` +
        'clients trust a root only if they already have it. You may drop it from the file.',
    });
  }
}

function verdict(sent: Sent, finding: Verdict['finding']): Verdict {
  return { fromChain: sent.fromChain, finding };
}
