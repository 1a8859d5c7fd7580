// What a `Require` line names, and what the lines Apache read before it
// registered. mod_authz_core looks the provider up while it reads the line
// (add_authz_provider), so a provider defined later does not count; the same
// holds for the HTTP methods `Require method` accepts (verified on 2.4.71).
import type { ConfigModel, LiveItem } from '../config/buildConfigModel';
import { perModel } from '../config/oncePer';
import { defaultModuleIndex, type ModuleFact } from '../knowledge/moduleIndex';
import type { DirectiveNode } from '../parser/ast';

/** Providers each module registers (ap_register_auth_provider with AUTHZ_PROVIDER_GROUP). */
export const PROVIDER_MODULES: ReadonlyMap<string, string> = new Map(
  Object.entries({
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
  }),
);

/** The provider word of a Require line: the first, or the second after `not` (any case, as strcasecmp reads it). */
export function requireProvider(args: readonly string[]): { index: number; name: string | undefined } {
  const index = args[0]?.toLowerCase() === 'not' ? 1 : 0;
  return { index, name: args[index] };
}

/**
 * The module that registers a provider this configuration does not load:
 * undefined when it is loaded, compiled in, or the modules are unknown (a
 * file read without its main configuration), and for names no module has.
 */
export function missingProviderModule(model: ConfigModel, name: string): { identifier: string; fact?: ModuleFact } | undefined {
  const identifier = PROVIDER_MODULES.get(name);
  if (identifier === undefined || !model.modulesKnown || model.loadedModules.has(identifier)) return undefined;
  const fact = defaultModuleIndex().byIdentifier(identifier);
  return fact?.compiledIn ? undefined : { identifier, fact };
}

/** Names registered by the configuration, each with the reading position of its first registration. */
interface Registrations {
  /** Where each live Require line is first read. */
  requireAt: Map<DirectiveNode, number>;
  /** <AuthzProviderAlias>, AuthnzFcgiDefineProvider authz|authnz, LuaAuthzProvider. */
  providers: Map<string, number>;
  /** RegisterHttpMethod, <Limit>, <LimitExcept> and Script (ap_method_register); case-sensitive, as Apache compares methods. */
  methods: Map<string, number>;
}

const registrations = perModel((model: ConfigModel): Registrations => {
  const found: Registrations = { requireAt: new Map(), providers: new Map(), methods: new Map() };
  let position = 0;
  const register = (names: Map<string, number>, name: string | undefined) => {
    if (name && !names.has(name)) names.set(name, position);
  };
  const pending: LiveItem[] = [...model.tree].reverse();
  for (let item = pending.pop(); item; item = pending.pop()) {
    position++;
    const name = item.name.toLowerCase();
    if (item.kind === 'section') {
      // An alias is registered when Apache reads its open tag, before the body.
      if (name === 'authzprovideralias') register(found.providers, item.args[1]);
      if (name === 'limit' || name === 'limitexcept') for (const method of item.args) register(found.methods, method);
      for (let i = item.children.length - 1; i >= 0; i--) pending.push(item.children[i]);
      continue;
    }
    const args = item.args;
    if (name === 'require') {
      if (!found.requireAt.has(item.node)) found.requireAt.set(item.node, position);
    } else if (name === 'authnzfcgidefineprovider') {
      if (/^(authz|authnz)$/i.test(args[0] ?? '')) register(found.providers, args[1]);
    } else if (name === 'luaauthzprovider') {
      register(found.providers, args[0]);
    } else if (name === 'registerhttpmethod') {
      for (const method of args) register(found.methods, method);
    } else if (name === 'script') {
      register(found.methods, args[0]);
    }
  }
  return found;
});

/**
 * Whether a line read before this Require registered the provider or method
 * `name`. A Require line the model does not place (none should be) counts
 * every registration.
 */
export function registeredBefore(model: ConfigModel, kind: 'provider' | 'method', name: string, require: DirectiveNode): boolean {
  const known = registrations(model);
  const at = (kind === 'provider' ? known.providers : known.methods).get(name);
  if (at === undefined) return false;
  return at < (known.requireAt.get(require) ?? Infinity);
}
