// Decides whether a file that is not named like an Apache config still is one,
// from its first meaningful lines. Used by the client (switching a plain .conf
// to apacheconf) and by the CLI (which files of a folder to check).

const APACHE_LINE =
  /^\s*(<\/?(VirtualHost|Directory|DirectoryMatch|Location|LocationMatch|Files|FilesMatch|IfModule|IfDefine|IfVersion|Proxy|ProxyMatch|RequireAll|RequireAny|If)\b|(LoadModule|ServerName|ServerAlias|ServerRoot|DocumentRoot|SSLEngine|SSLCertificateFile|SSLProtocol|ProxyPass|ProxyPassReverse|Listen|Include|IncludeOptional|ErrorLog|CustomLog|RewriteEngine|RewriteRule|Require|AllowOverride|Options|Header|RequestHeader|Alias|Redirect)\s)/i;

/** Lines looked at: enough to get past a licence header, few enough to be instant. */
const LINES_EXAMINED = 60;

export function looksLikeApacheConfig(text: string): boolean {
  let seen = 0;
  let start = 0;
  while (start < text.length && seen < LINES_EXAMINED) {
    const newline = text.indexOf('\n', start);
    const line = text.slice(start, newline === -1 ? text.length : newline);
    start = newline === -1 ? text.length : newline + 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (APACHE_LINE.test(line)) return true;
    seen++;
  }
  return false;
}

/** File names that are Apache configs whatever their content (matches package.json `contributes.languages`). */
export function isApacheConfigName(path: string): boolean {
  const normalized = path.replace(/\\/g, '/');
  const base = normalized.slice(normalized.lastIndexOf('/') + 1);
  if (['httpd.conf', 'apache2.conf', 'apache.conf', '.htaccess', 'ports.conf'].includes(base)) return true;
  return /\/(sites-available|sites-enabled)\/[^/]+$/.test(normalized) ||
    /\/(conf\.d|conf-available|conf-enabled|mods-available|mods-enabled|conf\.modules\.d)\/[^/]+\.conf$/.test(normalized);
}
