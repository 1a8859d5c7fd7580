// Where a directive can be placed, as `apache2 -t` decides. Shared by the
// generator (which probes every directive) and by the data test (which re-probes a sample).

export const PROBE_CONTEXTS = ['server', 'virtualhost', 'directory', 'files', 'location', 'if', 'proxy', 'limit'] as const;
export type ProbeContext = (typeof PROBE_CONTEXTS)[number];

/** Opening and closing lines around a probed directive, one per context. */
const WRAPPERS: Record<ProbeContext, [string[], string[]]> = {
  server: [[], []],
  virtualhost: [['<VirtualHost *:80>'], ['</VirtualHost>']],
  directory: [['<Directory "/tmp">'], ['</Directory>']],
  files: [['<Files "x">'], ['</Files>']],
  location: [['<Location "/x">'], ['</Location>']],
  if: [['<If "true">'], ['</If>']],
  proxy: [['<Proxy "*">'], ['</Proxy>']],
  limit: [['<Directory "/tmp">', '<Limit GET>'], ['</Limit>', '</Directory>']],
};

/** `lines` placed in `context`. */
export function wrapIn(context: ProbeContext, lines: string[]): string[] {
  const [open, close] = WRAPPERS[context];
  return [...open, ...lines, ...close];
}

/**
 * Apache's messages that mean "this directive may not be placed here", as
 * observed from 2.4.71 while generating the data. Anything else (Syntax OK, or
 * a complaint about the argument values) means the placement itself is allowed.
 */
export const CONTEXT_REFUSALS: { pattern: RegExp; source: string }[] = [
  // server/config.c invoke_cmd: the directive's req_override bits are missing in this section.
  { pattern: / not allowed here$/, source: 'config.c invoke_cmd (top level or <VirtualHost>)' },
  { pattern: / not allowed in <[^>]+> context$/, source: 'config.c invoke_cmd (inside a section)' },
  // server/core.c ap_check_cmd_context: NOT_IN_VIRTUALHOST, NOT_IN_DIRECTORY, NOT_IN_LIMIT, GLOBAL_ONLY, ...
  { pattern: / cannot occur within .+ section$/, source: 'core.c ap_check_cmd_context' },
  { pattern: / cannot occur within (htaccess files|directory context)$/, source: 'core.c ap_check_cmd_context' },
  // Handlers that check the placement themselves.
  { pattern: /^PidFile directive not allowed in <VirtualHost>$/, source: 'mpm_common.c ap_mpm_set_pidfile' },
  { pattern: /^ServerAlias only used in <VirtualHost>$/, source: 'core.c set_server_alias' },
  // SSLCACertificateFile/Path per directory (mod_ssl ssl_cmd_SSLCACertificate*).
  { pattern: /^Your SSL library does not have support for per-directory CA$/, source: 'mod_ssl' },
  { pattern: / is not allowed inside an '[^']+' context/, source: 'mod_md' },
  { pattern: / is only valid inside a '[^']+' context, not here/, source: 'mod_md' },
  { pattern: /only valid in per-directory config files$/, source: 'mod_rewrite RewriteBase' },
];

export function isContextRefusal(message: string | undefined): boolean {
  return message !== undefined && CONTEXT_REFUSALS.some(({ pattern }) => pattern.test(message));
}

/**
 * Directives `apache2 -L` lists as allowed in .htaccess whose handler refuses
 * it anyway ("cannot occur within htaccess files", NOT_IN_HTACCESS). -t never
 * reads .htaccess, so these were found with a running Apache
 * (test/oracle/contexts.test.ts checks them again).
 */
const REFUSED_IN_HTACCESS = new Set(['proxyhcexpr', 'proxyhctemplate']);

/** Whether .htaccess files may hold the directive. */
export function allowedInHtaccess(name: string, allowedText: string): boolean {
  return /in \.htaccess/.test(allowedText) && !REFUSED_IN_HTACCESS.has(name.toLowerCase());
}
