// cert/verify-depth-short: mod_ssl refuses a peer certificate whose chain
// reaches deeper than SSLVerifyDepth (SSLProxyVerifyDepth for backends;
// default 1): its verify callback compares each certificate's depth, the
// trust anchor's too, with the limit ("AH02040: Certificate Verification:
// Certificate Chain too long", ssl_engine_kernel.c). A client certificate
// issued by an intermediate CA of the CA file, which chains to a root in the
// same file, sits on a chain of (intermediate's chain + 1) certificates and
// needs a depth of that many minus one. A backend verified against the
// system's public CAs (SSLProxyCACertificateFile or …Path the system bundle
// or folder) has a certificate issued by an intermediate, as public CAs issue
// no server certificate from a root: it needs SSLProxyVerifyDepth 2 at least,
// and the default 1 refuses every such backend (a 500 for each request).
// Tool-originated.
import type { ConfigModel } from '../../config/buildConfigModel';
import { buildChain, candidateOf, type ChainCandidate } from '../certs/buildChain';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { wordRange } from '../proxyHosts';
import type { Rule } from '../types';
import { perContents } from '../serverCertificates';
import { caFilesOf, trustSides, verifiesPeers, type SideSettings } from '../trustSides';
import { isSystemBundle, isSystemCertificateFolder } from '../certs/systemTrustStores';
import type { Placed } from '../proxyHosts';

export const certVerifyDepthShort: Rule = modelRule(compute, {
  id: 'cert/verify-depth-short',
  severity: 'warning',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslverifydepth',
  summary: '`SSLVerifyDepth` (or `SSLProxyVerifyDepth`) is lower than the chains need, those of the CA file\'s intermediate CAs or of backends verified against the system\'s public CAs: their certificates are refused.',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  const verifying = trustSides(model).filter((side) => verifiesPeers(side));
  yield* publicBackends(verifying);
  for (const { side, ca, contents } of caFilesOf(verifying, certificates)) {
    const deepest = deepestChain(contents);
    if (!deepest || deepest.needed <= side.depth) continue;
    const depthName = side.directive('VerifyDepth');
    const depthLine = side.setting('VerifyDepth');
    const where = depthLine ?? ca;
    const peer = side.side === 'client' ? 'client' : 'backend';
    yield {
      path: where.line.item.path,
      finding: {
        range: wordRange(where.line, 0),
        message:
          `${ca.path} holds the intermediate CA "${deepest.subject}", which chains to a root in the same file: a ${peer} certificate it issues sits on a chain that needs ${depthName} ${deepest.needed}, ` +
          `but ${depthName} is ${side.depth}${depthLine ? '' : ' (the default)'}. mod_ssl refuses such certificates ("AH02040: Certificate Verification: Certificate Chain too long"). ` +
          `Set ${depthName} ${deepest.needed}.`,
      },
    };
  }
}

/** Proxy sides that trust the system's public CAs with a depth under 2, once per line that sets the store. */
function* publicBackends(sides: readonly SideSettings[]): Iterable<LocatedFinding> {
  const seen = new Set<Placed>();
  for (const side of sides) {
    if (side.side !== 'proxy' || side.depth >= 2) continue;
    const file = side.setting('CACertificateFile');
    const folder = side.setting('CACertificatePath');
    const store = file?.path && isSystemBundle(file.path) ? file : folder?.path && isSystemCertificateFolder(folder.path) ? folder : undefined;
    if (!store) continue;
    const depthLine = side.setting('VerifyDepth');
    const where = depthLine ?? store;
    if (seen.has(where.line)) continue;
    seen.add(where.line);
    yield {
      path: where.line.item.path,
      finding: {
        range: wordRange(where.line, 0),
        message:
          `Backends are verified against the system's public CAs (${store.path}), which issue server certificates from intermediate CAs: such a chain needs SSLProxyVerifyDepth 2, ` +
          `but it is ${side.depth}${depthLine ? '' : ' (the default)'}. mod_ssl refuses every such backend ("AH02040: Certificate Verification: Certificate Chain too long") and each request gets 500. ` +
          'Set SSLProxyVerifyDepth 2 (3 for a CA with two levels of intermediates).',
      },
    };
  }
}

/** The depth the longest chain from an intermediate CA of the file to a root in the file needs, and that CA. */
interface Deepest {
  needed: number;
  subject: string;
}

const deepestChain = perContents((contents): Deepest | undefined => {
  const candidates: ChainCandidate[] = contents.certificates.map((certificate) => candidateOf(certificate, `certificate ${certificate.index + 1}`));
  let deepest: Deepest | undefined;
  for (const candidate of candidates) {
    if (!candidate.facts.isCa || candidate.facts.selfSigned) continue;
    const chain = buildChain(candidate, candidates);
    if (!chain.complete || !chain.links.at(-1)?.certificate.facts.selfSigned) continue;
    // The peer's certificate is at depth 0, this CA at 1, its root at links.length.
    const needed = chain.links.length;
    if (!deepest || needed > deepest.needed) deepest = { needed, subject: candidate.facts.subject };
  }
  return deepest;
});
