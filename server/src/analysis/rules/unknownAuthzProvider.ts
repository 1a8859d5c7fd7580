// mod/unknown-authz-provider: `Require NAME …` looks NAME up among the
// authorization providers registered so far, case-sensitively, while Apache
// reads the line: "Unknown Authz provider: sslx" and `apache2 -t` fails
// (verified on 2.4.71; `Require SSL` fails too). Providers come from the
// loaded modules, and from lines read earlier: <AuthzProviderAlias>,
// AuthnzFcgiDefineProvider authz|authnz, LuaAuthzProvider (verified: one
// defined after the Require does not count).
import type { ConfigModel } from '../../config/buildConfigModel';
import { defaultModuleIndex } from '../../knowledge/moduleIndex';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { howToLoad } from '../moduleOfDirective';
import { linesNamed, proxyModel, wordRange } from '../proxyHosts';
import type { Rule } from '../types';

/** Providers each module registers (ap_register_auth_provider with AUTHZ_PROVIDER_GROUP). */
const PROVIDERS: Readonly<Record<string, string>> = {
  all: 'authz_core_module',
  env: 'authz_core_module',
  method: 'authz_core_module',
  expr: 'authz_core_module',
  ip: 'authz_host_module',
  host: 'authz_host_module',
  'forward-dns': 'authz_host_module',
  local: 'authz_host_module',
  user: 'authz_user_module',
  'valid-user': 'authz_user_module',
  group: 'authz_groupfile_module',
  'file-group': 'authz_groupfile_module',
  'dbm-group': 'authz_dbm_module',
  'dbm-file-group': 'authz_dbm_module',
  'file-owner': 'authz_owner_module',
  'dbd-group': 'authz_dbd_module',
  'dbd-login': 'authz_dbd_module',
  'dbd-logout': 'authz_dbd_module',
  'ldap-user': 'authnz_ldap_module',
  'ldap-group': 'authnz_ldap_module',
  'ldap-dn': 'authnz_ldap_module',
  'ldap-attribute': 'authnz_ldap_module',
  'ldap-filter': 'authnz_ldap_module',
  'ldap-search': 'authnz_ldap_module',
  ssl: 'ssl_module',
  'ssl-verify-client': 'ssl_module',
};

export const unknownAuthzProvider: Rule = modelRule(compute, {
  id: 'mod/unknown-authz-provider',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_authz_core.html#require',
  summary: '`Require NAME` where no loaded module (or earlier alias) provides NAME: "Unknown Authz provider".',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const modules = defaultModuleIndex();
  const foreign = [...model.loadedModules.keys()].some((identifier) => !modules.byIdentifier(identifier));
  const defined = new Set<string>();
  const proxy = proxyModel(model);
  let next = 0;
  const sections = proxy.sections.filter(({ section }) => section.name.toLowerCase() === 'authzprovideralias');
  for (const line of linesNamed(proxy, 'authnzfcgidefineprovider', 'luaauthzprovider', 'require')) {
    // <AuthzProviderAlias> registers its name when Apache reads the section, before its body.
    while (next < sections.length && sections[next].order <= line.order) {
      const alias = sections[next++].section.args[1];
      if (alias) defined.add(alias);
    }
    if (line.name === 'authnzfcgidefineprovider' && /^(authz|authnz)$/i.test(line.item.args[0] ?? '') && line.item.args[1]) defined.add(line.item.args[1]);
    if (line.name === 'luaauthzprovider' && line.item.args[0]) defined.add(line.item.args[0]);
    if (line.name !== 'require') continue;
    const index = line.item.args[0] === 'not' ? 1 : 0;
    const name = line.item.args[index];
    if (name === undefined || defined.has(name)) continue;
    const module = PROVIDERS[name];
    if (module === undefined) {
      if (foreign) continue;
      yield {
        path: line.item.path,
        finding: { range: wordRange(line, index), message: `Apache refuses this line: "Unknown Authz provider: ${name}".${suggestion(name)}` },
      };
      continue;
    }
    if (!model.modulesKnown || model.loadedModules.has(module) || modules.byIdentifier(module)?.compiledIn) continue;
    const fact = modules.byIdentifier(module);
    yield {
      path: line.item.path,
      finding: {
        range: wordRange(line, index),
        message:
          `Apache refuses this line: "Unknown Authz provider: ${name}". The provider comes from ${fact?.sourceName.replace(/\.c$/, '') ?? module}, which this configuration does not load` +
          (fact ? `: ${howToLoad(fact, model)}.` : '.'),
      },
    };
  }
}

/** Provider names match exactly: `Require SSL` is not `Require ssl`. */
function suggestion(name: string): string {
  const known = Object.keys(PROVIDERS).find((provider) => provider === name.toLowerCase());
  return known ? ` Provider names are case-sensitive: write "${known}".` : '';
}
