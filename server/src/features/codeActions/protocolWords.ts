// SSLProtocol words: remove one Apache refuses or ignores (`+SSLv2`, `SSLv3`,
// `-SSLv2`), or give a word the `+` it lacks so it adds instead of starting over.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { directiveOfFinding } from './lineEdits';
import type { QuickFixContext } from './types';

const PROTOCOL_LINES = ['sslprotocol', 'sslproxyprotocol'];

function wordOf(diagnostic: Diagnostic, context: QuickFixContext) {
  const node = directiveOfFinding(context.file, diagnostic.range, PROTOCOL_LINES);
  const index = (diagnostic.data as { argument?: number } | undefined)?.argument;
  return node && typeof index === 'number' && node.args[index] ? { node, index, arg: node.args[index] } : undefined;
}

/** Removes the word and the blanks before it; not offered for a line's only word. */
export function removeProtocolWordAction(diagnostic: Diagnostic, context: QuickFixContext): CodeAction | undefined {
  const word = wordOf(diagnostic, context);
  if (!word || word.node.args.length < 2) return undefined;
  const { node, index, arg } = word;
  const start = index === 0 ? node.nameRange.end : node.args[index - 1].range.end;
  // The first word goes with the blanks after it, so the next word keeps its place after the name.
  const range = index === 0 ? { start, end: node.args[1].range.start } : { start, end: arg.range.end };
  return {
    title: `Remove '${arg.raw}'`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { changes: { [context.uri]: [{ range, newText: index === 0 ? ' ' : '' }] } },
  };
}

export function addProtocolSignAction(diagnostic: Diagnostic, context: QuickFixContext): CodeAction | undefined {
  const word = wordOf(diagnostic, context);
  if (!word || word.arg.quote !== '') return undefined;
  return {
    title: `Change to '+${word.arg.raw}'`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { changes: { [context.uri]: [{ range: { start: word.arg.range.start, end: word.arg.range.start }, newText: '+' }] } },
  };
}
