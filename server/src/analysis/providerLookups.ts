// Names Apache looks up while it reads a line, and what the lines read
// before it registered. mod_authz_core looks a `Require` line's provider up
// as it reads the line (add_authz_provider), so a provider defined later does
// not count; the same holds for the HTTP methods `Require method` accepts
// (verified on 2.4.71), for the authentication providers AuthBasicProvider,
// AuthDigestProvider and AuthFormProvider name (each module's
// add_authn_provider), and for the output filters AddOutputFilterByType and
// FilterProvider name (mod_filter's add_filter; ExtFilterDefine and
// LuaOutputFilter register theirs as read).
import type { ConfigModel, LiveItem } from '../config/buildConfigModel';
import { perModel } from '../config/oncePer';
import { defaultModuleIndex, type ModuleFact } from '../knowledge/moduleIndex';
import type { DirectiveNode, SectionNode } from '../parser/ast';

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

/**
 * Authentication providers each module registers (AUTHN_PROVIDER_GROUP), and
 * whether the provider can give a realm hash, which Digest authentication
 * needs (mod_authn_anon's and mod_authnz_ldap's cannot).
 */
export const AUTHN_PROVIDER_MODULES: ReadonlyMap<string, { identifier: string; digest: boolean }> = new Map(
  Object.entries({
    file: { identifier: 'authn_file_module', digest: true },
    dbm: { identifier: 'authn_dbm_module', digest: true },
    dbd: { identifier: 'authn_dbd_module', digest: true },
    socache: { identifier: 'authn_socache_module', digest: true },
    anon: { identifier: 'authn_anon_module', digest: false },
    ldap: { identifier: 'authnz_ldap_module', digest: false },
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
  return identifier === undefined ? undefined : missingModule(model, identifier);
}

/** A module the configuration does not load: undefined when it is loaded, compiled in, or the tree's modules are unknown. */
export function missingModule(model: ConfigModel, identifier: string): { identifier: string; fact?: ModuleFact } | undefined {
  if (!model.modulesKnown || model.loadedModules.has(identifier)) return undefined;
  const fact = defaultModuleIndex().byIdentifier(identifier);
  return fact?.compiledIn ? undefined : { identifier, fact };
}

/** Names registered by the configuration, each with the reading position of its first registration. */
interface Registrations {
  /** Where each live Require, AuthBasicProvider, AuthDigestProvider, AuthFormProvider, AddOutputFilterByType, FilterProvider line and <AuthnProviderAlias> is first read. */
  readAt: Map<DirectiveNode | SectionNode, number>;
  /** <AuthzProviderAlias>, AuthnzFcgiDefineProvider authz|authnz, LuaAuthzProvider. */
  providers: Map<string, number>;
  /** <AuthnProviderAlias> (once its body is read, with its base provider's digest support), AuthnzFcgiDefineProvider authn|authnz (no digest). */
  authnProviders: Map<string, { at: number; digest: boolean }>;
  /** RegisterHttpMethod, <Limit>, <LimitExcept> and Script (ap_method_register); case-sensitive, as Apache compares methods. */
  methods: Map<string, number>;
  /** Output filters ExtFilterDefine and LuaOutputFilter register, by lower-case name (Apache compares them without case). */
  filters: Map<string, number>;
}

/** Lines whose provider Apache looks up as it reads them. */
const PROVIDER_LINES = new Set(['require', 'authbasicprovider', 'authdigestprovider', 'authformprovider', 'addoutputfilterbytype', 'filterprovider']);

const registrations = perModel((model: ConfigModel): Registrations => {
  const found: Registrations = { readAt: new Map(), providers: new Map(), authnProviders: new Map(), methods: new Map(), filters: new Map() };
  let position = 0;
  const register = (names: Map<string, number>, name: string | undefined) => {
    if (name && !names.has(name)) names.set(name, position);
  };
  const registerAuthn = (name: string | undefined, digest: boolean) => {
    if (name && !found.authnProviders.has(name)) found.authnProviders.set(name, { at: position, digest });
  };
  // A function on the stack runs once everything pushed before it has been read: the end of a section's body.
  const pending: (LiveItem | (() => void))[] = [...model.tree].reverse();
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (typeof item === 'function') {
      item();
      continue;
    }
    position++;
    const name = item.name.toLowerCase();
    if (PROVIDER_LINES.has(name) || name === 'authnprovideralias') {
      if (!found.readAt.has(item.node)) found.readAt.set(item.node, position);
    }
    if (item.kind === 'section') {
      // An authz alias is registered when Apache reads its open tag, before the body; an authn alias after its body.
      if (name === 'authzprovideralias') register(found.providers, item.args[1]);
      if (name === 'authnprovideralias') {
        const [base, alias] = item.args;
        pending.push(() => registerAuthn(alias, base === undefined || (found.authnProviders.get(base) ?? AUTHN_PROVIDER_MODULES.get(base))?.digest !== false));
      }
      if (name === 'limit' || name === 'limitexcept') for (const method of item.args) register(found.methods, method);
      for (let i = item.children.length - 1; i >= 0; i--) pending.push(item.children[i]);
      continue;
    }
    const args = item.args;
    if (name === 'authnzfcgidefineprovider') {
      if (/^(authz|authnz)$/i.test(args[0] ?? '')) register(found.providers, args[1]);
      // mod_authnz_fcgi gives no realm hash.
      if (/^(authn|authnz)$/i.test(args[0] ?? '')) registerAuthn(args[1], false);
    } else if (name === 'luaauthzprovider') {
      register(found.providers, args[0]);
    } else if (name === 'registerhttpmethod') {
      for (const method of args) register(found.methods, method);
    } else if (name === 'script') {
      register(found.methods, args[0]);
    } else if (name === 'extfilterdefine' || name === 'luaoutputfilter') {
      register(found.filters, args[0]?.toLowerCase());
    }
  }
  return found;
});

/**
 * Whether a line read before this one (a Require, or for filters an
 * AddOutputFilterByType or FilterProvider) registered the provider, method or
 * output filter `name`. A line the model does not place (none should be)
 * counts every registration.
 */
export function registeredBefore(model: ConfigModel, kind: 'provider' | 'method' | 'filter', name: string, line: DirectiveNode): boolean {
  const known = registrations(model);
  const at = (kind === 'provider' ? known.providers : kind === 'method' ? known.methods : known.filters).get(kind === 'filter' ? name.toLowerCase() : name);
  if (at === undefined) return false;
  return at < (known.readAt.get(line) ?? Infinity);
}

/**
 * The authentication provider `name` as a line or <AuthnProviderAlias> read
 * before `line` registered it, with whether it can serve Digest
 * authentication; undefined when none did. Module providers are not here.
 */
export function authnRegisteredBefore(model: ConfigModel, name: string, line: DirectiveNode | SectionNode): { digest: boolean } | undefined {
  const known = registrations(model);
  const registered = known.authnProviders.get(name);
  return registered && registered.at < (known.readAt.get(line) ?? Infinity) ? registered : undefined;
}
