// proxy/missing-proxypassreverse: the matching ProxyPassReverse on the line
// after the ProxyPass, with its path and URL as written (inside <Location>,
// the URL alone) and its indentation.
import { insertionIn, insertLine } from './insertLine';
import { editAction } from './editAction';
import type { QuickFix } from './types';

export const addProxyPassReverseFix: QuickFix = {
  code: 'proxy/missing-proxypassreverse',
  fix(diagnostic, context) {
    const point = insertionIn(diagnostic.data);
    const text = (diagnostic.data as { text?: unknown } | undefined)?.text;
    if (!point || typeof text !== 'string') return [];
    return [editAction(diagnostic, context.uri, `Add \`${text}\``, [insertLine(context.file, point, text)], true)];
  },
};
