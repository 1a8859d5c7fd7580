// args/require-provider: after `Require [not] NAME`, the provider reads the
// rest of the line while Apache reads the configuration (its
// parse_require_line), and `apache2 -t` fails on what it refuses (httpd 2.4
// source, each case verified on 2.4.71):
// - all (all_parse_config): the rest, as written, must be granted or denied
//   in any case: quotes, a second word or a `# comment` are refused.
// - ip (ip_parse_config): at least one word, each accepted by APR's
//   apr_ipsubnet_create (knowledge/aprIpSubnet.ts).
// - method (method_parse_config): each word a method Apache knows, compared
//   case-sensitively; lines read earlier may register more.
// - ssl, ssl-verify-client (mod_ssl): no words at all.
// The ip and method lists end at an empty word (`""`), as ap_getword_conf's
// loop does. expr and the providers that read the rest as a string
// expression (host, user, group, ldap-…) are expr/parse-error's; local,
// valid-user, env, file-group and file-owner read nothing. A provider whose
// module is not loaded is mod/unknown-authz-provider's.
import type { Range } from 'vscode-languageserver-types';
import { APR_SUBNET_ERROR_TEXT, aprSubnetError } from '../../knowledge/aprIpSubnet';
import type { DirectiveNode } from '../../parser/ast';
import { missingProviderModule, registeredBefore, requireProvider } from '../providerLookups';
import type { FileScope } from '../fileScope';
import { liveDirectivesNamed } from '../liveNodes';
import { lineWords, type LineWords } from '../lineWords';
import type { Finding, Rule } from '../types';

/** The methods Apache knows without registration (http_protocol.c, ap_method_registry_init). */
const BUILTIN_METHODS: ReadonlySet<string> = new Set([
  'GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK',
  'VERSION-CONTROL', 'CHECKOUT', 'UNCHECKOUT', 'CHECKIN', 'UPDATE', 'LABEL', 'REPORT', 'MKWORKSPACE', 'MKACTIVITY', 'BASELINE-CONTROL', 'MERGE',
]);

export const requireProviderArguments: Rule = {
  id: 'args/require-provider',
  severity: 'error',
  refusedBy: 'configtest',
  // Not crossHost, though a <Limit BREW> or Script line in another host read before registers a method too:
  // running on every host at each keystroke cost a third of the edit budget, for a case that rare. The CLI
  // sees the whole tree; the editor's view of a site file, its own hosts and the server config.
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_authz_core.html#require',
  summary: 'What follows `Require all`, `ip`, `method`, `ssl` or `ssl-verify-client` is not what that provider accepts: `Require all maybe`, `Require ip 10.0.0.0/33`.',
  check({ file, scope, report }) {
    if (scope.model.isDirectiveAvailable('Require') === false) return;
    for (const node of liveDirectivesNamed(file, scope, ['require'])) {
      const line = lineWords(node, scope);
      if (!line) continue;
      const { index, name } = requireProvider(line.words);
      if (name === undefined) continue;
      const check = CHECKS.get(name);
      if (!check) continue;
      const findings = check({ ...line, provider: index, node, scope });
      // Asked only for a line in doubt: the registrations are a walk of the whole tree, and most Require lines are fine.
      if (findings.length === 0 || registeredBefore(scope.model, 'provider', name, node) || missingProviderModule(scope.model, name)) continue;
      for (const finding of findings) report(finding);
    }
  },
};

interface Checked extends LineWords {
  /** Index of the provider word. */
  provider: number;
  node: DirectiveNode;
  scope: FileScope;
}

const CHECKS: ReadonlyMap<string, (line: Checked) => Finding[]> = new Map([
  ['all', checkAll],
  ['ip', checkIp],
  ['method', checkMethod],
  ['ssl', (line: Checked) => checkNoArguments(line, 'ssl')],
  ['ssl-verify-client', (line: Checked) => checkNoArguments(line, 'ssl-verify-client')],
]);

function refusal(apacheMessage: string, range: Range, advice: string): Finding {
  return { range, message: `Apache refuses this line: "${apacheMessage}". ${advice}`, data: { apacheMessage } };
}

