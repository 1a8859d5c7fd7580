// Folding for sections (the closing tag stays visible) and runs of comment lines.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { ConfigFile } from '../parser/ast';
import { forEachNode } from '../parser/walk';

export function foldingRanges(file: ConfigFile): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  let commentRun: { start: number; end: number } | undefined;
  const flushComments = () => {
    if (commentRun && commentRun.end > commentRun.start) {
      ranges.push({ startLine: commentRun.start, endLine: commentRun.end, kind: FoldingRangeKind.Comment });
    }
    commentRun = undefined;
  };
  forEachNode(file, (node) => {
    if (node.kind === 'comment') {
      if (commentRun && node.range.start.line === commentRun.end + 1) commentRun.end = node.range.end.line;
      else {
        flushComments();
        commentRun = { start: node.range.start.line, end: node.range.end.line };
      }
      return;
    }
    flushComments();
    if (node.kind !== 'section') return;
    const startLine = node.open.range.start.line;
    const endLine = node.close ? node.close.range.start.line - 1 : node.range.end.line;
    if (endLine > startLine) ranges.push({ startLine, endLine, kind: FoldingRangeKind.Region });
  });
  flushComments();
  return ranges;
}
