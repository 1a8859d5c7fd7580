// proxy/client-header-spoofable: `RequestHeader unset NAME` before the line
// that writes NAME (before the <If> chain around it, when there is one), so
// whatever the client sent is gone before Apache writes its own value.
import { insertionIn, insertLine } from './insertLine';
import { editAction } from './editAction';
import type { QuickFix } from './types';

export const unsetRequestHeaderFix: QuickFix = {
  code: 'proxy/client-header-spoofable',
  fix(diagnostic, context) {
    const point = insertionIn(diagnostic.data);
    const header = (diagnostic.data as { header?: unknown } | undefined)?.header;
    if (!point || typeof header !== 'string') return [];
    const line = `RequestHeader unset ${/[\s"]/.test(header) ? `"${header.replace(/["\\]/g, '\\$&')}"` : header}`;
    return [editAction(diagnostic, context.uri, `Add \`${line}\` before it`, [insertLine(context.file, point, line)], true)];
  },
};
