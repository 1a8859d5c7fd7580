// Directives whose arguments have a form of their own, beyond a keyword or a
// number: each is checked by code that follows the directive's handler in
// Apache's source, and reports what apache2 -t refuses.
import { parseExpressionOnce } from '../expressionsInFile';
import type { EarlierLines } from '../sameRecordLines';
import type { Finding } from '../types';
import { actionFindings } from './actionOption';
import { allowConnectFindings } from './allowConnectPorts';
import { allowDenyFindings } from './allowDeny';
import { nonceLifetimeFindings, shmemSizeFindings } from './authDigestNumbers';
import { boundedNumberFindings, BOUNDED_NUMBERS } from './boundedNumbers';
import { bufferSizeFindings } from './bufferSizes';
import { cacheDisableFindings, cacheEnableFindings } from './cacheUrls';
import { cacheKeyBaseUrlFindings } from './cacheKeyBaseUrl';
import { cgiVarFindings } from './cgiVar';
import { cookieExpiresFindings } from './cookieExpires';
import { davFindings } from './davProvider';
import { dbdNumberFindings } from './dbdNumbers';
import { directoryIndexRedirectFindings } from './directoryIndexRedirect';
import { errorDocumentFindings } from './errorDocumentStatus';
import { errorLogFormatFindings } from './errorLogFormat';
import { intSlotFindings } from './intSlot';
import { expiresFindings } from './expiresCode';
import { fileETagFindings } from './fileETag';
import { allowMethodsFindings } from './httpMethods';
import { ldapCertTypeFindings } from './ldapCertType';
import { ldapUrlFindings } from './ldapUrl';
import { leadingDotFindings } from './leadingDotDomain';
import { indexOrderDefaultFindings } from './indexOrderDefault';
import { listenFindings } from './listenAddress';
import { logConditionFindings } from './logCondition';
import { luaHookTimingFindings } from './luaHookTiming';
import { multiviewsMatchFindings } from './multiviewsMatch';
import { MD_TIME_DIRECTIVES, mdTimeFindings } from './mdDurations';
import { mutexFindings } from './mutexMechanism';
import { offsetNumberFindings } from './offsetNumbers';
import { passPhraseDialogFindings } from './passPhraseDialog';
import { proxyErrorOverrideFindings } from './proxyErrorOverride';
import { redirectFindings } from './redirectArguments';
import { proxyFcgiSetEnvIfFindings } from './proxyFcgiSetEnvIf';
import { proxyRemoteFindings } from './proxyRemote';
import { rangeLimitFindings } from './rangeLimits';
import { aliasMatchFindings, setEnvIfFindings } from './regexArguments';
import { proxyProtocolExceptionFindings, remoteIpProxyFindings } from './remoteIpProxies';
import { SOCACHE_DIRECTIVES, socacheArgumentFindings } from './socacheArguments';
import { substituteFindings } from './substitutePattern';
import { durationFindings } from './timeoutDurations';
import { rewriteBaseFindings } from './rewriteBase';
import { requestReadTimeoutFindings } from './requestReadTimeout';
import { vhostAliasFindings } from './vhostAliasFormat';
import { xml2EncDefaultFindings } from './xml2EncDefault';
import type { Word } from './words';

export interface LinePlace {
  /** Whether Apache reads the line with a directory path (cmd->path): in a per-directory section or .htaccess. */
  readWithDirectoryPath(): boolean;
  /** For each reading of the line, the earlier lines of its name in the same per-directory record (see sameRecordLines). */
  earlierInSameRecord(): readonly EarlierLines[] | undefined;
  /** Whether every module the tree loads is one of Apache's own (a third-party one may extend what Apache accepts). */
  loadsOnlyApacheModules(): boolean;
  /** Whether the tree has a line of this name (lower case) where Apache reads it. */
  treeHas(name: string): boolean;
  /** How to load a module the tree does not load (`run \`a2enmod dav_fs\``); undefined when it is loaded, compiled in, or the tree's modules are unknown. */
  howToLoadMissing(identifier: string): string | undefined;
  /** cmd->path of a line in <Location>, <LocationMatch>, <Proxy> or <ProxyMatch> (urlSectionPath). */
  urlSectionPath(): string | null | undefined;
}

