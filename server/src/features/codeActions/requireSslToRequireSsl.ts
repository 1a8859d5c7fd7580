// ssl/requiressl-prefer-require-ssl: `SSLRequireSSL` becomes `Require ssl`
// (mod_ssl's authorization provider). SSLRequireSSL is checked on top of the
// section's Require lines, so `Require ssl` joins them under <RequireAll>
// rather than becoming one more alternative.
import { replaceWithRequire } from './sslRequireToRequireExpr';
import type { QuickFix } from './types';

export const requireSslToRequireSslFix: QuickFix = {
  code: 'ssl/requiressl-prefer-require-ssl',
  fix(diagnostic, context) {
    return replaceWithRequire(diagnostic, context, 'sslrequiressl', () => ({ line: 'Require ssl', title: 'Replace with Require ssl' }));
  },
};
