// syntax/trailing-comment: the `#…` words after a directive become a comment
// line of their own above it, indented like it; the directive keeps its other
// words. Offered for a directive on one physical line with at least one word
// before the `#`.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { nodeAt } from '../../parser/nodeAt';
import { insertBefore } from './lineEdits';
import type { QuickFixContext } from './types';

export function trailingCommentAction(diagnostic: Diagnostic, context: QuickFixContext): CodeAction | undefined {
  const node = nodeAt(context.file, diagnostic.range.start);
  const first = (diagnostic.data as { firstArgument?: number } | undefined)?.firstArgument;
  if (node?.kind !== 'directive' || typeof first !== 'number' || first < 1 || node.continuedLines > 0) return undefined;
  const comment = node.args[first];
  const last = node.args[node.args.length - 1];
  if (!comment?.raw.startsWith('#')) return undefined;
  const line = node.range.start.line;
  const text = context.file.text.slice(context.file.lineStarts[line] + comment.range.start.character, context.file.lineStarts[line] + last.range.end.character);
  return {
    title: 'Move the comment to its own line above',
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: {
      changes: {
        [context.uri]: [
          insertBefore(context.file, node, [text]),
          { range: { start: node.args[first - 1].range.end, end: last.range.end }, newText: '' },
        ],
      },
    },
  };
}
