// A code lens above each SSLCertificateFile and SSLProxyMachineCertificateFile
// line: when the certificate expires, or what is wrong with the file, so an
// expiry is seen without hovering. Read through the same CertificateReader as
// the hover and the rules.
import type { CodeLens } from 'vscode-languageserver-types';
import type { CertificateReader } from '../analysis/certs/certificateReader';
import type { ParsedCertificate } from '../analysis/certs/readCertificateFile';
import { forEachLiveNode } from '../analysis/liveNodes';
import type { ConfigModel } from '../config/buildConfigModel';
import type { DirectiveIndex } from '../knowledge/directiveIndex';
import type { DirectiveNode } from '../parser/ast';
import { certificateTarget, expiryWords } from './hoverCertificate';

export interface CertificateLensOptions {
  certificates: CertificateReader;
  directives: DirectiveIndex;
}

const LENSED = new Set(['sslcertificatefile', 'sslproxymachinecertificatefile']);

export function certificateLenses(model: ConfigModel, path: string, options: CertificateLensOptions): CodeLens[] {
  const inTree = model.files.get(path);
  if (!inTree) return [];
  const lenses: CodeLens[] = [];
  forEachLiveNode(inTree.file, { isDead: (section) => inTree.deadSections.has(section) }, (node) => {
    if (node.kind !== 'directive' || !LENSED.has(node.name.toLowerCase())) return;
    const title = lensTitle(model, path, node, options);
    // No command to run: the lens is a label (an empty command id is how clients show one).
    if (title) lenses.push({ range: node.range, command: { title, command: '' } });
  });
  return lenses;
}

function lensTitle(model: ConfigModel, path: string, node: DirectiveNode, options: CertificateLensOptions): string | undefined {
  const target = certificateTarget(model, path, node, options.directives);
  if (!target || 'notAFile' in target) return undefined;
  const read = options.certificates.read(target.path);
  if (!('contents' in read)) return `certificate file ${read.message}`;
  const { certificates } = read.contents;
  if (certificates.length === 0) return 'no certificate in this file';
  const now = options.certificates.now();
  if (node.name.toLowerCase() === 'sslcertificatefile') return expiryWords(certificates[0].facts, now);
  // A proxy's file may hold several client certificates: the first to expire is the one to watch.
  const soonest = certificates.reduce((a: ParsedCertificate, b) => (b.facts.notAfter < a.facts.notAfter ? b : a));
  const of = certificates.length > 1 ? `, the soonest of ${certificates.length}: ${soonest.facts.commonName ?? soonest.facts.subject}` : '';
  return `${expiryWords(soonest.facts, now)}${of}`;
}
