import type { ConfigFile, DirectiveNode } from '../../parser/ast';
import type { FileScope } from '../fileScope';
import { evaluateProtocols, forEachLiveDirective } from '../tlsSettings';
import type { Rule } from '../types';

export const sslProtocolSslv2: Rule = {
  id: 'ssl/protocol-sslv2',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslprotocol',
  summary: '`SSLv2` in `SSLProtocol`: Apache refuses it; `-SSLv2` is accepted but does nothing.',
  check({ file, scope, settings, report }) {
    forEachProtocolLine(file, scope, (node) => {
      const evaluation = evaluateProtocols(node.words);
      for (const { index, reason } of evaluation.refused) {
        if (reason !== 'SSLv2') continue;
        report({
          range: node.args[index].range,
          message: `Apache refuses to start: "SSLProtocol: SSLv2 is no longer supported". Remove '${node.args[index].value}'.`,
          data: { argument: index, ...(settings.tlsProfile !== 'off' && node.name.toLowerCase() === 'sslprotocol' ? { profile: settings.tlsProfile } : {}) },
        });
      }
      for (const index of evaluation.redundant) {
        report({
          range: node.args[index].range,
          severity: 'hint',
          message: `'${node.args[index].value}' does nothing: SSLv2 cannot be enabled at all, and Apache ignores this word. Remove it.`,
          data: { argument: index },
        });
      }
    });
  },
};

/** Each live SSLProtocol or SSLProxyProtocol line whose words are known (no ${VAR}). */
export function forEachProtocolLine(file: ConfigFile, scope: FileScope, visit: (node: DirectiveNode) => void): void {
  forEachLiveDirective(file, scope, ['sslprotocol', 'sslproxyprotocol'], (node) => {
    if (node.args.length > 0 && !node.args.some((arg) => arg.raw.includes('${'))) visit(node);
  });
}
