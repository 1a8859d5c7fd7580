import { DiagnosticTag } from 'vscode-languageserver-types';
import { forEachLiveDirective } from '../tlsSettings';
import type { Rule } from '../types';

export const sslProxyCheckPeerCnLegacy: Rule = {
  id: 'ssl/proxycheckpeercn-legacy',
  severity: 'hint',
  tags: [DiagnosticTag.Deprecated],
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslproxycheckpeercn',
  summary: '`SSLProxyCheckPeerCN` is superseded by `SSLProxyCheckPeerName` (2.4.5).',
  check({ file, scope, report }) {
    forEachLiveDirective(file, scope, ['sslproxycheckpeercn'], (node) => {
      report({
        range: node.range,
        message:
          'SSLProxyCheckPeerCN is superseded by SSLProxyCheckPeerName, which also checks the subjectAltName. The two ' +
          'interact: since 2.4.21, turning either off turns off every name check of the backend certificate, and only ' +
          'SSLProxyCheckPeerCN on with SSLProxyCheckPeerName off keeps the old CN-only comparison. Rely on ' +
          'SSLProxyCheckPeerName alone.',
      });
    });
  },
};
