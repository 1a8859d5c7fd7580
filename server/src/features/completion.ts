// Completion: directive and section names allowed where the cursor is, keyword
// arguments, On/Off, expression variables after `%{`, closing tags after `</`,
// and file paths for directives that take one.
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Range,
} from 'vscode-languageserver-types';
import { contextOf } from '../analysis/enclosingContexts';
import { blockingContext, placementsOf } from '../analysis/placement';
import { enclosingSection, isRequireSection } from '../analysis/sectionKinds';
import { COMMON_DIRECTIVES } from '../knowledge/commonDirectives';
import type { DirectiveFact, DirectiveIndex } from '../knowledge/directiveIndex';
import type { ConfigFile, Position } from '../parser/ast';
import { nodeAt, sectionAt } from '../parser/nodeAt';
import { describeDirective } from './hover';

export interface DirectoryEntry {
  name: string;
  isDirectory: boolean;
}

export interface CompletionOptions {
  directives: DirectiveIndex;
  inHtaccess: boolean;
  /** Expression variables offered after `%{`. */
  variables?: readonly { name: string; description: string }[];
  /** Lists a folder for path arguments; undefined when it cannot be read. */
  listDirectory?: (path: string) => DirectoryEntry[] | undefined;
  /** Where relative paths start (ServerRoot, or the file's folder). */
  baseDirectory?: string;
  /** The configuration's macros, for Use; asked only there. */
  macros?: () => readonly { name: string; params: readonly string[] }[];
}

const RANK = new Map(COMMON_DIRECTIVES.map((name, index) => [name.toLowerCase(), index]));

/** Each directive's card is built once: completion lists hundreds of them on every keystroke. */
const CARDS = new WeakMap<DirectiveFact, string>();
function card(fact: DirectiveFact): string {
  let text = CARDS.get(fact);
  if (text === undefined) CARDS.set(fact, (text = describeDirective(fact)));
  return text;
}

export function complete(file: ConfigFile, position: Position, options: CompletionOptions): CompletionItem[] {
  const lineStart = file.lineStarts[position.line] ?? file.text.length;
  const before = file.text.slice(lineStart, lineStart + position.character);
  const node = nodeAt(file, position);
  const continuesEarlierLine = node !== undefined && node.kind !== 'blank' && node.range.start.line < position.line &&
    (node.kind !== 'section' || position.line <= node.open.range.end.line);

  const closing = /^\s*<\/([A-Za-z]*)$/.exec(before);
  if (closing && !continuesEarlierLine) return closeTagItems(file, position, closing[1].length);

  const firstWord = /^\s*(<?[A-Za-z0-9_]*)$/.exec(before);
  if (firstWord && !continuesEarlierLine) return directiveItems(file, position, firstWord[1], options);

  const variable = /%\{([A-Za-z0-9_]*)$/.exec(before);
  if (variable) return variableItems(position, variable[1], options);

  const words = /^\s*(<?[A-Za-z0-9_]+)\s+(?:.*\s)?(\S*)$/.exec(before);
  if (!words || continuesEarlierLine) return [];
  const fact = options.directives.lookup(words[1]);
  if (!fact) return [];
  const current = words[2];
  const replace = rangeBack(position, current.length);
  const earlier = before.slice(0, before.length - current.length).trim().split(/\s+/).slice(1);
  if (fact.name === 'Use') return earlier.length === 0 ? macroItems(options, replace) : [];
  return [...valueItems(fact, current, replace, earlier), ...pathItems(fact, current, position, options)];
}

function directiveItems(file: ConfigFile, position: Position, typed: string, options: CompletionOptions): CompletionItem[] {
  const container = sectionAt(file, position) ?? file;
  const context = contextOf(container, options.inHtaccess, (name) => options.directives.lookup(`<${name}`) !== undefined);
  // <RequireAll> and its kin read only some lines (authorization, mostly).
  const inRequireSection = container.kind === 'section' && (isRequireSection(container.name) || enclosingSection(container, [], isRequireSection) !== undefined);
  const indent = /^\s*/.exec(file.text.slice(file.lineStarts[position.line] ?? 0))?.[0] ?? '';
  const replace = rangeBack(position, typed.length);
  const wantSections = typed.startsWith('<');
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const fact of options.directives.all()) {
    const isSection = fact.name.startsWith('<');
    if ((wantSections && !isSection) || seen.has(fact.name.toLowerCase())) continue;
    const placements = placementsOf(fact);
    if ((placements && blockingContext(context, placements)) || (inRequireSection && fact.inRequireSections === false)) continue;
    seen.add(fact.name.toLowerCase());
    items.push(isSection ? sectionItem(fact, replace, indent) : directiveItem(fact, replace));
  }
  return items;
}

