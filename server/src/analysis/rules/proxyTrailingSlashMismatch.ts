// proxy/trailing-slash-mismatch: ProxyPass replaces the matched local path
// with the URL, character for character, so one slash too many or too few
// changes the backend request. The manual: "If the first argument ends with a
// trailing /, the second argument should also end with a trailing /, and vice
// versa". Verified on 2.4.71: `ProxyPass /app1 http://b/` sends /app1/x as
// `GET //x`; `ProxyPass /app2/ http://b:18446` sends /app2/x to the host
// "b:18446x" ("DNS lookup failure", 500).
import type { TextEdit } from 'vscode-languageserver-types';
import type { ConfigModel } from '../../config/buildConfigModel';
import type { Argument } from '../../parser/ast';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { proxyModel, wordRange, type Backend, type Placed } from '../proxyHosts';
import type { Rule } from '../types';

export const proxyTrailingSlashMismatch: Rule = modelRule(compute, {
  id: 'proxy/trailing-slash-mismatch',
  citesLines: true,
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_proxy.html#proxypass',
  summary: 'In `ProxyPass PATH URL`, one ends with `/` and the other does not: backend requests get `//` or lose a `/`.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  for (const backend of proxy.backends) {
    if (backend.kind !== 'ProxyPass' || backend.regex || backend.patternAsText || !backend.parsed || backend.path === undefined || backend.parsed.path.includes('?')) continue;
    const pathSlash = backend.path.endsWith('/');
    const urlSlash = backend.parsed.path.endsWith('/');
    if (pathSlash === urlSlash) continue;
    const targets = [{ line: backend.line, index: backend.urlIndex }, ...partners(backend).map((line) => ({ line, index: line.item.args.lastIndexOf(backend.url) }))];
    const edits = targets.flatMap(({ line, index }) => slashEdit(line, index, pathSlash));
    yield {
      path: backend.line.item.path,
      finding: {
        range: wordRange(backend.line, backend.urlIndex),
        message: pathSlash
          ? `The path "${backend.path}" ends with / but the URL does not: a request for ${backend.path}x goes to ${backend.url}x. Add a / to the end of the URL.`
          : `The URL ends with / but the path "${backend.path}" does not: a request for ${backend.path}/x goes to ${backend.url}/x, with a double slash. Remove the / at the end of the URL.`,
        ...(edits.length > 0 ? { data: { slash: pathSlash ? 'add' : 'remove', edits } } : {}),
      },
    };
  }
}

/** ProxyPassReverse lines of the same host with the same path (or section) and URL: they must change with it. */
function partners(backend: Backend): Placed[] {
  return backend.line.host.lines.filter((line) => {
    if (line.name !== 'proxypassreverse') return false;
    const words = line.item.args.filter((word) => word.toLowerCase() !== 'interpolate');
    if (backend.location) return line.within.at(-1) === backend.location && words.length === 1 && words[0] === backend.url;
    return line.within.length === backend.line.within.length && words.length === 2 && words[0] === backend.path && words[1] === backend.url;
  });
}

/** Adds or removes the trailing slashes of one URL argument, inside its quotes. */
function slashEdit(line: Placed, index: number, add: boolean): { path: string; edit: TextEdit }[] {
  const { node, args } = line.item;
  const argument: Argument | undefined = node.args.length === args.length ? node.args[index] : undefined;
  if (!argument || argument.raw !== quoted(argument) || argument.range.start.line !== argument.range.end.line) return [];
  const closing = argument.quote && argument.closed ? 1 : 0;
  const end = { line: argument.range.end.line, character: argument.range.end.character - closing };
  const trailing = /\/*$/.exec(argument.value)?.[0].length ?? 0;
  const edit: TextEdit = add
    ? { range: { start: end, end }, newText: '/' }
    : { range: { start: { line: end.line, character: end.character - trailing }, end }, newText: '' };
  return [{ path: line.item.path, edit }];
}

/** The raw text an argument would have if its value held no escapes: edits by offset are safe only then. */
function quoted(argument: Argument): string {
  return `${argument.quote}${argument.value}${argument.quote && argument.closed ? argument.quote : ''}`;
}
