// Arguments used only to PROBE a directive (never written to the data): a
// context probe is only meaningful with arguments the directive accepts, or the
// handler's complaint about a value could hide the placement check that follows it.
import type { Arity } from './arity';

export interface ProbePaths {
  /** An existing empty file. */
  file: string;
  /** An existing folder. */
  dir: string;
}

/** Sections: what goes inside the opening tag, and a body where an empty one is refused. */
export const SECTION_PROBES: Record<string, { args: string; body?: string[]; before?: string[] }> = {
  '<authnprovideralias': { args: 'file probe-alias' },
  '<authzprovideralias': { args: 'user probe-alias a1' },
  '<directory': { args: '"/tmp"' },
  '<directorymatch': { args: '"^/tmp"' },
  // <Else> and <ElseIf> must follow an <If> in the same scope.
  '<else': { args: '', before: ['<If "true">', '</If>'] },
  '<elseif': { args: '"true"', before: ['<If "true">', '</If>'] },
  '<files': { args: '"x"' },
  '<filesmatch': { args: '"x"' },
  '<if': { args: '"true"' },
  '<ifdefine': { args: 'PROBE' },
  '<ifdirective': { args: 'Listen' },
  '<iffile': { args: '/tmp' },
  '<ifmodule': { args: 'ssl_module' },
  '<ifsection': { args: 'VirtualHost' },
  '<ifversion': { args: '>= 2.4' },
  '<limit': { args: 'GET' },
  '<limitexcept': { args: 'GET' },
  '<location': { args: '"/x"' },
  '<locationmatch': { args: '"^/x"' },
  '<macro': { args: 'ProbeMacro $a', body: ['# $a'] },
  '<mdomain': { args: 'probe.example.org' },
  '<mdomainset': { args: 'probe.example.org' },
  '<proxy': { args: '"*"' },
  '<proxymatch': { args: '".*"' },
  '<requireall': { args: '', body: ['Require all granted'] },
  '<requireany': { args: '', body: ['Require all granted'] },
  '<requirenone': { args: '', body: ['Require all denied'] },
  '<virtualhost': { args: '*:80' },
};

/** The lines of section `name` (with its '<') opened with `args`. */
export function sectionLines(name: string, args: string | undefined): string[] {
  const probe = SECTION_PROBES[name.toLowerCase()];
  const opening = args === undefined ? probe?.args ?? '' : args;
  const tag = name.slice(1);
  return [...(probe?.before ?? []), `${name}${opening ? ` ${opening}` : ''}>`, ...(probe?.body ?? []), `</${tag}>`];
}

/** Sections, beyond PROBE_CONTEXTS, that hold directives of their own module. */
export const OTHER_CONTAINERS = ['<MDomainSet', '<MDomain', '<AuthnProviderAlias', '<AuthzProviderAlias'];

/** `inner` inside section `name`, opened with its usual probe arguments. */
export function containerLines(name: string, inner: string[]): string[] {
  const lines = sectionLines(name, undefined);
  return [...lines.slice(0, -1), ...inner, lines[lines.length - 1]];
}

/**
 * Argument vectors for directives that refuse every generic candidate, read
 * off Apache's complaints. Keyed by lower-case name; tried first. $FILE and
 * $DIR stand for the probe's existing file and folder.
 */