function checkAll(line: Checked): Finding[] {
  const first = line.provider + 1;
  const last = line.raw.length - 1;
  const value = line.raw[first];
  if (first === last && /^(granted|denied)$/i.test(value)) return [];
  const apacheMessage = "Argument for 'Require all' must be 'granted' or 'denied'";
  if (value === undefined) return [refusal(apacheMessage, line.rangeOf(line.provider), 'Write Require all granted, or Require all denied.')];
  if (/^(granted|denied)$/i.test(value)) {
    const comment = line.raw[first + 1].startsWith('#');
    return [
      refusal(
        apacheMessage,
        line.rangeOf(first + 1, last),
        comment
          ? `Apache compares the whole rest of the line, and a # starts a comment only at the beginning of a line: move the comment to its own line.`
          : `Apache compares the whole rest of the line: nothing may follow ${value}.`,
      ),
    ];
  }
  const quoted = /^(["'])(granted|denied)\1$/i.test(value);
  return [
    refusal(
      apacheMessage,
      line.rangeOf(first, last),
      quoted ? 'Apache compares the rest of the line as written, quotes included: remove the quotes.' : `Write granted or denied instead of ${value}.`,
    ),
  ];
}

/** The words a provider's ap_getword_conf loop reads: up to the first empty one. */
function listedWords(line: Checked): number[] {
  const indexes: number[] = [];
  for (let i = line.provider + 1; i < line.words.length && line.words[i] !== ''; i++) indexes.push(i);
  return indexes;
}

function checkIp(line: Checked): Finding[] {
  const listed = listedWords(line);
  if (listed.length === 0) {
    const at = line.words.length > line.provider + 1 ? line.provider + 1 : line.provider;
    return [refusal("'require ip' requires an argument", line.rangeOf(at), 'Give one or more addresses or networks, such as 192.0.2.0/24 or 2001:db8::/32.')];
  }
  const findings: Finding[] = [];
  for (const i of listed) {
    const word = line.words[i];
    const error = aprSubnetError(word);
    if (!error) continue;
    const apacheMessage = error === 'EINVAL' ? `ip address '${word}' appears to be invalid` : `ip address '${word}' appears to be invalid: ${APR_SUBNET_ERROR_TEXT[error]}`;
    const advice =
      error === 'EINVAL'
        ? 'It is not an IP address: host names go in Require host (or Require forward-dns).'
        : error === 'EBADMASK'
          ? 'After the / comes a number of bits, from 1 to 32 for IPv4 and to 128 for IPv6, or for IPv4 a dotted netmask such as 255.255.0.0.'
          : 'Write a full IPv4 address (IPv4 as a.b.c.d, not ::ffff:a.b.c.d), an IPv6 address without brackets or zone, or the leading octets of an IPv4 network without a mask (10.1 for 10.1.0.0/16).';
    findings.push(refusal(apacheMessage, line.rangeOf(i), advice));
  }
  return findings;
}

function checkMethod(line: Checked): Finding[] {
  const findings: Finding[] = [];
  for (const i of listedWords(line)) {
    const method = line.words[i];
    if (BUILTIN_METHODS.has(method) || registeredBefore(line.scope.model, 'method', method, line.node)) continue;
    const upper = method.toUpperCase();
    const advice = BUILTIN_METHODS.has(upper)
      ? `Method names are case-sensitive: write ${upper}.`
      : `Apache knows ${[...BUILTIN_METHODS].join(', ')}; another method must be registered first, with RegisterHttpMethod in the server configuration.`;
    findings.push(refusal(`Invalid Method '${method}'`, line.rangeOf(i), advice));
  }
  return findings;
}

function checkNoArguments(line: Checked, provider: string): Finding[] {
  const first = line.provider + 1;
  const last = line.words.length - 1;
  if (first > last) return [];
  return [refusal(`'Require ${provider}' does not take arguments`, line.rangeOf(first, last), `Require ${provider} stands alone on its line: remove what follows it.`)];
}