function directiveItem(fact: DirectiveFact, replace: Range): CompletionItem {
  return {
    label: fact.name,
    kind: CompletionItemKind.Keyword,
    detail: fact.module,
    documentation: { kind: MarkupKind.Markdown, value: card(fact) },
    sortText: sortKey(fact.name),
    textEdit: { range: replace, newText: fact.name },
    ...(fact.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
  };
}

function sectionItem(fact: DirectiveFact, replace: Range, indent: string): CompletionItem {
  const name = fact.name.slice(1);
  const argument = /^(RequireAll|RequireAny|RequireNone|Else)$/i.test(name) ? '' : ` \${1:${placeholderFor(fact)}}`;
  return {
    label: `<${name}>`,
    filterText: fact.name,
    kind: CompletionItemKind.Module,
    detail: fact.module,
    documentation: { kind: MarkupKind.Markdown, value: card(fact) },
    sortText: sortKey(fact.name),
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: replace, newText: `<${name}${argument}>\n${indent}    $0\n${indent}</${name}>` },
  };
}

/** The argument named in the manual's syntax line (`<Location URL-path|URL>` → `URL-path|URL`). */
function placeholderFor(fact: DirectiveFact): string {
  const match = fact.syntax ? /^<\S+\s+([^>]+)>?/.exec(fact.syntax) : null;
  return (match?.[1] ?? 'argument').replace(/[$}\\]/g, '');
}

function closeTagItems(file: ConfigFile, position: Position, typedLength: number): CompletionItem[] {
  const open = sectionAt(file, position);
  if (!open) return [];
  const start = { line: position.line, character: position.character - typedLength - 2 };
  return [
    {
      label: `</${open.name}>`,
      kind: CompletionItemKind.Module,
      sortText: '0',
      textEdit: { range: { start, end: position }, newText: `</${open.name}>` },
    },
  ];
}

/** Keywords for the word being typed, `earlier` being the arguments before it. */
function valueItems(fact: DirectiveFact, current: string, replace: Range, earlier: readonly string[]): CompletionItem[] {
  const conditions = fact.valueConditions ?? [];
  const afterCondition = earlier.length === 1 && conditions.some((word) => word.toLowerCase() === earlier[0].toLowerCase());
  const keywordHere = earlier.length === 0 || afterCondition || fact.valueKind === 'tokens';
  const keywords = fact.arguments?.kind === 'flag' ? ['On', 'Off'] : fact.values;
  const values = keywords && earlier.length === 0 ? [...keywords, ...conditions] : keywords;
  if (!values || !keywordHere) return [];
  const prefix = fact.valuePrefixes?.includes(current[0]) ? current[0] : '';
  return values.map((value, index) => ({
    label: prefix + value,
    kind: CompletionItemKind.EnumMember,
    sortText: String(index).padStart(3, '0'),
    textEdit: { range: replace, newText: prefix + value },
  }));
}

/** The macros a Use can expand, each with its parameters as placeholders. */
function macroItems(options: CompletionOptions, replace: Range): CompletionItem[] {
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const { name, params } of options.macros?.() ?? []) {
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    const placeholders = params.map((param, index) => ` \${${index + 1}:${param.replace(/[$}\\]/g, '\\$&')}}`).join('');
    items.push({
      label: name,
      kind: CompletionItemKind.Function,
      detail: `<Macro ${[name, ...params].join(' ')}>`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: replace, newText: `${name}${placeholders}` },
    });
  }
  return items;
}

function variableItems(position: Position, typed: string, options: CompletionOptions): CompletionItem[] {
  const replace = rangeBack(position, typed.length);
  return (options.variables ?? []).map((variable) => ({
    label: variable.name,
    kind: CompletionItemKind.Variable,
    documentation: { kind: MarkupKind.Markdown, value: variable.description },
    textEdit: { range: replace, newText: variable.name },
  }));
}

/** Directives whose syntax names a file or folder get the entries of the folder typed so far. */
function pathItems(fact: DirectiveFact, current: string, position: Position, options: CompletionOptions): CompletionItem[] {
  if (!options.listDirectory || !/(file|directory)-?path|filename|directory/i.test(fact.syntax ?? '')) return [];
  const unquoted = current.replace(/^["']/, '');
  const slash = unquoted.lastIndexOf('/');
  const folderTyped = slash >= 0 ? unquoted.slice(0, slash + 1) : '';
  const folder = folderTyped.startsWith('/') ? folderTyped : `${options.baseDirectory ?? '.'}/${folderTyped}`;
  const entries = options.listDirectory(folder || '/');
  if (!entries) return [];
  const replace = rangeBack(position, unquoted.length - folderTyped.length);
  return entries.map((entry) => ({
    label: entry.isDirectory ? `${entry.name}/` : entry.name,
    kind: entry.isDirectory ? CompletionItemKind.Folder : CompletionItemKind.File,
    textEdit: { range: replace, newText: entry.isDirectory ? `${entry.name}/` : entry.name },
    ...(entry.isDirectory ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
  }));
}

function sortKey(name: string): string {
  const rank = RANK.get(name.toLowerCase());
  return rank === undefined ? `1${name.toLowerCase()}` : `0${String(rank).padStart(3, '0')}`;
}

function rangeBack(position: Position, length: number): Range {
  return { start: { line: position.line, character: position.character - length }, end: position };
}
