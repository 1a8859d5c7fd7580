import { forEachLiveDirective } from '../tlsSettings';
import type { Rule } from '../types';

export const sslRequiresslPreferRequireSsl: Rule = {
  id: 'ssl/requiressl-prefer-require-ssl',
  severity: 'hint',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#authzproviders',
  summary: '`SSLRequireSSL` can be written `Require ssl`, which combines with other `Require` lines.',
  check({ file, scope, report }) {
    forEachLiveDirective(file, scope, ['sslrequiressl'], (node) => {
      report({
        range: node.range,
        message:
          'SSLRequireSSL is checked on its own, apart from the Require lines. `Require ssl` (mod_ssl\'s authorization ' +
          'provider) says the same and can be combined with other conditions in <RequireAll> or <RequireAny>.',
      });
    });
  },
};
