import { forEachLiveNode } from '../liveNodes';
import type { Rule } from '../types';

export const trailingComment: Rule = {
  id: 'syntax/trailing-comment',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/configuring.html#syntax',
  summary: 'A `#` after a directive is not a comment: Apache passes it and what follows as arguments.',
  check({ file, scope, report }) {
    forEachLiveNode(file, scope, (node) => {
      if (node.kind !== 'directive' && node.kind !== 'section') return;
      const args = node.args;
      const index = args.findIndex((arg) => arg.quote === '' && arg.raw.startsWith('#'));
      if (index < 0) return;
      const first = args[index];
      const last = args[args.length - 1];
      report({
        range: { start: first.range.start, end: last.range.end },
        message:
          `Apache has no end-of-line comments: "${args.slice(index).map((a) => a.raw).join(' ')}" is passed to ` +
          `${node.kind === 'section' ? `<${node.name}>` : node.name} as ${args.length - index === 1 ? 'an argument' : 'arguments'}. ` +
          'Move the comment to its own line.',
        data: { firstArgument: index },
      });
    });
  },
};
