// Links for absolute path arguments of directives that take a file or folder
// (SSLCertificateFile, Include, DocumentRoot …), when the path exists.
// Relative paths resolve against ServerRoot, which the configuration model
// (not yet built) will know; until then they get no link rather than a wrong one.
import { pathToFileURL } from 'node:url';
import type { DocumentLink, Range } from 'vscode-languageserver-types';
import type { FileScope } from '../analysis/fileScope';
import { forEachLiveNode } from '../analysis/liveNodes';
import type { DirectiveIndex } from '../knowledge/directiveIndex';
import type { Argument, ConfigFile } from '../parser/ast';

export interface DocumentLinkOptions {
  directives: DirectiveIndex;
  exists: (path: string) => boolean;
  /** Without a scope every branch counts as live. */
  scope?: Pick<FileScope, 'isDead'>;
}

const TAKES_PATH = /(file|directory)-path|filename|file-name/i;

export function documentLinks(file: ConfigFile, options: DocumentLinkOptions): DocumentLink[] {
  const links: DocumentLink[] = [];
  forEachLiveNode(file, options.scope, (node) => {
    if (node.kind !== 'directive') return;
    const fact = options.directives.lookup(node.name);
    if (!fact || !(TAKES_PATH.test(fact.syntax ?? '') || /^include(optional)?$/i.test(fact.name))) return;
    for (const arg of node.args) {
      const path = arg.value;
      // Variables and wildcards name no single file.
      if (!path.startsWith('/') || /[${}*?[]/.test(path) || !options.exists(path)) continue;
      links.push({ range: withoutQuotes(arg), target: pathToFileURL(path).href, tooltip: `Open ${path}` });
    }
  });
  return links;
}

function withoutQuotes(arg: Argument): Range {
  if (arg.quote === '' || arg.range.start.line !== arg.range.end.line) return arg.range;
  return {
    start: { line: arg.range.start.line, character: arg.range.start.character + 1 },
    end: { line: arg.range.end.line, character: arg.range.end.character - (arg.closed ? 1 : 0) },
  };
}
