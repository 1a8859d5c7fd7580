// Rules whose findings depend on the whole configuration (another file's
// virtual host, the modules the tree loads) work them out once per model and
// hand each file the findings written in it. A file read twice (included
// from two places) gets each finding once.
import type { ConfigModel } from '../config/buildConfigModel';
import type { FileScope } from './fileScope';
import type { Finding } from './types';
import { defaultCertificateReader, type CertificateReader } from './certs/certificateReader';

export interface LocatedFinding {
  path: string;
  finding: Finding;
}

/**
 * `compute` may take the certificate reader: findings that look inside
 * certificate files are then kept per model and reader, and worked out again
 * when a file they read has changed.
 */
export function findingsPerModel(
  compute: (model: ConfigModel, certificates: CertificateReader) => Iterable<LocatedFinding>,
): (scope: FileScope, certificates?: CertificateReader) => readonly Finding[] {
  const cache = new WeakMap<ConfigModel, { certificates: CertificateReader; generation: number; byPath: Map<string, Finding[]> }>();
  return (scope, certificates = defaultCertificateReader) => {
    const known = cache.get(scope.model);
    let byPath = known && known.certificates === certificates && known.generation === certificates.generation ? known.byPath : undefined;
    if (!byPath) {
      byPath = new Map();
      // Findings by file and start position, to drop repeats (same place, same message) cheaply.
      const seen = new Map<string, Finding[]>();
      for (const { path, finding } of compute(scope.model, certificates)) {
        const { start, end } = finding.range;
        const key = `${path}\0${start.line}:${start.character}-${end.line}:${end.character}`;
        const here = seen.get(key);
        if (here?.some((other) => other.message === finding.message)) continue;
        if (here) here.push(finding);
        else seen.set(key, [finding]);
        const list = byPath.get(path);
        if (list) list.push(finding);
        else byPath.set(path, [finding]);
      }
      cache.set(scope.model, { certificates, generation: certificates.generation, byPath });
    }
    return byPath.get(scope.path) ?? [];
  };
}
