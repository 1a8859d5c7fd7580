import { forEachLiveNode } from '../liveNodes';
import type { Rule } from '../types';

export const commentContinuation: Rule = {
  id: 'syntax/comment-continuation',
  citesLines: true,
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/configuring.html#syntax',
  summary: 'A comment ending in `\\` swallows the next line, which Apache then ignores.',
  check({ file, scope, report }) {
    forEachLiveNode(file, scope, (node) => {
      if (node.kind !== 'comment' || node.continuedLines === 0) return;
      // Swallowing lines that are comments anyway (a commented-out continued directive) changes nothing.
      const swallowed = file.text.slice(node.start, node.end).split('\n').slice(1, node.continuedLines + 1);
      const live = swallowed.findIndex((line) => line.trim() !== '' && !line.trim().startsWith('#'));
      if (live < 0) return;
      const lineNumber = node.range.start.line + 1 + live;
      report({
        range: node.range,
        message:
          `This comment ends in a backslash, so Apache treats line ${lineNumber + 1} ("${swallowed[live].trim()}") as part of the ` +
          'comment and never applies it. Remove the trailing backslash if that line should take effect.',
        data: { swallowedLine: lineNumber },
      });
    });
  },
};