export type SyntaxCheck = (directive: string, words: readonly Word[], place: LinePlace) => Finding[];

const redirect: SyntaxCheck = (directive, words, place) => redirectFindings(directive, words, place.readWithDirectoryPath());

const setEnvIf: SyntaxCheck = (directive, words) => setEnvIfFindings(directive, words);

const dbdNumber: SyntaxCheck = (_, words) => dbdNumberFindings(words);
const duration: SyntaxCheck = (directive, words) => durationFindings(directive, words);
const offsetNumber: SyntaxCheck = (directive, words) => offsetNumberFindings(directive, words);
const bufferSize: SyntaxCheck = (directive, words) => bufferSizeFindings(directive, words);
const logCondition: SyntaxCheck = (directive, words) => logConditionFindings(directive, words);
const vhostAlias: SyntaxCheck = (_, words) => vhostAliasFindings(words);
const luaHookTiming: SyntaxCheck = (_, words) => luaHookTimingFindings(words);
const rangeLimit: SyntaxCheck = (directive, words) => rangeLimitFindings(directive, words);
const boundedNumber: SyntaxCheck = (directive, words) => boundedNumberFindings(directive, words);
const mdTime: SyntaxCheck = (directive, words) => mdTimeFindings(directive, words);
const socacheArgument: SyntaxCheck = (directive, words, place) => socacheArgumentFindings(directive, words, (identifier) => place.howToLoadMissing(identifier) !== undefined);

