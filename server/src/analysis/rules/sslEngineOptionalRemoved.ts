import { compareVersions, firstWord, forEachLiveDirective } from '../tlsSettings';
import type { Rule } from '../types';

export const sslEngineOptionalRemoved: Rule = {
  id: 'ssl/engine-optional-removed',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslengine',
  summary: '`SSLEngine optional` (TLS upgrade, CVE-2025-49812) was removed in 2.4.64; since then the host speaks plain HTTP.',
  check({ file, scope, settings, report }) {
    const removed = compareVersions(settings.httpdVersion, '2.4.64') >= 0;
    forEachLiveDirective(file, scope, ['sslengine'], (node) => {
      if (firstWord(node) !== 'optional') return;
      report({
        range: node.args[0].range,
        message: removed
          ? `Apache ${settings.httpdVersion} no longer supports 'optional' (removed in 2.4.64 for CVE-2025-49812): it logs ` +
            '"AH10510: \'SSLEngine optional\' is no longer supported", starts, and this host speaks plain HTTP only. ' +
            'Write SSLEngine on for a TLS host, or delete the line.'
          : "'optional' enables TLS upgrade (RFC 2817), which lets a man in the middle hijack the session (CVE-2025-49812); " +
            'Apache 2.4.64 removed it. Write SSLEngine on.',
      });
    });
  },
};
