// proxy/bad-params: ProxyPass, ProxyPassMatch, BalancerMember, ProxySet and
// ProxyHCTemplate words that mod_proxy (and mod_proxy_hcheck) refuse while
// reading (mod_proxy.c add_pass, add_member, set_worker_param,
// set_balancer_param; proxy_util.c worker definition; hcexpr= and
// hctemplate= names looked up in the server's definitions so far), in
// Apache's words and in Apache's order, one error per line as Apache stops at
// the first. Parameters of a line that shares an earlier worker are ignored,
// not checked, so they are not judged here (proxy/worker-sharing says so).
// Errors a section decides (a path inside <Location>) belong to
// proxy/proxypass-args-in-location. A query string in the URL is accepted
// but the manual forbids it: a warning.
import type { ConfigModel } from '../../config/buildConfigModel';
import { regexSyntaxProblem } from '../../parser/expr/regexSyntax';
import { urlProblem } from '../backendUrl';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, pathSection, proxyModel, sectionPattern, wordRange, type Backend, type Host, type Placed } from '../proxyHosts';
import { proxySetSection, sharedWorkers, unknownProxySetTargets } from '../proxyWorkers';
import type { Finding, Rule } from '../types';
import { lineRefusal } from '../lineRefusal';

/** Providers of PROXY_LBMETHOD, each from mod_lbmethod_<name>. */
const LBMETHODS = new Set(['byrequests', 'bytraffic', 'bybusyness', 'heartbeat']);

