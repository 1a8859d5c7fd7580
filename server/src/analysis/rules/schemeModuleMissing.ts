// mod/scheme-module-missing: mod_proxy hands each request to the module of
// its backend's scheme. Without it `apache2 -t` passes and every request
// fails with 500: "AH01144: No protocol handler was valid for the URL …
// (scheme 'http')". Verified on 2.4.71: http without mod_proxy_http, https
// without mod_ssl (mod_proxy_http declines it), balancer without
// mod_proxy_balancer; ws:// works with mod_proxy_http alone. A balancer also
// needs mod_slotmem_shm (else the start fails: AH01177) and, unless lbmethod=
// names another, mod_lbmethod_byrequests (else AH02432 and AH01183 "Cannot
// share balancer", start fails). When the tree loads no module at all, which
// modules Apache has is unknown and nothing is said.
import type { ConfigModel } from '../../config/buildConfigModel';
import { defaultModuleIndex } from '../../knowledge/moduleIndex';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { howToLoad } from '../moduleOfDirective';
import { balancerName, proxyModel, wordRange, type Backend, type ProxyModel } from '../proxyHosts';
import type { Rule } from '../types';

/** Modules a scheme needs; a nested list is "any one of these". */
const NEEDS: Readonly<Record<string, readonly (string | readonly string[])[]>> = {
  http: ['proxy_http_module'],
  https: ['proxy_http_module', 'ssl_module'],
  ws: [['proxy_http_module', 'proxy_wstunnel_module']],
  wss: [['proxy_http_module', 'proxy_wstunnel_module'], 'ssl_module'],
  h2: ['proxy_http2_module', 'ssl_module'],
  h2c: ['proxy_http2_module'],
  ajp: ['proxy_ajp_module'],
  fcgi: ['proxy_fcgi_module'],
  scgi: ['proxy_scgi_module'],
  uwsgi: ['proxy_uwsgi_module'],
  ftp: ['proxy_ftp_module'],
  balancer: ['proxy_balancer_module', 'slotmem_shm_module'],
};

export const schemeModuleMissing: Rule = modelRule(compute, {
  id: 'mod/scheme-module-missing',
  severity: 'error',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_proxy.html',
  summary: 'A backend scheme (`http://`, `fcgi://`, `balancer://`…) whose mod_proxy module is not loaded: every request fails with 500 (AH01144).',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  if (!model.modulesKnown) return;
  const modules = defaultModuleIndex();
  const loaded = (identifier: string) => model.loadedModules.has(identifier) || modules.byIdentifier(identifier)?.compiledIn === true;
  const proxy = proxyModel(model);
  for (const backend of proxy.backends) {
    const scheme = backend.parsed?.scheme;
    if (!scheme || !NEEDS[scheme] || backend.url === '!' || backend.patternAsText) continue;
    // Without mod_proxy, ProxyPass itself is unknown: mod/unknown-directive speaks.
    if (backend.kind !== 'RewriteRule' && !loaded('proxy_module')) continue;
    const wanted = [...NEEDS[scheme], ...(backend.kind === 'RewriteRule' ? ['proxy_module'] : []), ...lbmethod(proxy, backend)];
    const missing = wanted.flatMap((need) => (typeof need === 'string' ? (loaded(need) ? [] : [need]) : need.some(loaded) ? [] : [need[0]]));
    if (missing.length === 0) continue;
    const facts = missing.map((identifier) => modules.byIdentifier(identifier)).filter((fact) => fact !== undefined);
    const startup = missing.some((identifier) => identifier === 'slotmem_shm_module' || identifier.startsWith('lbmethod_'));
    yield {
      path: backend.line.item.path,
      finding: {
        range: wordRange(backend.line, backend.urlIndex),
        message:
          `${scheme}:// needs ${missing.map((identifier) => modules.byIdentifier(identifier)?.sourceName.replace(/\.c$/, '') ?? identifier).join(' and ')}, which this configuration does not load. ` +
          (startup
            ? 'Apache refuses to start (AH01177 "Failed to lookup provider \'shm\' for \'slotmem\'", or AH01183 "Cannot share balancer" without an lbmethod module). '
            : `\`apache2 -t\` says Syntax OK, but every request to it fails with 500: "AH01144: No protocol handler was valid for the URL … (scheme '${scheme}')". `) +
          `To fix it, ${facts.map((fact) => howToLoad(fact, model)).join(' and ')}.`,
        data: { modules: facts.filter((fact) => fact.file).map((fact) => ({ identifier: fact.identifier, file: fact.file })) },
      },
    };
  }
}

/** mod_lbmethod_byrequests for a balancer ProxyPass whose balancer nowhere sets lbmethod= (byrequests is the default). */
function lbmethod(proxy: ProxyModel, backend: Backend): string[] {
  if (backend.parsed?.scheme !== 'balancer' || backend.kind === 'BalancerMember') return [];
  return proxy.balancers.get(balancerName(backend.url))?.lbmethodSet ? [] : ['lbmethod_byrequests_module'];
}
