// `# apache-ssl-disable-next-line [rule-id …]` silences findings on the next
// directive or section opening line (all rules when no id is given).
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ConfigFile, Node } from '../parser/ast';
import { forEachNode } from '../parser/walk';

export const MARKER = /^\s*apache-ssl-disable-next-line(?:\s+(.*?))?\s*$/;

interface Suppression {
  firstLine: number;
  lastLine: number;
  /** Undefined: every rule. */
  rules?: Set<string>;
}

export function findSuppressions(file: ConfigFile): Suppression[] {
  const suppressions: Suppression[] = [];
  // Most files have none: one search of the text spares walking every node.
  if (!file.text.includes('apache-ssl-disable-next-line')) return suppressions;
  forEachNode(file, (node) => {
    if (node.kind !== 'comment') return;
    const marker = MARKER.exec(node.text);
    if (!marker) return;
    const target = nextMeaningfulSibling(node);
    if (!target) return;
    const lastLine = target.kind === 'section' ? target.open.range.end.line : target.range.end.line;
    suppressions.push({
      firstLine: target.range.start.line,
      lastLine,
      rules: marker[1] ? new Set(marker[1].split(/[\s,]+/).filter(Boolean)) : undefined,
    });
  });
  return suppressions;
}

export function isSuppressed(diagnostic: Diagnostic, suppressions: Suppression[]): boolean {
  const line = diagnostic.range.start.line;
  return suppressions.some(
    (s) => line >= s.firstLine && line <= s.lastLine && (!s.rules || s.rules.has(String(diagnostic.code))),
  );
}

function nextMeaningfulSibling(node: Node): Node | undefined {
  const siblings = node.parent.children;
  for (let i = siblings.indexOf(node) + 1; i < siblings.length; i++) {
    const sibling = siblings[i];
    if (sibling.kind !== 'blank' && sibling.kind !== 'comment') return sibling;
  }
  return undefined;
}
