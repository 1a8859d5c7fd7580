import { DiagnosticTag } from 'vscode-languageserver-types';
import { forEachLiveDirective } from '../tlsSettings';
import type { Rule } from '../types';

export const sslChainfileDeprecated: Rule = {
  id: 'ssl/chainfile-deprecated',
  severity: 'hint',
  tags: [DiagnosticTag.Deprecated],
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatechainfile',
  summary: '`SSLCertificateChainFile` is obsolete since 2.4.8: put the intermediates in the `SSLCertificateFile` file.',
  check({ file, scope, report }) {
    forEachLiveDirective(file, scope, ['sslcertificatechainfile'], (node) => {
      report({
        range: node.range,
        message:
          'SSLCertificateChainFile is obsolete since Apache 2.4.8: SSLCertificateFile reads the intermediate CA ' +
          'certificates itself when they follow the server certificate in its file. While this line is in force, though, ' +
          'mod_ssl reads only the first certificate of that file and sends this file\'s certificates instead. ' +
          'Append this chain to that file (server certificate first, then the intermediates) and delete this line.',
      });
    });
  },
};
