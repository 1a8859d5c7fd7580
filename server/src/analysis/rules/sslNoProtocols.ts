import { evaluateProtocols } from '../tlsSettings';
import type { Rule } from '../types';
import { forEachProtocolLine } from './sslProtocolSslv2';

export const sslNoProtocols: Rule = {
  id: 'ssl/no-protocols',
  severity: 'error',
  refusedBy: 'startup',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslprotocol',
  summary: '`SSLProtocol` leaves no protocol enabled (e.g. `-all`): Apache fails to start (AH02231).',
  check({ file, scope, settings, report }) {
    forEachProtocolLine(file, scope, (node) => {
      const evaluation = evaluateProtocols(node.words);
      if (evaluation.refused.length > 0 || evaluation.enabled.size > 0) return;
      report({
        range: { start: node.args[0].range.start, end: node.args[node.args.length - 1].range.end },
        message:
          `${node.name} ${node.args.map((arg) => arg.raw).join(' ')} enables no protocol. Apache passes the config test, ` +
          'then fails to start a TLS host that uses it: "AH02231: No SSL protocols available [hint: SSLProtocol]". ' +
          'Add the protocols to allow, e.g. +TLSv1.2 +TLSv1.3.',
        ...(settings.tlsProfile !== 'off' && node.name.toLowerCase() === 'sslprotocol' ? { data: { profile: settings.tlsProfile } } : {}),
      });
    });
  },
};
