import { firstWord, forEachLiveDirective, serverConfigKnown, serverDirectives } from '../tlsSettings';
import type { Rule } from '../types';

export const sslStaplingCacheMissing: Rule = {
  id: 'ssl/stapling-cache-missing',
  severity: 'error',
  refusedBy: 'startup',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslstaplingcache',
  summary: '`SSLUseStapling on` without a server-level `SSLStaplingCache`: Apache fails to start (AH01958).',
  check({ file, scope, report }) {
    if (!serverConfigKnown(scope) || serverDirectives(scope.model, 'sslstaplingcache').length > 0) return;
    forEachLiveDirective(file, scope, ['sslusestapling'], (node) => {
      if (firstWord(node) !== 'on') return;
      report({
        range: node.range,
        message:
          'OCSP stapling needs a cache, and the server config has no SSLStaplingCache. Apache passes the config test, then ' +
          'fails to start: "AH01958: SSLStapling: no stapling cache available". Add SSLStaplingCache outside any <VirtualHost>.',
        data: { cache: 'SSLStaplingCache' },
      });
    });
  },
};
