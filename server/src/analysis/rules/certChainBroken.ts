// cert/chain-broken: a client builds the chain from what the server sends
// (the rest of SSLCertificateFile, then SSLCertificateChainFile) and what it
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
import { certificateOfKey, contentsOf, onPath, pairKey, servedPairs } from '../serverCertificates';


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

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  const anchors = systemAnchors(certificates);
  // Hosts that send the same files get the same verdicts: by the certificate file's certificates, then the chain file's.
  const verdicts = new Map<readonly ParsedCertificate[], Map<readonly ParsedCertificate[] | undefined, Verdict[]>>();
  for (const served of servedPairs(model, certificates)) {
    const key = pairKey(served, certificates);
    const keyIndex = key && certificateOfKey(served, key.key);
    if (typeof keyIndex === 'number' && keyIndex > 0) continue;
    const chainSetting = served.host.setting('sslcertificatechainfile');
    const chain = chainSetting?.path !== undefined ? contentsOf(certificates, chainSetting.path)?.certificates : undefined;
    let byChain = verdicts.get(served.certificates);
    if (!byChain) verdicts.set(served.certificates, (byChain = new Map()));
    let found = byChain.get(chain);
    if (!found) {
      const sent = served.certificates.map((certificate) => sentOf(certificate, served.certificatePath, false));
      if (chainSetting?.path !== undefined) for (const certificate of chain ?? []) sent.push(sentOf(certificate, chainSetting.path, true));
      found = [...missingIssuer(sent, anchors), ...wrongOrder(sent), ...rootsSent(sent)];
      byChain.set(chain, found);
    }
    for (const { fromChain, finding } of found) yield onPath(fromChain && chainSetting ? chainSetting.line : served.pair.certificate, finding);
  }
}

function sentOf(certificate: ParsedCertificate, file: string, fromChain: boolean): Sent {
  return { certificate, candidate: candidateOf(certificate, `${file} #${certificate.index + 1}`), file, fromChain };
}

function* missingIssuer(sent: Sent[], anchors: readonly ChainCandidate[]): Iterable<Verdict> {
  const [leaf] = sent;
  const candidates = [...sent.slice(1).map((s) => s.candidate), ...anchors];
  const [first] = buildChain(leaf.candidate, candidates).links;
  if (!first?.problem) return;
  const named = candidates.some((c) => namesOf(c.x509).subject === namesOf(leaf.candidate.x509).issuer);
  yield verdict(leaf, {
    message: named
      ? `The server certificate (${leaf.certificate.facts.subject}) does not verify: ${first.problem}. Clients reject the connection. Replace the intermediate with the one that issued this certificate.`
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
