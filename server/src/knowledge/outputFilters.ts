// The output filters each module registers while Apache starts
// (ap_register_output_filter in its register_hooks), by lower-case name:
// Apache looks filter names up without case. mod_filter's
// AddOutputFilterByType and FilterProvider refuse a name no loaded module
// registered ("Unknown filter provider DEFLATE"). Read from httpd 2.4's
// source and checked against 2.4.71's binary by test/oracle/filterProviders.test.ts.

/** Names registered by core and the modules compiled into every httpd (http, logio): always there. */
const ALWAYS = ['CONTENT_LENGTH', 'CORE', 'SUBREQ_CORE', 'OLD_WRITE', 'HTTP_HEADER', 'CHUNK', 'HTTP_OUTERROR', 'BYTERANGE', 'LOGIO_TTFB_OUT'];

const BY_MODULE: Readonly<Record<string, readonly string[]>> = {
  cache_module: ['CACHE', 'CACHE_SAVE', 'CACHE_SAVE_SUBREQ', 'CACHE_OUT', 'CACHE_OUT_SUBREQ', 'CACHE_REMOVE_URL', 'CACHE_INVALIDATE'],
  bucketeer_module: ['BUCKETEER'],
  dumpio_module: ['DUMPIO_OUT'],
  case_filter_module: ['CaseFilter'],
  brotli_module: ['BROTLI_COMPRESS'],
  buffer_module: ['BUFFER'],
  charset_lite_module: ['XLATEOUT'],
  data_module: ['DATA'],
  deflate_module: ['DEFLATE', 'INFLATE'],
  include_module: ['INCLUDES'],
  proxy_html_module: ['proxy-html'],
  ratelimit_module: ['RATE_LIMIT'],
  reqtimeout_module: ['reqtimeout'],
  sed_module: ['Sed'],
  substitute_module: ['SUBSTITUTE'],
  xml2enc_module: ['xml2enc'],
  http2_module: ['H2_C2_NET_OUT', 'H2_C2_NET_CATCH_H1', 'H2_C2_RESPONSE_OUT', 'H2_C2_TRAILERS_OUT', 'H2_C2_WS_OUT'],
  expires_module: ['MOD_EXPIRES'],
  headers_module: ['FIXUP_HEADERS_OUT', 'FIXUP_HEADERS_ERR'],
  session_module: ['MOD_SESSION_OUT'],
  proxy_ftp_module: ['PROXY_SEND_DIR'],
  ssl_module: ['SSL/TLS Filter', 'SSL/TLS Coalescing Filter'],
};

/** Each name as written in the source. */
export const OUTPUT_FILTER_NAMES: readonly string[] = [...ALWAYS, ...Object.values(BY_MODULE).flat()];

/** The module that registers each output filter, by lower-case name; null for those always there. */
export const OUTPUT_FILTER_MODULES: ReadonlyMap<string, string | null> = new Map([
  ...ALWAYS.map((name): [string, null] => [name.toLowerCase(), null]),
  ...Object.entries(BY_MODULE).flatMap(([module, names]) => names.map((name): [string, string] => [name.toLowerCase(), module])),
]);
