import { firstWord, forEachLiveDirective, serverConfigKnown, serverDirectives } from '../tlsSettings';
import type { Rule } from '../types';

export const sslNoSessionCache: Rule = {
  id: 'ssl/no-session-cache',
  severity: 'information',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslsessioncache',
  summary: 'TLS is on but the server config has no `SSLSessionCache` (AH01873 at every start).',
  check({ file, scope, report }) {
    if (!serverConfigKnown(scope) || serverDirectives(scope.model, 'sslsessioncache').length > 0) return;
    forEachLiveDirective(file, scope, ['sslengine'], (node) => {
      if (firstWord(node) !== 'on') return;
      report({
        range: node.range,
        message:
          'The server config has no SSLSessionCache, so every worker process keeps its own sessions and resumption ' +
          'mostly fails. Apache logs "AH01873: Init: Session Cache is not configured [hint: SSLSessionCache]" at every ' +
          'start. Add SSLSessionCache outside any <VirtualHost>.',
        data: { cache: 'SSLSessionCache' },
      });
    });
  },
};
