// cert/name-mismatch: each name a TLS host answers to (ServerName, inherited
// from the server config when the host has none, and every ServerAlias)
// must be named by one of the host's certificates (an RSA and an EC pair
// each count), or clients stop with a name error. Browsers look only at the
// dNSName (iPAddress for an IP) entries of subjectAltName, at the CN only
// when there are none; `*.` stands for exactly one label. Apache itself only
// compares the ServerName, with the CN always in the list, and logs
// "AH01909: … server certificate does NOT include an ID which matches the
// server name" at start-up; it starts all the same.
import { isIP } from 'node:net';
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import type { CertificateFacts } from '../certs/describeCertificate';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { hostSetting, ownLines, proxyModel, wordRange, type Host, type Placed } from '../proxyHosts';
import type { Finding, Rule } from '../types';
import type { Range } from '../../parser/ast';
import { certificateOfKey, pairKey, servedPairs, type ServedPair } from '../serverCertificates';

export const certNameMismatch: Rule = modelRule(compute, {
  id: 'cert/name-mismatch',
  citesLines: true,
  severity: 'warning',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatefile',
  summary: "A TLS host's ServerName or ServerAlias is not among its certificate's names: clients report a name mismatch (AH01909 at start-up).",
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  const byHost = new Map<Host, ServedPair[]>();
  for (const served of servedPairs(model, certificates)) {
    // A leaf that is not first is cert/chain-order's: the names are judged once it is.
    const key = pairKey(served, certificates);
    const keyIndex = key && certificateOfKey(served, key.key);
    if (typeof keyIndex === 'number' && keyIndex > 0) continue;
    const list = byHost.get(served.host.host) ?? [];
    list.push(served);
    byHost.set(served.host.host, list);
  }
  for (const [host, pairs] of byHost) {
    const serverName = hostPart(hostSetting(proxy, host, 'servername')?.item.args[0]);
    const leaves = pairs.map((served) => served.certificates[0].facts);
    const missingNames = new Set<string>();
    if (serverName) addIfMissing(missingNames, leaves, serverName);
    for (const line of ownLines(host, 'serveralias')) for (const alias of line.item.args) addIfMissing(missingNames, leaves, alias);
    if (missingNames.size === 0) continue;
    const apacheWarns = serverName !== undefined && missingNames.has(serverName.toLowerCase()) && leaves.some((leaf) => !apacheMatches(leaf, serverName));
    const certificateLine = pairs[0].pair.certificate;
    yield { path: certificateLine.item.path, finding: new NameMismatch(certificateLine, [...missingNames], host, pairs.map((served) => served.certificatePath), leaves, apacheWarns) };
  }
}

/**
 * The finding keeps what it says and builds its words when read: a tree of
 * thousands of hosts on one certificate has a finding per host, and their
 * messages, each naming its own host, took 3 MiB while the server showed two.
 */
class NameMismatch implements Finding {
  constructor(
    private readonly line: Placed,
    private readonly missing: readonly string[],
    private readonly host: Host,
    private readonly certificatePaths: readonly string[],
    private readonly leaves: readonly CertificateFacts[],
    private readonly apacheWarns: boolean,
  ) {}

  get range(): Range {
    return wordRange(this.line, 0);
  }

  get message(): string {
    const { missing, host, certificatePaths, leaves, apacheWarns } = this;
    const where = host.virtualHost ? `the <VirtualHost ${host.virtualHost.args.join(' ')}> at ${host.virtualHost.path}:${host.virtualHost.node.range.start.line + 1}` : 'the main server';
    return (
      `${missing.map((name) => `"${name}"`).join(', ')} (${where}) ${missing.length === 1 ? 'is' : 'are'} not among the names of ${certificatePaths.join(' or ')}: ${describeNames(leaves)}. ` +
      `Clients asking for ${missing.length === 1 ? 'that name' : 'those names'} stop with a certificate name mismatch` +
      (apacheWarns ? '; Apache logs "AH01909: … server certificate does NOT include an ID which matches the server name" at start-up. ' : '. ') +
      'Use a certificate issued for every name the host answers to, or correct ServerName/ServerAlias.'
    );
  }
}

/** Adds the name, lower-cased, to those no certificate covers, unless one does. */
function addIfMissing(missing: Set<string>, leaves: readonly CertificateFacts[], name: string): void {
  const lower = name.toLowerCase();
  if (!missing.has(lower) && !leaves.some((leaf) => clientAccepts(leaf, lower))) missing.add(lower);
}

/** The host of `ServerName [scheme://]name[:port]`, brackets of an IPv6 address removed. */
export function hostPart(written: string | undefined): string | undefined {
  if (!written) return undefined;
  // The common case, a plain name, without the regular expressions.
  if (!written.includes(':') && written[0] !== '[') return written;
  const rest = written.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const bracketed = /^\[([^\]]+)\]/.exec(rest);
  if (bracketed) return bracketed[1];
  if ((rest.match(/:/g) ?? []).length > 1) return rest;
  return rest.replace(/:\d*$/, '') || undefined;
}

/** As a browser checks: SAN entries (CN only without any), one-label wildcards, IP addresses against iPAddress. */
export function clientAccepts(facts: CertificateFacts, name: string): boolean {
  if (isIP(name)) {
    const wanted = normalizeIp(name);
    const ips = facts.ipAddresses.length + facts.dnsNames.length > 0 ? facts.ipAddresses : facts.commonName ? [facts.commonName] : [];
    return ips.some((ip) => isIP(ip) !== 0 && normalizeIp(ip) === wanted);
  }
  const ids = facts.dnsNames.length + facts.ipAddresses.length > 0 ? facts.dnsNames : facts.commonName ? [facts.commonName] : [];
  return ids.some((id) => nameMatches(id, name));
}

/** As mod_ssl's AH01909 check does: the dNSName entries and the CN, wildcards over one label. */
function apacheMatches(facts: CertificateFacts, name: string): boolean {
  return [...facts.dnsNames, ...(facts.commonName ? [facts.commonName] : [])].some((id) => nameMatches(id, name));
}

/** A ServerAlias with `*` or `?` is a pattern: only the same pattern in the certificate covers it. */
function nameMatches(id: string, name: string): boolean {
  const lowerId = id.toLowerCase();
  const lowerName = name.toLowerCase();
  if (lowerId === lowerName) return true;
  if (/[*?]/.test(lowerName) || !lowerId.startsWith('*.')) return false;
  const dot = lowerName.indexOf('.');
  return dot > 0 && lowerName.slice(dot) === lowerId.slice(1);
}

function normalizeIp(ip: string): string {
  if (isIP(ip) === 4) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return groups.map((group) => group.replace(/^0+(?=.)/, '')).join(':');
}

function describeNames(leaves: readonly CertificateFacts[]): string {
  return leaves
    .map((facts) => {
      const names = [...facts.dnsNames, ...facts.ipAddresses];
      return names.length > 0 ? names.join(', ') : facts.commonName ? `CN ${facts.commonName} (no subjectAltName)` : 'no names at all';
    })
    .join('; ');
}
