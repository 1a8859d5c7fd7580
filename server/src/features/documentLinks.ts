// Links for the path arguments of directives that take a file or folder
// (SSLCertificateFile, Include, DocumentRoot, LoadModule …), when the path
// exists. With the configuration model, ${VAR} takes the value Apache gives it
// and a relative path resolves against ServerRoot where Apache resolves it
// so; without the model, only absolute paths written out get a link, rather
// than a wrong one.
import { pathToFileURL } from 'node:url';
import type { DocumentLink, Range } from 'vscode-languageserver-types';
import type { FileScope } from '../analysis/fileScope';
import { forEachLiveNode } from '../analysis/liveNodes';
import type { ConfigModel } from '../config/buildConfigModel';
import { hasWildcard, serverRootRelative } from '../config/expandInclude';
import type { DirectiveIndex } from '../knowledge/directiveIndex';
import type { Argument, ConfigFile, DirectiveNode } from '../parser/ast';

export interface DocumentLinkOptions {
  directives: DirectiveIndex;
  exists: (path: string) => boolean;
  /** Without a scope (or a model to take it from) every branch counts as live. */
  scope?: Pick<FileScope, 'isDead'>;
  /** Gives relative paths their ServerRoot and words their ${VAR} values. */
  model?: ConfigModel;
  /** This file's path in the model. */
  path?: string;
}

const TAKES_PATH = /(file|directory)-path|filename|file-name/i;

/**
 * Arguments Apache passes through ap_server_root_relative, by position
 * (`all` for lists, `last` after an optional one). Other file-taking
 * directives resolve relative paths elsewhere (runtime dir, URL space), so
 * only their absolute paths are linked.
 */
const SERVER_ROOT_RELATIVE: Record<string, number | 'all' | 'last'> = {
  include: 0,
  includeoptional: 0,
  loadmodule: 1,
  loadfile: 'all',
  documentroot: 0,
  defaultruntimedir: 0,
  errorlog: 0,
  customlog: 0,
  transferlog: 0,
  forensiclog: 0,
  scriptlog: 0,
  pidfile: 0,
  typesconfig: 0,
  mimemagicfile: 0,
  alias: 'last',
  scriptalias: 'last',
  cachefile: 'all',
  mmapfile: 'all',
  authuserfile: 0,
  authgroupfile: 0,
  authdbmuserfile: 0,
  authdbmgroupfile: 0,
  authldapcharsetconfig: 0,
  davlockdb: 0,
  davgenericlockdb: 0,
  remoteiptrustedproxylist: 0,
  remoteipinternalproxylist: 0,
  proxyexpressdbmfile: 0,
  sessioncryptopassphrasefile: 0,
  ldaptrustedglobalcert: 1,
  ldaptrustedclientcert: 1,
  mdcertificatefile: 0,
  mdcertificatekeyfile: 0,
  sslcertificatefile: 0,
  sslcertificatekeyfile: 0,
  sslcertificatechainfile: 0,
  sslcacertificatefile: 0,
  sslcacertificatepath: 0,
  sslcadnrequestfile: 0,
  sslcadnrequestpath: 0,
  sslcarevocationfile: 0,
  sslcarevocationpath: 0,
  sslproxycacertificatefile: 0,
  sslproxycacertificatepath: 0,
  sslproxycarevocationfile: 0,
  sslproxycarevocationpath: 0,
  sslproxymachinecertificatefile: 0,
  sslproxymachinecertificatepath: 0,
  sslproxymachinecertificatechainfile: 0,
  sslocsprespondercertificatefile: 0,
  sslsessionticketkeyfile: 0,
  sslsrpverifierfile: 0,
};

export function documentLinks(file: ConfigFile, options: DocumentLinkOptions): DocumentLink[] {
  const inTree = options.path === undefined ? undefined : options.model?.files.get(options.path);
  const scope = options.scope ?? (inTree && { isDead: (section) => inTree.deadSections.has(section) });
  const links: DocumentLink[] = [];
  forEachLiveNode(file, scope, (node) => {
    if (node.kind !== 'directive') return;
    node.args.forEach((arg, index) => {
      const target = pathArgumentTarget(node, index, options, options.exists);
      if (target) links.push({ range: withoutQuotes(arg), target: pathToFileURL(target).href, tooltip: `Open ${target}` });
    });
  });
  return links;
}

/**
 * The path the argument at `index` names, when it is a path argument and
 * `accept` takes the path Apache would open.
 */
export function pathArgumentTarget(
  node: DirectiveNode,
  index: number,
  options: Pick<DocumentLinkOptions, 'directives' | 'model' | 'path'>,
  accept: (path: string) => boolean,
): string | undefined {
  const position = SERVER_ROOT_RELATIVE[node.name.toLowerCase()];
  const rootRelative = position !== undefined && (position === 'all' || index === (position === 'last' ? node.args.length - 1 : position));
  if (!rootRelative && !TAKES_PATH.test(options.directives.lookup(node.name)?.syntax ?? '')) return undefined;
  const value = resolvedValue(node, index, options);
  // Unresolved variables and wildcards name no single file.
  if (value === undefined || value === '' || value.includes('${') || hasWildcard(value)) return undefined;
  // The ServerRoot the tree ends with: Apache runs most directives after reading all of it. Include and
  // LoadModule run as they are read, so a ServerRoot written after them is the one case this misses.
  const path = rootRelative && options.model ? serverRootRelative(options.model.serverRoot, value) : value;
  return path.startsWith('/') && accept(path) ? path : undefined;
}

/** The argument as Apache sees it after ${VAR} substitution, when the model knows it. */
function resolvedValue(node: DirectiveNode, index: number, options: Pick<DocumentLinkOptions, 'model' | 'path'>): string | undefined {
  const arg = node.args[index];
  if (!arg.raw.includes('${')) return arg.value;
  const resolved = options.path === undefined ? undefined : options.model?.files.get(options.path)?.resolved.get(node);
  // A value holding blanks splits into more words; then positions no longer match.
  return resolved && resolved.args.length === node.args.length ? resolved.args[index] : undefined;
}

function withoutQuotes(arg: Argument): Range {
  if (arg.quote === '' || arg.range.start.line !== arg.range.end.line) return arg.range;
  return {
    start: { line: arg.range.start.line, character: arg.range.start.character + 1 },
    end: { line: arg.range.end.line, character: arg.range.end.character - (arg.closed ? 1 : 0) },
  };
}
