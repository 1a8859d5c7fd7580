// proxy/sslproxyengine-unused: SSLProxyEngine on in a host that sends
// nothing to a TLS backend. The manual: it
// "should not, in general, be included in a virtual host that will be acting
// as a forward proxy", and is not needed to forward CONNECT. Hosts that
// forward-proxy, or pass to targets only known at request time, may still use
// it and are left alone. Settings in <Proxy> sections are not judged.
import { DiagnosticTag } from 'vscode-languageserver-types';
import type { ConfigModel } from '../../config/buildConfigModel';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { balancerName, hostSetting, isOn, isProxyFlag, proxyModel, tlsBackends, type Backend, type Host, type ProxyModel } from '../proxyHosts';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';

export const proxySslProxyEngineUnused: Rule = modelRule(compute, {
  id: 'proxy/sslproxyengine-unused',
  severity: 'information',
  tags: [DiagnosticTag.Unnecessary],
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslproxyengine',
  summary: '`SSLProxyEngine on` in a host that proxies to no TLS backend.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  const tls = tlsBackends(proxy);
  const tlsBalancers = new Set(tls.filter((backend) => backend.kind === 'BalancerMember').map((backend) => balancerName(backend.sectionUrl)));
  const tlsSet = new Set(tls);
  const isTls = (backend: Backend) => tlsSet.has(backend) || (backend.kind !== 'BalancerMember' && tlsBalancers.has(balancerName(backend.url)));
  // ProxyPass lines of the server config apply in every virtual host too (mod_proxy merges them first).
  const serverUses = proxy.server.lines.some((line) => usesTls(proxy, line, isTls, false));
  const uses = (host: Host) =>
    isOn(hostSetting(proxy, host, 'proxyrequests')) || serverUses || host.lines.some((line) => usesTls(proxy, line, isTls, true));
  const hostUses = new Map(proxy.virtualHosts.map((host) => [host, uses(host)]));
  for (const host of proxy.hosts) {
    const used = host === proxy.server ? uses(host) || [...hostUses.values()].some(Boolean) : hostUses.get(host);
    if (used) continue;
    const shown = host.lines.find((line) => line.within.length === 0 && line.name === 'sslproxyengine' && isOn(line));
    if (!shown) continue;
    yield {
      path: shown.item.path,
      finding: {
        range: directiveReportRange(shown.item.node),
        message:
          `${shown.item.name} on is not needed: ${host.virtualHost ? 'this virtual host' : 'no host of this configuration'} proxies to no https://, wss:// or h2:// backend. ` +
          'It only matters for TLS connections to backends; forwarding CONNECT does not need it.',
      },
    };
  }
}

/** Whether a line may open a TLS connection to a backend: a TLS target, or one Apache only learns per request. */
function usesTls(proxy: ProxyModel, line: Host['lines'][number], isTls: (backend: Backend) => boolean, withMembers: boolean): boolean {
  const backend = proxy.backendByLine.get(line);
  if (backend) return (withMembers || backend.kind !== 'BalancerMember') && (isTls(backend) || (!backend.parsed && backend.url !== '!'));
  return line.name === 'rewriterule' && line.item.args.length >= 3 && isProxyFlag(line.item.args[2]);
}
