import { DiagnosticTag } from 'vscode-languageserver-types';
import { forEachLiveDirective, hostPlaceOf } from '../tlsSettings';
import type { Rule } from '../types';


export const accessCompat: Rule = {
  id: 'core/access-compat',
  severity: 'hint',
  tags: [DiagnosticTag.Deprecated],
  docUrl: 'https://httpd.apache.org/docs/2.4/upgrading.html#access',
  summary: '`Order`, `Allow`, `Deny` and `Satisfy` are Apache 2.2 access control (mod_access_compat): use `Require`.',
  check({ file, scope, inHtaccess, report }) {
    // Without mod_access_compat the lines are mod/unknown-directive's; outside a per-directory section, ctx/not-allowed's.
    forEachLiveDirective(file, scope, ['order', 'allow', 'deny', 'satisfy'], (node) => {
      if (!inHtaccess && !hostPlaceOf(node, scope.enclosing).perDirectory) return;
      report({
        range: node.nameRange,
        message:
          `${node.name} is Apache 2.2 access control, kept only by mod_access_compat. Mixed with Require lines it is ` +
          'combined in ways that are easy to get wrong. Write it with Require: "Order allow,deny" + "Allow from all" is ' +
          '"Require all granted", "Deny from all" is "Require all denied", "Allow from 192.0.2.0/24" is ' +
          '"Require ip 192.0.2.0/24", "Allow from example.org" is "Require host example.org".',
      });
    });
  },
};
