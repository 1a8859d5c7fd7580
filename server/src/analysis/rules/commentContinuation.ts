import { forEachNode } from '../../parser/walk';
import type { Rule } from '../types';

export const commentContinuation: Rule = {
  id: 'syntax/comment-continuation',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/configuring.html#syntax',
  summary: 'A comment ending in `\\` swallows the next line, which Apache then ignores.',
  check({ file, report }) {
    forEachNode(file, (node) => {
      if (node.kind !== 'comment' || node.continuedLines === 0) return;
      report({
        range: node.range,
        message:
          `This comment ends in a backslash, so Apache treats ${node.continuedLines === 1 ? 'the next line' : `the next ${node.continuedLines} lines`} ` +
          'as part of the comment and never applies it. Remove the trailing backslash if that line should take effect.',
      });
    });
  },
};
