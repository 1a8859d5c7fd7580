import { forEachLiveDirective } from '../tlsSettings';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';

export const sslSsllogRemoved: Rule = {
  id: 'ssl/ssllog-removed',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/core.html#errorlog',
  summary: '`SSLLog` and `SSLLogLevel` were removed: Apache refuses them; use `ErrorLog` and `LogLevel ssl:…`.',
  check({ file, scope, report }) {
    forEachLiveDirective(file, scope, ['ssllog', 'sslloglevel'], (node) => {
      const name = node.name.toLowerCase();
      report({
        // A continued line is blamed on its last physical line.
        range: directiveReportRange(node),
        message:
          name === 'ssllog'
            ? 'Apache refuses to start: "SSLLog directive is no longer supported - use ErrorLog." mod_ssl writes to the ' +
              "host's error log; set its file with ErrorLog."
            : 'Apache refuses to start: "SSLLogLevel directive is no longer supported - use LogLevel." Set mod_ssl\'s level ' +
              'with a module level, e.g. LogLevel ssl:info.',
      });
    });
  },
};
