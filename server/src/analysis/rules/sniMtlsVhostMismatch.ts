// Name-based TLS virtual hosts on one address:port share the handshake of
// whichever name the client sent (SNI); a request may then name another of
// them in its Host header. A client trusted by one host can so reach another
// whose client-certificate settings differ, e.g. on a resumed TLS 1.3 session
// (CVE-2025-23048, httpd 2.4.35 to 2.4.63, unless SSLStrictSNIVHostCheck is
// on in either host). Since 2.4.64 mod_ssl answers 421 when the two hosts'
// TLS or client-verification settings differ; `SSLVHostSNIPolicy insecure`
// (2.4.66+, server config) turns that check off again. Verified on 2.4.71:
// with the policy insecure the mismatched request is served, and
// SSLStrictSNIVHostCheck on does not stop it; with secure it gets 421.
// Which httpd runs comes from the httpdVersion setting (default 2.4.71).
import type { ConfigModel } from '../../config/buildConfigModel';
import { shownPath } from '../../config/shownPath';
import { listVirtualHosts } from '../../config/virtualHosts';
import { directiveReportRange } from '../reportRange';
import { compareVersions } from '../tlsSettings';
import type { Finding, Rule } from '../types';
import { treeTls, type HostTls } from '../hostTls';

/** How the running version guards against the mismatch: `strict-sni` before 2.4.64, `policy` from 2.4.66, none in between or before TLS 1.3. */
type Guard = 'strict-sni' | 'policy' | 'none';

const SHOWN: Record<string, string> = {
  sslverifyclient: 'SSLVerifyClient',
  sslverifydepth: 'SSLVerifyDepth',
  sslcacertificatefile: 'SSLCACertificateFile',
  sslcacertificatepath: 'SSLCACertificatePath',
  sslcadnrequestfile: 'SSLCADNRequestFile',
  sslcadnrequestpath: 'SSLCADNRequestPath',
  sslprotocol: 'SSLProtocol',
  sslciphersuite: 'SSLCipherSuite',
};

/** Findings by guard and file, worked out once per model: every file's analysis asks. */
const findingsByModel = new WeakMap<ConfigModel, Map<Guard, Map<string, Finding[]>>>();

export const sniMtlsVhostMismatch: Rule = {
  id: 'ssl/sni-mtls-vhost-mismatch',
  severity: 'warning',
  crossHost: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslvhostsnipolicy',
  summary:
    'A client trusted by one TLS virtual host can reach another on the same address whose client-certificate settings differ (`SSLVHostSNIPolicy insecure`, or httpd before 2.4.64 without SSLStrictSNIVHostCheck).',
  check({ scope, settings, report }) {
    const guard = guardOf(settings.httpdVersion);
    if (guard === 'none') return;
    let byGuard = findingsByModel.get(scope.model);
    if (!byGuard) {
      byGuard = new Map();
      findingsByModel.set(scope.model, byGuard);
    }
    let byPath = byGuard.get(guard);
    if (!byPath) {
      byPath = mismatchFindings(scope.model, guard);
      byGuard.set(guard, byPath);
    }
    for (const finding of byPath.get(scope.path) ?? []) report(finding);
  },
};

interface Mismatch {
  host: HostTls;
  addresses: string[];
  other: HostTls;
  settings: string[];
}

function guardOf(version: string): Guard {
  if (compareVersions(version, '2.4.66') >= 0) return 'policy';
  return compareVersions(version, '2.4.35') >= 0 && compareVersions(version, '2.4.64') < 0 ? 'strict-sni' : 'none';
}

function mismatchFindings(model: ConfigModel, guard: Guard): Map<string, Finding[]> {
  const byPath = new Map<string, Finding[]>();
  const tree = treeTls(model);
  const policy = tree.sniPolicyLine;
  if (guard === 'policy' && policy?.args[0]?.toLowerCase() !== 'insecure') return byPath;
  const mismatches = new Map<HostTls, Mismatch>();
  for (const set of listVirtualHosts(model).byAddress.values()) {
    const hosts = set.virtualHosts.map((vhost) => tree.byNode.get(vhost.node)).filter((host): host is HostTls => host?.sslEngine === true);
    for (const host of hosts) {
      if (host.verifyClient === 'none' || (guard === 'strict-sni' && host.strictSni)) continue;
      const known = mismatches.get(host);
      if (known) {
        known.addresses.push(set.key);
        continue;
      }
      for (const other of hosts) {
        const settings = other === host || (guard === 'strict-sni' && other.strictSni) ? [] : differences(host, other);
        if (settings.length === 0) continue;
        mismatches.set(host, { host, addresses: [set.key], other, settings });
        break;
      }
    }
  }
  for (const { host, addresses, other, settings } of mismatches.values()) {
    const vhost = host.virtualHost;
    const otherVhost = other.virtualHost;
    if (!vhost || !otherVhost) continue;
    const loophole =
      guard === 'policy' && policy
        ? `SSLVHostSNIPolicy insecure (${shownPath(model, policy.path)}:${policy.node.range.start.line + 1}) lets a request reach any virtual host on ${addresses.join(' and ')}, whatever name the client gave in the handshake. `
        : `Before httpd 2.4.64, a request on ${addresses.join(' and ')} may name another virtual host than the handshake did, and Apache does not compare their client-certificate settings. `;
    const fix =
      guard === 'policy'
        ? 'Remove SSLVHostSNIPolicy insecure, or set it to secure (the default) or strict.'
        : 'Set SSLStrictSNIVHostCheck on in this virtual host, or upgrade to 2.4.64 or later.';
    const findings = byPath.get(vhost.path) ?? [];
    findings.push({
      range: directiveReportRange(vhost.node),
      message:
        loophole +
        `This host verifies client certificates (SSLVerifyClient ${host.verifyClient}) with other settings than the virtual host at ` +
        `${shownPath(model, otherVhost.path)}:${otherVhost.node.open.range.start.line + 1} (${settings.join(', ')}), ` +
        `so a client that host accepts can reach this one by naming it in the Host header, for example on a resumed TLS 1.3 session (CVE-2025-23048). ${fix}`,
      data: {
        addresses,
        settings,
        fix: guard === 'policy' ? 'SSLVHostSNIPolicy secure' : 'SSLStrictSNIVHostCheck on',
        ...(guard === 'policy' && policy ? { policy: { path: policy.path, line: policy.node.range.start.line } } : {}),
      },
    });
    byPath.set(vhost.path, findings);
  }
  return byPath;
}

/** The handshake settings, by their names as written in the manual, that differ between two hosts. */
function differences(a: HostTls, b: HostTls): string[] {
  return Object.keys(SHOWN)
    .filter((name) => (a.handshake.get(name) ?? '') !== (b.handshake.get(name) ?? ''))
    .map((name) => SHOWN[name]);
}
