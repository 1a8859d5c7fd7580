// Rules whose findings depend on the whole configuration (another file's
// virtual host, the modules the tree loads) work them out once per model and
// hand each file the findings written in it (modelRule builds such a rule).
// A file read twice (included from two places) gets each finding once.
import type { ConfigModel } from '../config/buildConfigModel';
import type { FileScope } from './fileScope';
import type { Finding, Rule } from './types';
import { defaultCertificateReader, type CertificateReader } from './certs/certificateReader';
import { writtenForThisMachine } from './judgedPath';

export interface LocatedFinding {
  path: string;
  finding: Finding;
}

/**
 * `compute` may take the certificate reader: findings that look inside
 * certificate files are then kept per model and reader, and worked out again
 * when a file they read has changed.
 */
function findingsPerModel(
  compute: (model: ConfigModel, certificates: CertificateReader) => Iterable<LocatedFinding>,
): (scope: FileScope, certificates?: CertificateReader) => readonly Finding[] {
  const cache = new WeakMap<ConfigModel, { certificates: CertificateReader; generation: number; byPath: Map<string, Finding[]> }>();
  return (scope, certificates = defaultCertificateReader) => {
    const known = cache.get(scope.model);
    let byPath = known && known.certificates === certificates && known.generation === certificates.generation ? known.byPath : undefined;
    if (!byPath) {
      byPath = new Map();
      const lineIndexes = new Map<Finding[], Map<number, Finding[]>>();
      for (const { path, finding } of compute(scope.model, certificates)) {
        let findings = byPath.get(path);
        if (!findings) byPath.set(path, (findings = []));
        if (isRepeat(findings, lineIndexes, finding)) continue;
        findings.push(finding);
      }
      // Most files have a finding or two: their lists are kept at their size, not with the room push leaves.
      for (const [path, findings] of byPath) byPath.set(path, findings.slice());
      cache.set(scope.model, { certificates, generation: certificates.generation, byPath });
    }
    return byPath.get(scope.path) ?? NO_FINDINGS;
  };
}

const NO_FINDINGS: readonly Finding[] = [];

/** A file with more findings than this gets an index by start line to look for repeats in; fewer are scanned. */
const SCANNED = 16;

/**
 * Whether a file's findings have one with the same range and message. No key
 * string per finding, and no index for the many files with a few findings.
 * A finding that is new is added to the file's index, if it has one: the
 * caller adds it to the list.
 */
function isRepeat(findings: Finding[], lineIndexes: Map<Finding[], Map<number, Finding[]>>, finding: Finding): boolean {
  let index = lineIndexes.get(findings);
  if (!index) {
    if (findings.length < SCANNED) {
      for (const other of findings) if (sameFinding(other, finding)) return true;
      return false;
    }
    index = new Map();
    for (const other of findings) addToIndex(index, other);
    lineIndexes.set(findings, index);
  }
  if (index.get(finding.range.start.line)?.some((other) => sameFinding(other, finding))) return true;
  addToIndex(index, finding);
  return false;
}

function addToIndex(index: Map<number, Finding[]>, finding: Finding): void {
  const line = index.get(finding.range.start.line);
  if (line) line.push(finding);
  else index.set(finding.range.start.line, [finding]);
}

function sameFinding(a: Finding, b: Finding): boolean {
  const x = a.range;
  const y = b.range;
  return (
    x.start.line === y.start.line &&
    x.start.character === y.start.character &&
    x.end.line === y.end.line &&
    x.end.character === y.end.character &&
    a.message === b.message
  );
}

/**
 * A rule whose findings come from the whole model: `compute` runs once per
 * model (see findingsPerModel) and each file gets the findings written in it.
 * A rule that reads certificate files is worked out again when one changes.
 */
export function modelRule(
  compute: (model: ConfigModel, certificates: CertificateReader) => Iterable<LocatedFinding>,
  rule: Omit<Rule, 'check'>,
): Rule {
  // Once per model, not per file: a configuration written for another machine has nothing to judge here.
  const findings = findingsPerModel(rule.judgesThisMachine ? (model, disk) => (writtenForThisMachine(model, disk) ? compute(model, disk) : []) : compute);
  return {
    ...rule,
    check({ scope, certificates, report }) {
      for (const finding of findings(scope, rule.readsCertificates ? certificates : undefined)) report(finding);
    },
  };
}
