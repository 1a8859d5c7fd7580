// ssl/engine-without-certificate: a host speaks TLS but has no certificate.
// `apache2 -t` says Syntax OK; the start fails in mod_ssl's post_config
// (AH02572 "Failed to configure at least one certificate and key", then
// AH02312, fatal). mod_md can stand in with a fallback certificate for names
// it manages (AH10085, 503 until it has one), so those hosts are left alone.
import type { ConfigModel } from '../../config/buildConfigModel';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { hostSetting, isOn, linesNamed, ownLines, proxyModel, type Host, type Placed, type ProxyModel } from '../proxyHosts';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';

export const sslEngineWithoutCertificate: Rule = modelRule(compute, {
  id: 'ssl/engine-without-certificate',
  severity: 'error',
  refusedBy: 'startup',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatefile',
  summary: '`SSLEngine on` in a host that has no `SSLCertificateFile` of its own or from the server config: Apache refuses to start.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  const managed = managedDomains(proxy);
  // By the SSLEngine line in force: the hosts it turns on without a certificate.
  const lacking = new Map<Placed, Host[]>();
  for (const host of proxy.hosts) {
    const engine = hostSetting(proxy, host, 'sslengine');
    if (!engine || !isOn(engine) || hostSetting(proxy, host, 'sslcertificatefile')) continue;
    if (hostNames(proxy, host).some((name) => managed.has(name))) continue;
    lacking.set(engine, [...(lacking.get(engine) ?? []), host]);
  }
  for (const [engine, hosts] of lacking) {
    const own = hosts.includes(engine.host);
    const others = hosts.length - (own ? 1 : 0);
    const who = [
      ...(own ? [engine.host.virtualHost ? 'this virtual host' : 'the main server'] : []),
      ...(others > 0 ? [`${others} virtual host${others > 1 ? 's' : ''} that inherit${others > 1 ? '' : 's'} this line`] : []),
    ].join(' and ');
    yield {
      path: engine.item.path,
      finding: {
        range: directiveReportRange(engine.item.node),
        message:
          `SSLEngine is on for ${who}, but no SSLCertificateFile is configured there or in the server config. ` +
          '`apache2 -t` says Syntax OK, yet Apache refuses to start: "AH02572: Failed to configure at least one certificate and key", then AH02312. ' +
          'Add SSLCertificateFile and SSLCertificateKeyFile (or let mod_md manage the name with MDomain).',
      },
    };
  }
}

/** Names mod_md manages: MDomain and MDMember words, and the words of <MDomainSet> and <MDomain>. */
function managedDomains(proxy: ProxyModel): Set<string> {
  const names = new Set<string>();
  for (const line of linesNamed(proxy, 'mdomain', 'mdmember')) {
    for (const word of line.item.args) if (!/^(auto|manual)$/i.test(word)) names.add(word.toLowerCase());
  }
  for (const { section } of proxy.sections) {
    if (/^mdomain(set)?$/i.test(section.name)) for (const word of section.args) names.add(word.toLowerCase());
  }
  return names;
}

function hostNames(proxy: ProxyModel, host: Host): string[] {
  const serverName = hostSetting(proxy, host, 'servername')?.item.args[0];
  const aliases = ownLines(host, 'serveralias').flatMap((line) => line.item.args);
  return [...(serverName ? [serverName] : []), ...aliases].map((name) => name.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/:\d+$/, '').toLowerCase());
}
