// Why a directive is deprecated or obsolete, in our words. The generator
// attaches these by name (or by module, for modules the manual marks
// Deprecated) and reports any directive the manual flags that this file misses.

/** Directive name (lower case) → reason. */
export const DEPRECATED_DIRECTIVES: Record<string, string> = {
  sslcertificatechainfile:
    'Obsolete since 2.4.8: put the intermediate certificates in the SSLCertificateFile file, after the server certificate.',
  sslrequire: 'Deprecated: use Require expr, which takes the same expressions and combines with other Require lines.',
  namevirtualhost:
    'Has no effect since 2.4: name-based virtual hosts are selected automatically; Apache only warns (AH00548).',
  defaulttype: "Has no effect since 2.3 apart from a warning when the value is not 'none'; use AddType or ForceType.",
  maxclients: 'Old name of MaxRequestWorkers (renamed in 2.3.13); still accepted.',
  maxrequestsperchild: 'Old name of MaxConnectionsPerChild (renamed in 2.3.9); still accepted.',
  port: 'Removed in 2.0: Apache refuses it; set the port with Listen and the name with ServerName.',
  fancyindexing: 'Removed: Apache refuses it; use IndexOptions FancyIndexing.',
  ssllog: 'Removed: use ErrorLog.',
  sslloglevel: 'Removed: use LogLevel ssl:<level>.',
  proxywebsocketfallbacktoproxyhttp:
    'Deprecated with mod_proxy_wstunnel: since 2.4.47 mod_proxy_http handles WebSocket upgrades itself.',
};

/** Module → reason, for every directive of a module the manual marks Deprecated. */
export const DEPRECATED_MODULES: Record<string, string> = {
  mod_access_compat: 'Apache 2.2 access control, kept only for compatibility: use Require (mod_authz_core, mod_authz_host).',
  mod_cern_meta: 'mod_cern_meta is deprecated: set response headers with mod_headers instead.',
  mod_imagemap: 'mod_imagemap is deprecated: server-side image maps are obsolete; use client-side maps.',
  mod_privileges: 'mod_privileges (Solaris only) is deprecated.',
  mod_proxy_wstunnel:
    'mod_proxy_wstunnel is deprecated: since 2.4.47 mod_proxy_http tunnels WebSocket upgrades (ProxyPass ... upgrade=websocket).',
};

/** The deprecation reason for `name` of `module`, if any. */
export function deprecationFor(name: string, module: string): string | undefined {
  return DEPRECATED_DIRECTIVES[name.toLowerCase()] ?? DEPRECATED_MODULES[module];
}
