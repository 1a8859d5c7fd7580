// Hover on an Include/IncludeOptional line: the files it read, in the order
// Apache reads them, or why it read none. The directive's name keeps the
// directive card of the general hover.
import { posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { ConfigModel, IncludeSite } from '../config/buildConfigModel';
import type { DirectiveNode, Node, Position, SectionNode } from '../parser/ast';
import { contains, nodeAt } from '../parser/nodeAt';
import { shownPath } from '../config/shownPath';

/** More would bury the hover; the rest are counted. */
const MAX_LISTED = 50;

export function hoverInclude(model: ConfigModel, path: string, position: Position): Hover | null {
  const inTree = model.files.get(path);
  if (!inTree) return null;
  const node = nodeAt(inTree.file, position);
  if (node?.kind !== 'directive' || !/^include(optional)?$/i.test(node.name) || contains(node.nameRange, position)) return null;
  const argument = node.args[0];
  if (!argument) return null;
  const sites = includeSitesOf(model, path, node);
  const range = { start: argument.range.start, end: node.args[node.args.length - 1].range.end };
  if (sites.length === 0) {
    if (!isInDeadSection(node, inTree.deadSections)) return null;
    return markdown(`**${node.name}** reads nothing here: Apache skips the conditional section around this line.`, range);
  }
  // A file included more than once reads its Includes each time; show each distinct outcome once.
  const outcomes = new Map(sites.map((site) => [`${site.pattern}\0${site.files.join('\0')}`, site]));
  const onLine = model.problems.filter((problem) => problem.path === path && problem.range.start.line >= node.range.start.line && problem.range.start.line <= node.range.end.line);
  const problems = [...new Set(onLine.map((problem) => problem.message))];
  const parts = [...outcomes.values()].map((site) => describeSite(model, node.name, site));
  if (problems.length > 0) parts.push(problems.map((message) => `⚠️ ${message}`).join('\n\n'));
  return markdown(parts.join('\n\n---\n\n'), range);
}

/** Every time the model read this Include line (once per read of its file). */
export function includeSitesOf(model: ConfigModel, path: string, node: DirectiveNode): IncludeSite[] {
  return model.includes.filter((site) => site.path === path && site.node === node);
}

function describeSite(model: ConfigModel, directive: string, site: IncludeSite): string {
  const base = posix.isAbsolute(site.pattern) ? '' : ` (relative to ServerRoot ${codeSpan(model.serverRoot)})`;
  const head = `**${directive}** ${codeSpan(site.pattern)}${base}`;
  if (site.files.length === 0) {
    return `${head} matched no file${site.optional ? '; IncludeOptional accepts that silently.' : '.'}`;
  }
  const count = site.files.length === 1 ? 'one file' : `${site.files.length} files, read in this order`;
  const listed = site.files.slice(0, MAX_LISTED).map((file, index) => {
    const unread = model.files.has(file) ? '' : ' — not read';
    return `${index + 1}. ${fileLink(model, file)}${unread}`;
  });
  if (site.files.length > MAX_LISTED) listed.push(`\nand ${site.files.length - MAX_LISTED} more.`);
  return `${head} matched ${count}:\n\n${listed.join('\n')}`;
}

function isInDeadSection(node: Node, dead: ReadonlySet<SectionNode>): boolean {
  for (let parent = node.parent; parent.kind === 'section'; parent = parent.parent) if (dead.has(parent)) return true;
  return false;
}

/** A path as an administrator reads it: relative to ServerRoot when it lies inside. */
/** A Markdown link that opens the file (at a 1-based line when given). */
export function fileLink(model: ConfigModel, path: string, line?: number): string {
  const label = line === undefined ? shownPath(model, path) : `${shownPath(model, path)}:${line}`;
  // Parentheses would end a Markdown link target early.
  const target = pathToFileURL(path).href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return `[${codeSpan(label)}](${target}${line === undefined ? '' : `#L${line}`})`;
}

/** Inline code that survives backticks in the text. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function markdown(value: string, range: Hover['range']): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}
