import { tlsProfile } from '../../knowledge/tlsProfiles';
import { evaluateProtocols, firstWord, forEachLiveDirective, inForce, serverConfigKnown, type Protocol } from '../tlsSettings';
import type { Rule } from '../types';

const OLD: readonly Protocol[] = ['TLSv1', 'TLSv1.1'];
const OPENSSL_NOTE =
  'OpenSSL 3 refuses TLS 1.0 and 1.1 at its default security level, but a cipher string with @SECLEVEL=0, or another OpenSSL build, lets them through.';
const LABELS: Record<Protocol, string> = { SSLv3: 'SSL 3.0', TLSv1: 'TLS 1.0', 'TLSv1.1': 'TLS 1.1', 'TLSv1.2': 'TLS 1.2', 'TLSv1.3': 'TLS 1.3' };
const label = (protocols: readonly Protocol[]) => protocols.map((protocol) => LABELS[protocol]).join(' and ');

export const sslProtocolTls1011: Rule = {
  id: 'ssl/protocol-tls10-11',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslprotocol',
  summary: 'TLS 1.0 or 1.1 is enabled, explicitly, through `all`, or by the default `all -SSLv3` (RFC 8996 deprecates them).',
  check({ file, scope, settings, report }) {
    const profile = tlsProfile(settings.tlsProfile);
    const data = profile ? { profile: profile.name } : undefined;
    forEachLiveDirective(file, scope, ['sslprotocol', 'sslproxyprotocol', 'sslengine'], (node) => {
      if (node.name.toLowerCase() !== 'sslengine') {
        if (node.args.length === 0 || node.args.some((arg) => arg.raw.includes('${'))) return;
        const proxy = node.name.toLowerCase() === 'sslproxyprotocol';
        const evaluation = evaluateProtocols(node.words);
        if (evaluation.refused.length > 0) return;
        // Per word, the protocols it leaves enabled below what is wanted.
        const byWord = new Map<number, Protocol[]>();
        for (const [protocol, index] of evaluation.enabledBy) {
          const old = OLD.includes(protocol);
          // Toward backends only a word naming TLS 1.0/1.1 is flagged: `all` there is the usual way to reach old backends.
          const flagged = proxy
            ? old && !/^\+?all$/i.test(node.args[index].value)
            : old || (profile !== undefined && !profile.tlsVersions.includes(protocol));
          if (!flagged) continue;
          byWord.set(index, [...(byWord.get(index) ?? []), protocol]);
        }
        for (const [index, protocols] of byWord) {
          const old = protocols.filter((protocol) => OLD.includes(protocol));
          const word = node.args[index].value;
          report({
            range: node.args[index].range,
            ...(old.length === 0 ? { severity: 'information' as const } : {}),
            message:
              old.length > 0
                ? `'${word}' enables ${label(old)}, deprecated by RFC 8996. ${OPENSSL_NOTE}` +
                  (protocols.length > old.length ? ` The Mozilla ${profile?.name} profile also leaves out ${label(protocols.filter((p) => !old.includes(p)))}.` : '') +
                  (proxy ? ' Toward backends, allow only what they need.' : ` Use ${profile?.apache.SSLProtocol ?? '-all +TLSv1.2 +TLSv1.3'}.`)
                : `'${word}' enables ${label(protocols)}, which the Mozilla ${profile?.name} profile leaves out (apacheSsl.tlsProfile). Use ${profile?.apache.SSLProtocol}.`,
            ...(data && !proxy ? { data } : {}),
          });
        }
        return;
      }
      // No SSLProtocol for a TLS host: the default `all -SSLv3` applies.
      if (firstWord(node) !== 'on' || !serverConfigKnown(scope) || inForce(scope, node, 'sslprotocol')) return;
      report({
        range: node.range,
        message:
          'No SSLProtocol applies to this host, so Apache\'s default "all -SSLv3" enables TLS 1.0 and 1.1, deprecated by RFC 8996. ' +
          `${OPENSSL_NOTE} Set ${profile ? `SSLProtocol ${profile.apache.SSLProtocol}` : 'SSLProtocol -all +TLSv1.2 +TLSv1.3'}.`,
        data: { ...data, missing: true },
      });
    });
  },
};
