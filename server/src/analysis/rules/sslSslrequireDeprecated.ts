import { DiagnosticTag } from 'vscode-languageserver-types';
import { forEachLiveDirective } from '../tlsSettings';
import type { Rule } from '../types';

export const sslSslrequireDeprecated: Rule = {
  id: 'ssl/sslrequire-deprecated',
  severity: 'hint',
  tags: [DiagnosticTag.Deprecated],
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslrequire',
  summary: '`SSLRequire` is deprecated: write the condition as `Require expr`.',
  check({ file, scope, report }) {
    forEachLiveDirective(file, scope, ['sslrequire'], (node) => {
      report({
        range: node.range,
        message:
          'SSLRequire is deprecated: write the condition as Require expr, which takes the same variables and combines ' +
          'with the other Require lines. Mind the operators: in SSLRequire `eq` and `ne` compare text, in Require expr ' +
          'they compare numbers, so use `==` and `!=` there.',
      });
    });
  },
};
