// Decides whether a file that is not named like an Apache config still is one,
// from its first meaningful lines. Used by the client (switching a plain .conf
// to apacheconf) and by the CLI (which files of a folder to check).

/** An opening or closing section tag, `<VirtualHost *:443>` or `</Location>`. */
const SECTION_LINE =
  /^\s*<\/?(VirtualHost|Directory|DirectoryMatch|Location|LocationMatch|Files|FilesMatch|IfModule|IfDefine|IfVersion|Proxy|ProxyMatch|RequireAll|RequireAny|If)(\s|>)/i;

/**
 * Directives only Apache (and its close imitators) use. Matched in their
 * documented spelling: lower-case `options`, `include` … are what resolv.conf,
 * modprobe.d, nginx and smb.conf write, and must not count.
 */
const STRONG_DIRECTIVE =
  /^\s*(LoadModule|ServerName|ServerAlias|ServerRoot|DocumentRoot|SSLEngine|SSLCertificateFile|SSLProtocol|ProxyPass|ProxyPassReverse|IncludeOptional|ErrorLog|CustomLog|RewriteEngine|RewriteRule|AllowOverride|RequestHeader)\s+[^\s=]/;

/** Directive names other formats share (ssh_config has `Include`): two of them are needed. */
const WEAK_DIRECTIVE = /^\s*(Listen|Include|Require|Options|Header|Alias|Redirect)\s+[^\s=]/;

/** Lines looked at: enough to get past a licence header, few enough to be instant. */
const LINES_EXAMINED = 60;

export function looksLikeApacheConfig(text: string): boolean {
  let seen = 0;
  let weak = 0;
  let start = 0;
  while (start < text.length && seen < LINES_EXAMINED) {
    const newline = text.indexOf('\n', start);
    const line = text.slice(start, newline === -1 ? text.length : newline);
    start = newline === -1 ? text.length : newline + 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    // nginx / C-like syntax is never Apache, whatever the directive name.
    const cLike = trimmed.endsWith(';') || trimmed.endsWith('{');
    if (!cLike) {
      if (SECTION_LINE.test(line) || STRONG_DIRECTIVE.test(line)) return true;
      if (WEAK_DIRECTIVE.test(line) && ++weak >= 2) return true;
    }
    seen++;
  }
  return false;
}

const APACHE_FILE_NAMES = ['httpd.conf', 'apache2.conf', 'apache.conf', '.htaccess', 'ports.conf'];

/**
 * File names that are Apache configs whatever their content (matches package.json
 * `contributes.languages`). Case-insensitive, as VS Code matches those.
 */
export function isApacheConfigName(path: string): boolean {
  const normalized = path.replace(/\\/g, '/').toLowerCase();
  const base = normalized.slice(normalized.lastIndexOf('/') + 1);
  if (APACHE_FILE_NAMES.includes(base)) return true;
  return /(^|\/)(sites-available|sites-enabled)\/[^/]+$/.test(normalized) ||
    /(^|\/)(conf\.d|conf-available|conf-enabled|mods-available|mods-enabled|conf\.modules\.d)\/[^/]+\.conf$/.test(normalized);
}