const PROBE_ARGS: Record<string, string[][]> = {
  addoutputfilterbytype: [['DEFLATE', 'text/html']],
  allowmethods: [['GET']],
  allow: [['from', 'all']],
  authbasicprovider: [['file']],
  authbasicusedigestalgorithm: [['MD5']],
  authdigestalgorithm: [['MD5']],
  authdigestprovider: [['file']],
  authdigestqop: [['auth']],
  authdigestshmemsize: [['10000']],
  authformprovider: [['file']],
  authldapdereferencealiases: [['never']],
  authldapurl: [['ldap://localhost/dc=example,dc=org']],
  authmerging: [['Off']],
  authncachesocache: [['shmcb']],
  authnzfcgidefineprovider: [['authn', 'probe', 'fcgi://localhost:1/']],
  balancermember: [['balancer://probe', 'http://localhost/']],
  brotlialteretag: [['NoChange']],
  brotlicompressionmaxinputblock: [['16']],
  brotlicompressionwindow: [['18']],
  cachekeybaseurl: [['http://localhost/']],
  cachesocache: [['shmcb']],
  cachesocachemaxsize: [['102400']],
  cgivar: [['REQUEST_URI', 'current-uri']],
  charsetoptions: [['NoImplicitAdd']],
  cookiedomain: [['.example.org']],
  cookiesamesite: [['Lax']],
  cookiestyle: [['Cookie']],
  dbdriver: [['sqlite3']],
  deflatealteretag: [['NoChange']],
  deny: [['from', 'all']],
  directoryindexredirect: [['301']],
  errordocument: [['404', '/x']],
  errorlogformat: [['%M']],
  expiresbytype: [['text/html', 'A3600']],
  extfilteroptions: [['LogStderr']],
  filterprovider: [['probe', 'DEFLATE', 'true']],
  forcelanguagepriority: [['Prefer']],
  group: [['www-data']],
  h2streammaxmemsize: [['65536']],
  h2windowsize: [['65535']],
  header: [['set', 'X-Probe', '1']],
  heartbeataddress: [['239.0.0.1:27999']],
  heartbeatlisten: [['239.0.0.1:27999']],
  httpprotocoloptions: [['Strict']],
  indexorderdefault: [['Ascending', 'Name']],
  inputsed: [['s/a/b/']],
  ldaptrustedclientcert: [['CA_BASE64', '$FILE']],
  ldaptrustedglobalcert: [['CA_BASE64', '$FILE']],
  ldaptrustedmode: [['NONE']],
  loadfile: [['/usr/lib/apache2/modules/mod_env.so']],
  loadmodule: [['env_module', '/usr/lib/apache2/modules/mod_env.so']],
  luacodecache: [['stat']],
  luainherit: [['none']],
  luascope: [['once']],
  mddrivemode: [['auto']],
  mdhttpproxy: [['http://localhost:3128']],
  mdmatchnames: [['all']],
  mdportmap: [['80:80']],
  mdrenewmode: [['auto']],
  mdrequirehttps: [['temporary']],
  modemstandard: [['V.92']],
  multiviewsmatch: [['Any']],
  mutex: [['default']],
  order: [['deny,allow']],
  outputsed: [['s/a/b/']],
  proxybadheader: [['IsError']],
  proxydomain: [['.example.org']],
  proxyfcgibackendtype: [['FPM']],
  proxyfcgisetenvif: [['true', 'PROBE', '1']],
  proxyhcexpr: [['probe', '{true}']],
  requestheader: [['set', 'X-Probe', '1']],
  require: [['all', 'granted']],
  rewriteoptions: [['Inherit']],
  satisfy: [['any']],
  setenvif: [['Remote_Addr', '127', 'PROBE']],
  setenvifexpr: [['true', 'PROBE']],
  setenvifnocase: [['Remote_Addr', '127', 'PROBE']],
  sslcompression: [['Off']],
  sslcryptodevice: [['builtin']],
  sslopensslconfcmd: [['Options', 'ServerPreference']],
  sslpassphrasedialog: [['builtin']],
  sslrandomseed: [['startup', 'builtin']],
  sslrequire: [['true']],
  substitute: [['s/a/b/']],
  user: [['www-data']],
  xml2encdefault: [['utf-8']],
};

/** `prefix`, padded with dummy words to at least `n` words. */
function fill(prefix: string[], n: number): string[] {
  const words = [...prefix];
  while (words.length < n) words.push(`a${words.length + 1}`);
  return words;
}

/**
 * Argument vectors to try, best guess first, until one is accepted where the
 * directive is allowed: curated ones, a known keyword, dummy words, paths, numbers, URLs.
 */
export function candidateArgs(name: string, arity: Arity, values: string[] | undefined, paths: ProbePaths): string[][] {
  const curated = (PROBE_ARGS[name.toLowerCase()] ?? []).map((vector) =>
    vector.map((word) => word.replace('$FILE', paths.file).replace('$DIR', paths.dir)),
  );
  const vectors: string[][] = [...curated];
  if (arity.kind === 'none') vectors.push([]);
  else if (arity.kind === 'flag') vectors.push(['On']);
  else {
    const n = Math.max(arity.min, 1);
    if (arity.min === 0) vectors.push([]);
    for (const value of (values ?? []).slice(0, 2)) vectors.push(fill([value], n));
    vectors.push(fill([], n));
    // Many on/off switches parse their own argument (TAKE1, not FLAG).
    vectors.push(fill(['On'], n));
    vectors.push(Array<string>(n).fill(paths.file));
    vectors.push(Array<string>(n).fill(paths.dir));
    vectors.push(Array<string>(n).fill('1'));
    vectors.push(fill(['/x', 'http://localhost/'], n));
    if (arity.max === null || arity.max > n) {
      vectors.push(fill([], n + 1));
      vectors.push(fill(['/x', 'http://localhost/'], n + 1));
      vectors.push(fill([paths.file, paths.file], n + 1));
    }
  }
  const seen = new Set<string>();
  return vectors
    .filter((vector) => arity.max === null || vector.length <= arity.max)
    .filter((vector) => vector.length >= (arity.kind === 'raw' ? 0 : arity.min))
    .filter((vector) => !seen.has(vector.join('\u0000')) && seen.add(vector.join('\u0000')));
}

/** A directive line: arguments with blanks or quotes are quoted. */
export function directiveLine(name: string, args: string[]): string {
  const quoted = args.map((arg) => (/[\s"]/.test(arg) ? `"${arg.replace(/(["\\])/g, '\\$1')}"` : arg));
  return [name, ...quoted].join(' ');
}
