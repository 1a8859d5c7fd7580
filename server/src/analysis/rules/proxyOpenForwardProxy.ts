// proxy/open-forward-proxy: ProxyRequests On makes the host a forward proxy
// for anyone who can reach it, unless a <Proxy "*"> section (or a
// <ProxyMatch> that matches every URL) restricts who may use it. The manual
// warns: "Do not enable proxying with ProxyRequests until you have secured
// your server. Open proxy servers are dangerous both to your network and to
// the Internet at large."
import type { ConfigModel, LiveSection } from '../../config/buildConfigModel';
import { tryRegExp } from '../backendUrl';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { isOn, linesNamed, proxyModel, sectionPattern, type Host, type ProxyModel } from '../proxyHosts';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';

/** URLs a forward proxy is asked for, CONNECT's host:port among them. */
const SAMPLE_URLS = ['http://example.com/', 'https://example.org:8443/a?b', 'ftp://example.net/x', 'example.com:443'];

export const proxyOpenForwardProxy: Rule = modelRule(compute, {
  id: 'proxy/open-forward-proxy',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_proxy.html#access',
  summary: '`ProxyRequests On` without a `<Proxy "*">` that restricts who may use the proxy: an open proxy.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  for (const line of linesNamed(proxy, 'proxyrequests')) {
    if (!isOn(line) || line.within.length > 0) continue;
    if (restricted(proxy, line.host)) continue;
    yield {
      path: line.item.path,
      finding: {
        range: directiveReportRange(line.item.node),
        message:
          'ProxyRequests On turns this host into a forward proxy, and no <Proxy "*"> section restricts who may use it: anyone who reaches the port can relay requests through it. ' +
          'Add <Proxy "*"> with Require ip (or another Require) for the clients that may use it, or set ProxyRequests Off when only ProxyPass is wanted.',
      },
    };
  }
}

/** A <Proxy>/<ProxyMatch> for every URL, in the host or the server config, with an access rule that is not "all granted". */
function restricted(proxy: ProxyModel, host: Host): boolean {
  return proxy.sections.some(({ section, host: owner }) => (owner === host || owner === proxy.server) && coversAll(section) && limitsAccess(proxy, section));
}

function coversAll(section: LiveSection): boolean {
  const name = section.name.toLowerCase();
  const pattern = sectionPattern(section);
  if (name === 'proxy' && section.args[0] !== '~') return pattern === '*';
  if (name !== 'proxymatch' && !(name === 'proxy' && section.args[0] === '~')) return false;
  const regex = tryRegExp(pattern);
  return regex !== undefined && SAMPLE_URLS.every((url) => regex.test(url));
}

function limitsAccess(proxy: ProxyModel, section: LiveSection): boolean {
  return proxy.lines.some((line) => {
    if (!line.within.includes(section)) return false;
    if (line.name === 'require') return !(line.item.args[0]?.toLowerCase() === 'all' && line.item.args[1]?.toLowerCase() === 'granted');
    if (line.name === 'allow') return !/^all$/i.test(line.item.args[1] ?? '');
    return line.name === 'deny' || line.name === 'authtype';
  });
}
