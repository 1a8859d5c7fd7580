// For any finding: `# apache-ssl-disable-next-line <rule-id>` above the
// directive it is on (above the first physical line of a continued one), with
// that line's indentation; or the rule id added to such a comment already
// there. Offered only where suppressions.ts will honour the comment: a
// comment silences the next directive, section opening or stray close tag, so
// a finding on a close tag or in a comment gets no action.
import { CodeActionKind } from 'vscode-languageserver-types';
import type { ConfigFile, Node } from '../../parser/ast';
import { nodeAt } from '../../parser/nodeAt';
import { MARKER } from '../../analysis/suppressions';
import { notText } from '../../analysis/rules/notText';
import type { QuickFix } from './types';

export const MARKER_PREFIX = '# apache-ssl-disable-next-line';

export const disableNextLineFix: QuickFix = {
  code: '*',
  fix(diagnostic, context) {
    const rule = diagnostic.code === undefined ? '' : String(diagnostic.code);
    // A binary file gets no comment written into it.
    if (rule === '' || rule === notText.id) return [];
    const { file } = context;
    const target = suppressibleNodeOn(file, diagnostic.range.start.line);
    if (!target) return [];
    const firstLine = target.range.start.line;
    const existing = markerAbove(target, firstLine);
    const lineStart = file.lineStarts[firstLine];
    const indent = matchAt(/[ \t]*/y, file.text, lineStart) ?? '';
    const edit = existing
      ? { range: { start: existing.range.end, end: existing.range.end }, newText: ` ${rule}` }
      : {
          range: { start: { line: firstLine, character: 0 }, end: { line: firstLine, character: 0 } },
          // The break that ends this line, else the file's first one (the line may be the last).
          newText: `${indent}${MARKER_PREFIX} ${rule}${matchAt(/\r\n|\r|\n/g, file.text, lineStart) ?? matchAt(/\r\n|\r|\n/g, file.text, 0) ?? '\n'}`,
        };
    return [
      {
        title: `Disable ${rule} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [context.uri]: [edit] } },
      },
    ];
  },
};

/** The directive, section opening or stray close tag on `line`, which a comment above it can silence. */
function suppressibleNodeOn(file: ConfigFile, line: number): Node | undefined {
  const node = nodeAt(file, { line, character: 0 });
  if (!node) return undefined;
  if (node.kind === 'directive' || node.kind === 'strayClose') return node;
  if (node.kind === 'section' && line >= node.open.range.start.line && line <= node.open.range.end.line) return node;
  return undefined;
}

/** A disable comment with rule ids on the line right above `firstLine`. */
function markerAbove(target: Node, firstLine: number): Node | undefined {
  const siblings = target.parent.children;
  const previous = siblings[siblings.indexOf(target) - 1];
  if (previous?.kind !== 'comment' || previous.range.end.line !== firstLine - 1) return undefined;
  return MARKER.exec(previous.text)?.[1] ? previous : undefined;
}

/** The first match of a sticky (y) or global (g) pattern from `offset` on. */
function matchAt(pattern: RegExp, text: string, offset: number): string | undefined {
  pattern.lastIndex = offset;
  return pattern.exec(text)?.[0];
}