const CHECKS: Readonly<Record<string, SyntaxCheck>> = {
  action: (_, words) => actionFindings(words),
  aliasmatch: (_, words) => aliasMatchFindings(words),
  allow: (directive, words) => allowDenyFindings(directive, words),
  allowconnect: (_, words) => allowConnectFindings(words),
  allowmethods: (_, words, place) => allowMethodsFindings(words, place.loadsOnlyApacheModules()),
  authdigestnoncelifetime: (_, words) => nonceLifetimeFindings(words),
  authdigestshmemsize: (_, words) => shmemSizeFindings(words),
  authformsize: offsetNumber,
  authldapurl: (_, words) => ldapUrlFindings(words),
  browsermatch: setEnvIf,
  browsermatchnocase: setEnvIf,
  buffersize: offsetNumber,
  cachedisable: (_, words, place) => cacheDisableFindings(words, place.urlSectionPath()),
  cacheenable: (_, words, place) => cacheEnableFindings(words, place.urlSectionPath()),
  cachekeybaseurl: (_, words) => cacheKeyBaseUrlFindings(words),
  cachelockmaxage: offsetNumber,
  cachemaxfilesize: offsetNumber,
  cacheminfilesize: offsetNumber,
  cachereadsize: offsetNumber,
  cachereadtime: offsetNumber,
  cachesocachemaxsize: offsetNumber,
  cachesocachemaxtime: offsetNumber,
  cachesocachemintime: offsetNumber,
  cachesocachereadsize: offsetNumber,
  cachesocachereadtime: offsetNumber,
  cgidscripttimeout: duration,
  cgiscripttimeout: duration,
  cgivar: (_, words) => cgiVarFindings(words),
  cookiedomain: (directive, words) => leadingDotFindings(directive, words),
  cookieexpires: (_, words) => cookieExpiresFindings(words),
  customlog: logCondition,
  dav: (_, words, place) => davFindings(words, place.howToLoadMissing('dav_fs_module'), place.loadsOnlyApacheModules()),
  dbdexptime: dbdNumber,
  dbdkeep: dbdNumber,
  dbdmax: dbdNumber,
  dbdmin: dbdNumber,
  deflateinflatelimitrequestbody: offsetNumber,
  deny: (directive, words) => allowDenyFindings(directive, words),
  directoryindexredirect: (_, words) => directoryIndexRedirectFindings(words),
  errordocument: (_, words) => errorDocumentFindings(words),
  errorlogformat: (_, words) => errorLogFormatFindings(words),
  expiresbytype: (directive, words) => expiresFindings(directive, words),
  expiresdefault: (directive, words) => expiresFindings(directive, words),
  fileetag: (_, words) => fileETagFindings(words),
  flushmaxpipelined: offsetNumber,
  flushmaxthreshold: offsetNumber,
  globallog: logCondition,
  h2maxworkeridleseconds: (directive, words) => durationFindings(directive, words, 'Invalid idle limit value'),
  h2streamtimeout: (directive, words) => durationFindings(directive, words, 'Invalid timeout value'),
  indexorderdefault: (_, words) => indexOrderDefaultFindings(words),
  keepalivetimeout: duration,
  keptbodysize: offsetNumber,
  ldapretrydelay: duration,
  luahookaccesschecker: luaHookTiming,
  luahookauthchecker: luaHookTiming,
  luahooktranslatename: luaHookTiming,
  ldaptrustedclientcert: (_, words) => ldapCertTypeFindings('LDAPTrustedClientCert', words),
  ldaptrustedglobalcert: (_, words) => ldapCertTypeFindings('LDAPTrustedGlobalCert', words),
  limitrequestbody: offsetNumber,
  listen: (_, words) => listenFindings(words),
  maxrangeoverlaps: rangeLimit,
  maxrangereversals: rangeLimit,
  maxranges: rangeLimit,
  memcacheconnttl: duration,
  multiviewsmatch: (_, words, place) => multiviewsMatchFindings(words, place.earlierInSameRecord()),
  mutex: (_, words) => mutexFindings(words),
  proxydomain: (directive, words) => leadingDotFindings(directive, words),
  proxyerroroverride: (_, words, place) => proxyErrorOverrideFindings(words, place.earlierInSameRecord()),
  proxyfcgisetenvif: (_, words) => proxyFcgiSetEnvIfFindings(words, (text) => parseExpressionOnce(text, false).error === undefined),
  proxyhtmlbufsize: (directive, words) => intSlotFindings(directive, words),
  proxyiobuffersize: bufferSize,
  proxyreceivebuffersize: bufferSize,
  proxyremote: (_, words) => proxyRemoteFindings('ProxyRemote', words),
  proxyremotematch: (_, words) => proxyRemoteFindings('ProxyRemoteMatch', words),
  readbuffersize: offsetNumber,
  receivebuffersize: bufferSize,
  redirect,
  redirectmatch: redirect,
  redirectpermanent: redirect,
  redirecttemp: redirect,
  redisconnpoolttl: duration,
  redistimeout: duration,
  remoteipinternalproxy: (directive, words) => remoteIpProxyFindings(directive, words),
  remoteipproxyprotocolexceptions: (_, words) => proxyProtocolExceptionFindings(words),
  remoteiptrustedproxy: (directive, words) => remoteIpProxyFindings(directive, words),
  requestreadtimeout: (_, words) => requestReadTimeoutFindings(words),
  rewritebase: (_, words) => rewriteBaseFindings(words),
  scriptaliasmatch: (_, words) => aliasMatchFindings(words),
  sendbuffersize: bufferSize,
  setenvif: setEnvIf,
  setenvifnocase: setEnvIf,
  sslpassphrasedialog: (_, words) => passPhraseDialogFindings(words),
  substitute: (_, words) => substituteFindings(words),
  substitutemaxlinelength: offsetNumber,
  virtualdocumentroot: vhostAlias,
  virtualdocumentrootip: vhostAlias,
  virtualscriptalias: vhostAlias,
  virtualscriptaliasip: vhostAlias,
  xml2encdefault: (_, words, place) => xml2EncDefaultFindings(words, place.treeHas('xml2encalias')),
  ...Object.fromEntries(BOUNDED_NUMBERS.map((name) => [name, boundedNumber])),
  ...Object.fromEntries(MD_TIME_DIRECTIVES.map((name) => [name, mdTime])),
  ...Object.fromEntries(SOCACHE_DIRECTIVES.map((name) => [name, socacheArgument])),
};

/** The check of a directive whose arguments have a form of their own; most have none, and the caller then builds no LinePlace. */
export function syntaxCheck(directive: string): SyntaxCheck | undefined {
  return CHECKS[directive.toLowerCase()];
}
