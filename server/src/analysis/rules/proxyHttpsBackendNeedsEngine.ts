// proxy/https-backend-needs-sslproxyengine: a backend reached over TLS
// (https://, wss://, h2://, also a balancer member) needs mod_ssl's proxy
// side switched on for the request: SSLProxyEngine on in a <Proxy> section
// that matches the URL, in the virtual host, or in the server config, which
// virtual hosts inherit. `apache2 -t` says Syntax OK; each request fails with
// 500 and the error log has "AH00961: https: failed to enable ssl support for
// ADDRESS (HOST)" (verified on 2.4.71; mod_ssl's own hint about SSLProxyEngine,
// AH01961 up to 2.4.48, is now logged at debug level only). Where SSLProxyEngine is unknown (mod_ssl not loaded),
// mod/scheme-module-missing speaks instead.
import type { ConfigModel } from '../../config/buildConfigModel';
import { sectionPlacement } from '../../knowledge/sectionPlacement';
import type { DirectiveNode, SectionNode } from '../../parser/ast';
import { insertionBefore, type InsertionPoint } from '../insertionPoint';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { engineOn, proxyModel, tlsBackends, wordRange, type Backend } from '../proxyHosts';
import type { Rule } from '../types';

export const proxyHttpsBackendNeedsEngine: Rule = modelRule(compute, {
  id: 'proxy/https-backend-needs-sslproxyengine',
  citesLines: true,
  severity: 'error',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslproxyengine',
  summary: 'A backend reached over TLS (`https://`, `wss://`, `h2://`) without `SSLProxyEngine on` in force: every request to it fails with 500.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  if (model.isDirectiveAvailable('SSLProxyEngine') === false) return;
  const proxy = proxyModel(model);
  for (const backend of tlsBackends(proxy)) {
    if (engineOn(proxy, backend)) continue;
    const scheme = backend.parsed?.scheme ?? 'https';
    const insertion = engineInsertion(model, backend);
    yield {
      path: backend.line.item.path,
      finding: {
        range: wordRange(backend.line, backend.urlIndex),
        message:
          `This ${scheme}:// backend needs SSLProxyEngine on (in the virtual host, the server config or a <Proxy> section for it), and none is in force here. ` +
          '`apache2 -t` says Syntax OK, but every request to it fails with 500, and the error log says "AH00961: https: failed to enable ssl support for …". ' +
          'Also verify the backend: SSLProxyVerify require with SSLProxyCACertificateFile.',
        ...(insertion ? { data: { insertion } } : {}),
      },
    };
  }
}

/**
 * Where `SSLProxyEngine on` can go: before the line's outermost per-directory
 * section in its file (SSLProxyEngine is refused in <Location>, <Directory>
 * and <If>), so it stands at host level. None when the file itself is
 * included inside a per-directory section.
 */
function engineInsertion(model: ConfigModel, backend: Backend): InsertionPoint | undefined {
  const enclosing = model.files.get(backend.line.item.path)?.enclosing ?? [];
  if (enclosing.some((section) => isPerDirectory(section))) return undefined;
  let anchor: DirectiveNode | SectionNode = backend.line.item.node;
  while (anchor.parent.kind === 'section' && isPerDirectory(anchor.parent)) anchor = anchor.parent;
  return insertionBefore(anchor);
}

function isPerDirectory(section: SectionNode): boolean {
  const kind = sectionPlacement(section.name);
  return kind !== undefined && kind !== 'virtualhost';
}
