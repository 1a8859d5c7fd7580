// proxy/https-backend-needs-sslproxyengine: `SSLProxyEngine on` where the
// rule said, at host level before the line (or its <Location>) with that
// line's indentation. Only what is certain is written: verifying the backend
// needs its CA file, which only the user knows, so the title says so.
import { insertionIn, insertLine } from './insertLine';
import { editAction } from './editAction';
import type { QuickFix } from './types';

export const addSslProxyEngineFix: QuickFix = {
  code: 'proxy/https-backend-needs-sslproxyengine',
  fix(diagnostic, context) {
    const point = insertionIn(diagnostic.data);
    if (!point) return [];
    return [
      editAction(
        diagnostic,
        context.uri,
        'Add `SSLProxyEngine on` (then verify the backend with SSLProxyVerify require and SSLProxyCACertificateFile)',
        [insertLine(context.file, point, 'SSLProxyEngine on')],
        true,
      ),
    ];
  },
};
