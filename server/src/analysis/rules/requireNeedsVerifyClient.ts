// `Require ssl-verify-client`, and conditions on SSL_CLIENT_* variables, can
// only succeed when Apache asked the client for a certificate. Where a host
// serves TLS (SSLEngine on; without it the missing SSLEngine is the news) and no
// SSLVerifyClient other than none is in force (doc mod_ssl "Authorization
// providers": ssl-verify-client "is only useful if SSLVerifyClient optional
// is in effect"), SSL_CLIENT_VERIFY is always NONE and the certificate
// variables are empty. Apache says nothing.
import type { Span } from '../../parser/expr/ast';
import { forEachExprNode } from '../../parser/expr/walkExpression';
import type { FileScope } from '../fileScope';
import type { Rule } from '../types';
import { expressionsInFile } from '../expressionsInFile';
import { treeTls, type HostTls } from '../hostTls';
import { hostAt, placeOf, tlsLines, type Place } from '../tlsPlaces';

const ADVICE = 'Add SSLVerifyClient optional (with SSLCACertificateFile) to the <VirtualHost>.';

export const requireNeedsVerifyClient: Rule = {
  id: 'ssl/require-needs-verifyclient',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#authzproviders',
  summary: '`Require ssl-verify-client` or a condition on `SSL_CLIENT_*` where no SSLVerifyClient asks for a certificate: it never sees one.',
  check(context) {
    const { scope, inHtaccess } = context;
    for (const line of tlsLines(context)) {
      if (line.name !== 'require' || line.args[0]?.toLowerCase() !== 'ssl-verify-client' || !neverVerifies(scope, line.place)) continue;
      context.report({
        range: line.node.args[0].range,
        message:
          `Require ssl-verify-client grants access only to a client whose certificate Apache verified, and nothing in ${where(line.place)} asks for one ` +
          `(no SSLVerifyClient other than none), so it never grants access. ${ADVICE}`,
        data: { name: 'ssl-verify-client' },
      });
    }
    for (const expression of expressionsInFile(context.file, scope)) {
      if (!['Require', 'If', 'ElseIf', 'SSLRequire'].includes(expression.source) || !expression.parsed.root) continue;
      let first: { name: string; span: Span } | undefined;
      forEachExprNode(expression.parsed.root, (node) => {
        if (!first && node.type === 'variable' && node.name.startsWith('SSL_CLIENT_')) first = { name: node.name, span: node.nameSpan };
      });
      const place = first && placeOf(expression.node, scope, inHtaccess);
      if (!first || !place || !neverVerifies(scope, place)) continue;
      context.report({
        range: expression.rangeOf(first.span.start, first.span.end),
        message:
          `%{${first.name}} is only set when Apache asked the client for a certificate, and nothing in ${where(place)} does ` +
          `(no SSLVerifyClient other than none): SSL_CLIENT_VERIFY is always "NONE" and the certificate variables are empty, so this condition never sees a certificate. ${ADVICE}`,
        data: { name: first.name },
      });
    }
  },
};

/**
 * Requests at `place` are served over TLS (SSLEngine on), yet no
 * SSLVerifyClient other than none reaches them: not the host's, not one in
 * its per-directory sections. For the server config, whose sections apply to
 * every host, that holds for every TLS host. Unknown, and so false, in a
 * .htaccess file and in a lone file without its main configuration.
 */
function neverVerifies(scope: FileScope, place: Place): boolean {
  const host = hostAt(scope, place);
  if (!host || !scope.model.modulesKnown) return false;
  const tree = treeTls(scope.model);
  const verifies = (candidate: HostTls) => candidate.verifyClient !== 'none' || candidate.perDirectoryVerify;
  const tlsHosts = (host.virtualHost ? [host] : [tree.server, ...tree.virtualHosts]).filter((candidate) => candidate.sslEngine);
  return tlsHosts.length > 0 && !tlsHosts.some(verifies) && !verifies(tree.server);
}

function where(place: Place): string {
  return place.virtualHost ? 'this virtual host' : 'the configuration';
}