export const proxyBadParams: Rule = modelRule(compute, {
  id: 'proxy/bad-params',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_proxy.html#proxypass',
  summary: 'A `ProxyPass`/`BalancerMember` parameter, URL or regex Apache refuses (unknown key, bad value, URL without scheme).',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  const shared = sharedWorkers(model);
  const loaded = (identifier: string) => !model.modulesKnown || model.loadedModules.has(identifier);
  const hcheck = !model.modulesKnown ? 'unknown' : model.loadedModules.has('proxy_hcheck_module') ? 'loaded' : 'missing';
  const context: Checks = { hcheck, lbmethodLoaded: (name) => LBMETHODS.has(name) && loaded(`lbmethod_${name}_module`), hcNameKnown: () => true };
  const unknownTargets = unknownProxySetTargets(model);
  const hcNames = new HealthCheckNames();
  for (const line of linesNamed(proxy, 'proxypass', 'proxypassmatch', 'balancermember', 'proxyset', 'proxyhcexpr', 'proxyhctemplate')) {
    let finding: Finding | undefined;
    context.hcNameKnown = (kind, name) => hcNames.has(line.host, kind, name);
    if (line.name === 'proxyhcexpr') {
      hcNames.define(line.host, 'expr', line.item.args[0]);
    } else if (line.name === 'proxyhctemplate') {
      finding = hcTemplateProblem(line, context);
      hcNames.define(line.host, 'template', line.item.args[0]);
    } else if (line.name === 'proxyset') {
      finding = unknownTargets.has(line) ? undefined : proxySetProblem(line, context);
    } else if (line.name === 'proxypass' || line.name === 'proxypassmatch') {
      const backend = proxy.backendByLine.get(line);
      finding = backend ? proxyPassProblem(line, backend, shared.has(backend), context) : undefined;
    } else if (line.name === 'balancermember') {
      finding = memberProblem(line, proxy.backendByLine.get(line), (backend) => shared.has(backend), context);
    }
    if (finding) yield { path: line.item.path, finding };
  }
}

interface Checks {
  /** mod_proxy_hcheck, which reads the hc… parameters; unknown for a file checked without its server config. */
  hcheck: 'loaded' | 'missing' | 'unknown';
  lbmethodLoaded(name: string): boolean;
  /** Whether the line's server has defined this ProxyHCExpr or ProxyHCTemplate above it. */
  hcNameKnown(kind: HealthCheckKind, name: string): boolean;
}

type HealthCheckKind = 'expr' | 'template';

/**
 * The ProxyHCExpr and ProxyHCTemplate names each server has defined so far:
 * mod_proxy_hcheck keeps them per server (a virtual host does not see the
 * main server's), case-insensitive, and looks a name up when it reads
 * hcexpr= or hctemplate= (verified on 2.4.71).
 */
class HealthCheckNames {
  private readonly names = new Map<Host, Set<string>>();

  define(host: Host, kind: HealthCheckKind, name: string | undefined): void {
    if (name === undefined) return;
    let names = this.names.get(host);
    if (!names) this.names.set(host, (names = new Set()));
    names.add(`${kind}\0${name.toLowerCase()}`);
  }

  has(host: Host, kind: HealthCheckKind, name: string): boolean {
    return this.names.get(host)?.has(`${kind}\0${name.toLowerCase()}`) ?? false;
  }
}

function proxyPassProblem(line: Placed, backend: Backend, isShared: boolean, checks: Checks): Finding | undefined {
  const { args } = line.item;
  // add_pass names itself ProxyPass for ProxyPassMatch too (verified on 2.4.71).
  const directive = 'ProxyPass';
  const error = (index: number | undefined, text: string) => lineRefusal(line, index, text);
  if (line.name === 'proxypassmatch' && !backend.location && args[0] === '~') return error(0, "ProxyPassMatch invalid syntax ('~' usage).");
  for (let index = backend.urlIndex + 1; index < args.length; index++) {
    if (backend.strayWords.includes(index)) {
      if (backend.location) return undefined;
      return error(index, "Invalid ProxyPass|ProxyPassMatch parameter. Parameter must be in the form 'key=value'.");
    }
    const param = backend.params.find((p) => p.index === index);
    if (param && param.key.toLowerCase() === 'mapping' && !/^(encoded|servlet)$/i.test(param.value)) return error(index, 'unknown mapping');
  }
  if (/^unix:/i.test(backend.url) && /\|$/.test(backend.url)) return error(backend.urlIndex, 'ProxyPass|ProxyPassMatch uses an invalid "unix:" URL');
  if (backend.regex && backend.path !== undefined && regexSyntaxProblem(backend.path)) {
    return error(backend.pathIndex ?? undefined, 'Regular expression could not be compiled.');
  }
  if (backend.url === '!') return undefined;
  const params = backend.params.filter((param) => param.key.toLowerCase() !== 'mapping');
  if (/^balancer:\/\//i.test(backend.url)) {
    for (const param of params) {
      const problem = balancerParamProblem(param.key, param.value, checks);
      if (problem) return error(param.index, `${directive} ${problem}`);
    }
  } else if (!isShared) {
    const url = urlProblem(backend.url);
    if (url) return error(backend.urlIndex, `${directive} ${url}`);
    for (const param of params) {
      const problem = workerParamProblem(param.key, param.value, checks);
      if (problem) return error(param.index, `${directive} ${problem}`);
    }
  }
  if (backend.parsed?.path.includes('?')) {
    return {
      range: wordRange(line, backend.urlIndex),
      severity: 'warning',
      message: 'The URL has a query string. Apache accepts it, but the manual says the backend URL "cannot include a query string"; the query of each request is appended instead.',
    };
  }
  return undefined;
}

function memberProblem(line: Placed, backend: Backend | undefined, isShared: (backend: Backend) => boolean, checks: Checks): Finding | undefined {
  const { args } = line.item;
  const error = (index: number | undefined, text: string) => lineRefusal(line, index, text);
  const section = pathSection(line);
  let path = section ? sectionPattern(section) : undefined;
  let name: number | undefined;
  for (const [index, word] of args.entries()) {
    if (word.includes('=')) continue;
    if (path === undefined) path = word;
    else if (name === undefined) name = index;
    else if (section) return error(index, 'BalancerMember can not have a balancer name when defined in a location');
    else return error(index, "Invalid BalancerMember parameter. Parameter must be in the form 'key=value'");
  }
  if (path === undefined) return error(undefined, 'BalancerMember must define balancer name when outside <Proxy > section');
  if (name === undefined) return error(undefined, 'BalancerMember must define remote proxy server');
  if (!isBalancerName(path)) return error(section ? undefined : 0, `BalancerMember Bad syntax for a balancer name (${path.toLowerCase()})`);
  if (/^unix:/i.test(args[name]) && /\|$/.test(args[name])) return error(name, 'BalancerMember uses an invalid "unix:" URL');
  if (backend && isShared(backend)) return undefined;
  const url = urlProblem(args[name]);
  if (url) return error(name, `BalancerMember ${url}`);
  for (const [index, word] of args.entries()) {
    const equals = word.indexOf('=');
    if (equals < 0) continue;
    const problem = workerParamProblem(word.slice(0, equals), word.slice(equals + 1), checks);
    if (problem) return error(index, `BalancerMember ${problem}`);
  }
  return undefined;
}

/**
 * set_proxy_param: every word after the name is key=value, checked as the
 * worker's or balancer's parameters. The name is the <Proxy> section's
 * pattern (wildcards and regexes included, verified on 2.4.71), or the first word.
 */
function proxySetProblem(line: Placed, checks: Checks): Finding | undefined {
  const section = proxySetSection(line);
  const name = section ? sectionPattern(section) : line.item.args[0];
  if (name === undefined) return undefined;
  // In a section the worker is made from its pattern, which must read as an absolute URL (a regex is taken as written).
  if (section && !/^[a-z][a-z0-9+.-]*:/i.test(name)) {
    return lineRefusal(line, undefined, name.includes(':') ? `ProxySet Unable to parse URL: ${name}` : `ProxySet URL must be absolute!: ${name}`);
  }
  const balancer = /^balancer:\/\//i.test(name);
  const { args } = line.item;
  for (let index = section ? 0 : 1; index < args.length; index++) {
    const equals = args[index].indexOf('=');
    if (equals < 0) return lineRefusal(line, index, "Invalid ProxySet parameter. Parameter must be in the form 'key=value'");
    const [key, value] = [args[index].slice(0, equals), args[index].slice(equals + 1)];
    const problem = balancer ? balancerParamProblem(key, value, checks) : workerParamProblem(key, value, checks);
    if (problem) return lineRefusal(line, index, `ProxySet: ${problem} ${key}=${value}; ${name}`);
  }
  return undefined;
}

/**
 * ProxyHCTemplate NAME key=value…: each word after the name goes to
 * set_worker_hc_param, which knows only the hc… parameters.
 */
function hcTemplateProblem(line: Placed, checks: Checks): Finding | undefined {
  if (checks.hcheck !== 'loaded') return undefined;
  const { args } = line.item;
  for (let index = 1; index < args.length; index++) {
    const equals = args[index].indexOf('=');
    if (equals < 0) return lineRefusal(line, index, "Invalid ProxyHCTemplate parameter. Parameter must be in the form 'key=value'");
    const [key, value] = [args[index].slice(0, equals), args[index].slice(equals + 1)];
    const problem = hcParamProblem(key.toLowerCase(), value, checks);
    if (problem) return lineRefusal(line, index, `ProxyHCTemplate: ${problem} ${key}=${value}; ${args[0]}`);
  }
  return undefined;
}

/** What ap_proxy_define_balancer takes as a name: `scheme://` and at least one character after it. */
function isBalancerName(path: string): boolean {
  const colon = path.indexOf(':');
  return colon >= 0 && path.startsWith('//', colon + 1) && path.length > colon + 3;
}

/** C atoi/atol: leading blanks, a sign, digits; anything else ends the number (no digits: 0). */
function cInteger(text: string): number {
  const match = /^\s*([+-]?\d+)/.exec(text);
  return match ? Number(match[1]) : 0;
}

/** ap_timeout_parameter_parse: microseconds, or undefined for a wrong format (a negative number is one). */
function timeoutMicros(text: string, defaultUnit: 'ms' | 's'): number | undefined {
  const match = /^\s*([+-]?\d*)(.*)$/s.exec(text);
  const value = Number(match?.[1] || '0');
  if (value < 0) return undefined;
  const unit = match?.[2] || defaultUnit;
  if (unit.startsWith('s')) return value * 1e6;
  if (unit.startsWith('h')) return value * 3600e6;
  if (unit.startsWith('ms')) return value * 1e3;
  if (unit.startsWith('mi')) return value * 60e6;
  return undefined;
}

const onOff = (value: string) => /^(on|off)$/i.test(value);
const FREE_WORKER_PARAMS = new Set(['addressttl', 'route', 'redirect', 'flusher', 'upgrade', 'secret']);
/** The worker status flags a `status=` value may set or clear (ap_proxy_set_wstatus). */
const STATUS_VALUE = /^([+-]?[CDEFGHINORSU])*$/i;
/** mod_proxy_hcheck's methods (hc_methods); CPING is listed but refused. */
const HC_METHODS = /^(GET|HEAD|OPTIONS|GET11|HEAD11|OPTIONS11|TCP)$/i;
/** set_worker_param's refusals (those that depend on the value, and hcexpr= and hctemplate= on the names defined above). */
function workerParamProblem(key: string, value: string, checks: Pick<Checks, 'hcheck' | 'hcNameKnown'>): string | undefined {
  const name = key.toLowerCase();
  const int = cInteger(value);
  switch (name) {
    case 'loadfactor': {
      const factor = Math.trunc(Number.parseFloat(value) * 100);
      return Number.isNaN(factor) || factor < 100 || factor > 10000 ? 'LoadFactor must be a number between 1..100' : undefined;
    }
    case 'retry':
      return int < 0 ? 'Retry must be a positive value' : undefined;
    case 'ttl':
      return int < 1 ? 'TTL must be at least one second' : undefined;
    case 'min':
    case 'max':
    case 'smax':
      return int < 0 ? `${name[0].toUpperCase()}${name.slice(1)} must be a positive number` : undefined;
    case 'acquire': {
      const micros = timeoutMicros(value, 'ms');
      return micros === undefined ? 'Acquire timeout has wrong format' : micros < 1000 ? 'Acquire must be at least one millisecond' : undefined;
    }
    case 'timeout':
      return int < 1 ? 'Timeout must be at least one second' : undefined;
    case 'iobuffersize':
      return int < 512 && int !== 0 ? 'IOBufferSize must be >= 512 bytes, or 0 for system default.' : undefined;
    case 'receivebuffersize':
      return int < 512 && int !== 0 ? 'ReceiveBufferSize must be >= 512 bytes, or 0 for system default.' : undefined;
    case 'keepalive':
      return onOff(value) ? undefined : 'KeepAlive must be On|Off';
    case 'disablereuse':
      return onOff(value) ? undefined : 'DisableReuse must be On|Off';
    case 'enablereuse':
      return onOff(value) ? undefined : 'EnableReuse must be On|Off';
    case 'flushpackets':
      return /^(on|off|auto)$/i.test(value) ? undefined : 'flushpackets must be on|off|auto';
    case 'flushwait':
      return int > 1000 || int < 0 ? 'flushwait must be <= 1000, or 0 for system default of 10 millseconds.' : undefined;
    case 'ping': {
      const micros = timeoutMicros(value, 's');
      return micros === undefined ? 'Ping/Pong timeout has wrong format' : micros < 1000 ? 'Ping/Pong timeout must be at least one millisecond' : undefined;
    }
    case 'lbset':
      return int < 0 || int > 99 ? 'lbset must be between 0 and 99' : undefined;
    case 'connectiontimeout': {
      const micros = timeoutMicros(value, 's');
      return micros === undefined ? 'Connectiontimeout has wrong format' : micros < 1000 ? 'Connectiontimeout must be at least one millisecond.' : undefined;
    }
    case 'responsefieldsize':
      return int < 0 ? 'ResponseFieldSize must be greater than 0 bytes, or 0 for system default.' : undefined;
    case 'status':
      return STATUS_VALUE.test(value) ? undefined : 'Unknown status parameter option';
    default:
      if (FREE_WORKER_PARAMS.has(name)) return undefined;
      if (checks.hcheck === 'missing') return 'unknown Worker parameter';
      return hcParamProblem(name, value, checks);
  }
}

/**
 * mod_proxy_hcheck's set_worker_hc_param, which set_worker_param hands every
 * key it does not know. Without the server config (hcheck unknown) a key
 * neither module knows is refused either way: said as without
 * mod_proxy_hcheck, Debian's default; hcexpr= and hctemplate= are then not judged.
 */
function hcParamProblem(name: string, value: string, checks: Pick<Checks, 'hcheck' | 'hcNameKnown'>): string | undefined {
  const loaded = checks.hcheck === 'loaded';
  switch (name) {
    case 'hcmethod':
      if (/^CPING$/i.test(value)) return 'Health check method CPING not (yet) implemented';
      return HC_METHODS.test(value) ? undefined : 'Unknown method';
    case 'hcinterval': {
      const micros = timeoutMicros(value, 's');
      return micros === undefined ? 'Unparse-able hcinterval setting' : micros < 100_000 ? 'Interval must be a positive value greater than 100ms' : undefined;
    }
    case 'hcpasses':
      return cInteger(value) < 0 ? 'Passes must be a positive value' : undefined;
    case 'hcfails':
      return cInteger(value) < 0 ? 'Fails must be a positive value' : undefined;
    case 'hcexpr':
      return loaded && !checks.hcNameKnown('expr', value) ? `Unknown health check condition expr: ${value}` : undefined;
    case 'hctemplate':
      return loaded && !checks.hcNameKnown('template', value) ? `Unknown ProxyHCTemplate name: ${value}` : undefined;
    case 'hcuri':
      return undefined;
    default:
      return loaded ? 'unknown Worker hcheck parameter' : 'unknown Worker parameter';
  }
}

/** set_balancer_param's refusals. */
function balancerParamProblem(key: string, value: string, checks: Checks): string | undefined {
  const int = cInteger(value);
  switch (key.toLowerCase()) {
    case 'stickysession':
    case 'nonce':
      return undefined;
    case 'stickysessionsep':
      return value.length === 1 || /^off$/i.test(value) ? undefined : 'stickysessionsep must be a single character or Off';
    case 'nofailover':
      return onOff(value) ? undefined : 'failover must be On|Off';
    case 'timeout':
      return int < 1 ? 'timeout must be at least one second' : undefined;
    case 'maxattempts':
      return int < 0 ? 'maximum number of attempts must be a positive number' : undefined;
    case 'lbmethod':
      return checks.lbmethodLoaded(value) ? undefined : 'unknown lbmethod';
    case 'scolonpathdelim':
      return onOff(value) ? undefined : 'scolonpathdelim must be On|Off';
    case 'failonstatus':
      return value.split(/[, ]+/).filter(Boolean).every((code) => /^\d+$/.test(code) && Number(code) >= 100 && Number(code) <= 599)
        ? undefined
        : 'failonstatus must be one or more HTTP response codes';
    case 'failontimeout':
      return onOff(value) ? undefined : 'failontimeout must be On|Off';
    case 'growth':
      return int < 1 || int > 100 ? 'growth must be between 1 and 100' : undefined;
    case 'forcerecovery':
      return onOff(value) ? undefined : 'forcerecovery must be On|Off';
    default:
      return 'unknown Balancer parameter';
  }
}
