// proxy/client-header-spoofable: a request header that tells the backend who
// the client is (X-SSL-Client-*, X-Client-*, or any value built from an
// SSL_CLIENT_* variable) that the client can write itself. Verified on 2.4.71
// with a backend echoing what it receives, the client sending
// "X-Client-DN: evil":
//   - `RequestHeader set` always replaces the client's value, even when the
//     variable is empty: the backend gets "(null)" for %{…}s, "" for expr=.
//   - `set … env=VAR` whose condition is false, or a set inside an <If> that
//     is false, leaves "evil" in place;
//   - `append`, `add` and `merge` keep it ("evil, CN=alice"), and `setifempty`
//     keeps it alone.
// An unconditional `RequestHeader unset` of the same header before it (in the
// same section, or in the host or server config, which mod_headers applies
// first) closes the hole.
import type { ConfigModel } from '../../config/buildConfigModel';
import { sectionPlacement } from '../../knowledge/sectionPlacement';
import type { SectionNode } from '../../parser/ast';
import { insertionBefore, type InsertionPoint } from '../insertionPoint';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, proxyModel, wordRange, type Host, type Placed, type ProxyModel } from '../proxyHosts';
import type { Rule } from '../types';

/** Actions that keep a value the client sent. */
const KEEPING = new Set(['append', 'add', 'merge', 'setifempty']);

export const clientHeaderSpoofable: Rule = modelRule(compute, {
  id: 'proxy/client-header-spoofable',
  citesLines: true,
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_headers.html#requestheader',
  summary: 'A client-identity request header (`X-SSL-Client-*`, `%{SSL_CLIENT_*}s`) that the client can send itself, because no `RequestHeader unset` runs first.',
});

interface HeaderLine {
  line: Placed;
  /** Lower-case. */
  action: string;
  header: string;
  value: string;
  /** env= or expr= after the value. */
  conditional: boolean;
}

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  const headers = linesNamed(proxy, 'requestheader').flatMap((line) => parse(line) ?? []);
  // By host and header: an unset only counts in its own host or the server config.
  const unsetLines = new Map<Host, Map<string, HeaderLine[]>>();
  for (const entry of headers) {
    if (entry.action !== 'unset') continue;
    let byName = unsetLines.get(entry.line.host);
    if (!byName) unsetLines.set(entry.line.host, (byName = new Map()));
    const name = entry.header.toLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), entry]);
  }
  const unsetsFor = (entry: HeaderLine) => [entry.line.host, proxy.server].flatMap((host) => unsetLines.get(host)?.get(entry.header.toLowerCase()) ?? []);
  for (const entry of headers) {
    const { line, action, header } = entry;
    // edit and edit* change what is there; unset removes it.
    if (action === 'unset' || action === 'edit' || action === 'edit*') continue;
    if (!/^x-(ssl-)?client-/i.test(header) && !/SSL_CLIENT_/.test(entry.value)) continue;
    const ifs = ifDepth(line);
    const keeps = KEEPING.has(action);
    if (!keeps && !entry.conditional && ifs === 0) continue;
    if (unsetsFor(entry).some((unset) => unsets(unset, entry, proxy))) continue;
    const why =
      action === 'setifempty'
        ? 'RequestHeader setifempty writes it only when the request has none, so a value the client sent stays'
        : keeps
          ? `RequestHeader ${action} keeps a value the client sent and adds Apache's to it (the backend sees "evil, CN=alice")`
          : entry.conditional
            ? 'when its env= or expr= condition is false this line does nothing, and a value the client sent reaches the backend unchanged'
            : 'when the <If> around it is false this line does nothing, and a value the client sent reaches the backend unchanged';
    const insertion = unsetInsertion(line, ifs);
    yield {
      path: line.item.path,
      finding: {
        range: wordRange(line, line.item.args.findIndex((arg) => arg === header)),
        message: `A client can set ${header} itself: ${why}. Add \`RequestHeader unset ${header}\` before it, so only Apache writes it.`,
        ...(insertion ? { data: { header, insertion } } : {}),
      },
    };
  }
}

function parse(line: Placed): HeaderLine | undefined {
  const args = line.item.args;
  // RequestHeader takes no leading "always"/"onsuccess" condition, unlike Header.
  const action = args[0]?.toLowerCase();
  const header = args[1];
  if (!action || !header) return undefined;
  const rest = args.slice(action === 'unset' ? 2 : 3);
  return { line, action, header, value: action === 'unset' ? '' : (args[2] ?? ''), conditional: rest.some((word) => /^(env|expr)=/i.test(word)) };
}

function ifDepth(line: Placed): number {
  return line.within.filter((section) => sectionPlacement(section.name) === 'if').length;
}

/** Whether `unset` runs before `entry` for every request `entry` applies to. */
function unsets(unset: HeaderLine, entry: HeaderLine, proxy: ProxyModel): boolean {
  if (unset.action !== 'unset' || unset.conditional || unset.header.toLowerCase() !== entry.header.toLowerCase()) return false;
  if (unset.line.host !== entry.line.host && unset.line.host !== proxy.server) return false;
  if (ifDepth(unset.line) > 0) return false;
  const outer = entry.line.within.filter((section) => sectionPlacement(section.name) !== 'if');
  const sections = unset.line.within;
  if (unset.line.host !== entry.line.host) return sections.length === 0;
  if (sections.length > outer.length || sections.some((section, i) => outer[i] !== section)) return false;
  // mod_headers runs an outer level's lines before an inner one's; within one level, in order.
  return sections.length < outer.length || unset.line.order < entry.line.order;
}

/** Before the line, or before the <If> that starts the chain around it; none when that is not in the same file. */
function unsetInsertion(line: Placed, ifs: number): InsertionPoint | undefined {
  if (ifs === 0) return insertionBefore(line.item.node);
  let anchor: SectionNode | undefined;
  for (let parent = line.item.node.parent; parent.kind === 'section'; parent = parent.parent) {
    if (sectionPlacement(parent.name) === 'if') anchor = parent;
  }
  if (!anchor) return undefined;
  const siblings = anchor.parent.children;
  for (let i = siblings.indexOf(anchor); i >= 0 && anchor.name.toLowerCase() !== 'if'; i--) {
    const sibling = siblings[i];
    if (sibling.kind === 'section' && /^(if|elseif|else)$/i.test(sibling.name)) anchor = sibling;
  }
  return anchor.name.toLowerCase() === 'if' ? insertionBefore(anchor) : undefined;
}
