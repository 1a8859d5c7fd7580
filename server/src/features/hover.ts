// Hover: what a directive, section tag or keyword value means, in our words,
// with the facts an administrator needs (syntax, default, contexts, module).
import { MarkupKind, type Hover, type MarkupContent, type Range } from 'vscode-languageserver-types';
import type { DirectiveFact, DirectiveIndex } from '../knowledge/directiveIndex';
import valueDocs from '../knowledge/valueDocs.json';
import type { Argument, ConfigFile, DirectiveNode, Position, SectionNode } from '../parser/ast';
import { contains, nodeAt } from '../parser/nodeAt';

export interface HoverOptions {
  directives: DirectiveIndex;
  format: MarkupKind;
  /** Meaning of an expression variable such as SSL_CLIENT_VERIFY, when known. */
  describeVariable?: (name: string) => string | undefined;
}

const VALUE_DOCS: Record<string, Record<string, string>> = valueDocs;

export function hover(file: ConfigFile, position: Position, options: HoverOptions): Hover | null {
  const node = nodeAt(file, position);
  if (!node || (node.kind !== 'directive' && node.kind !== 'section')) return null;
  if (node.kind === 'section' && node.close && position.line >= node.close.range.start.line) {
    return contains(node.close.nameRange, position) ? directiveHover(`<${node.name}`, node.close.nameRange, options) : null;
  }
  const nameRange = node.kind === 'section' ? node.open.nameRange : node.nameRange;
  const name = node.kind === 'section' ? `<${node.name}` : node.name;
  if (contains(nameRange, position)) return directiveHover(name, nameRange, options);
  const arg = node.args.find((a) => contains(a.range, position));
  if (!arg) return null;
  return variableHover(arg, position, options) ?? valueHover(node, arg, options);
}

function directiveHover(name: string, range: Range, options: HoverOptions): Hover | null {
  const fact = options.directives.lookup(name);
  if (!fact) return null;
  return { contents: render(describeDirective(fact), options.format), range };
}

/** The directive's card, as Markdown. */
export function describeDirective(fact: DirectiveFact): string {
  const title = fact.name.startsWith('<') ? `${fact.name}>` : fact.name;
  const lines = [`**${escape(title)}** · ${fact.module}`];
  if (fact.syntax) lines.push('', '```apacheconf', fact.syntax, '```');
  if (fact.deprecated) lines.push('', `⚠️ **Deprecated:** ${fact.deprecated}`);
  if (fact.description) lines.push('', fact.description);
  const facts: string[] = [];
  if (fact.default) facts.push(`Default: \`${fact.default}\``);
  if (fact.docContexts?.length) facts.push(`Context: ${fact.docContexts.join(', ')}`);
  if (fact.override) facts.push(`AllowOverride: ${fact.override}`);
  if (fact.since) facts.push(`Since: ${fact.since}`);
  if (facts.length > 0) lines.push('', facts.join('  \n'));
  if (fact.url) lines.push('', `[Apache documentation](${fact.url})`);
  return lines.join('\n');
}

function valueHover(node: DirectiveNode | SectionNode, arg: Argument, options: HoverOptions): Hover | null {
  const fact = options.directives.lookup(node.kind === 'section' ? `<${node.name}` : node.name);
  const docs = fact && VALUE_DOCS[fact.name];
  if (!docs) return null;
  const prefixes = fact.valuePrefixes ?? [];
  const bare = prefixes.includes(arg.value[0]) ? arg.value.slice(1) : arg.value;
  const key = Object.keys(docs).find((value) => value.toLowerCase() === bare.toLowerCase());
  if (!key) return null;
  const sign = bare === arg.value ? '' : arg.value[0] === '-' ? ' (switched off by the `-` prefix)' : ' (switched on by the `+` prefix)';
  return { contents: render(`**${escape(key)}**${sign} · ${fact.name}\n\n${docs[key]}`, options.format), range: arg.range };
}

function variableHover(arg: Argument, position: Position, options: HoverOptions): Hover | null {
  if (!options.describeVariable || arg.range.start.line !== arg.range.end.line) return null;
  const offset = position.character - arg.range.start.character;
  for (const match of arg.raw.matchAll(/%\{([A-Za-z0-9_:-]+)\}/g)) {
    const start = match.index ?? 0;
    if (offset < start || offset > start + match[0].length) continue;
    const text = options.describeVariable(match[1]);
    if (!text) return null;
    const line = arg.range.start.line;
    const character = arg.range.start.character + start;
    return {
      contents: render(text, options.format),
      range: { start: { line, character }, end: { line, character: character + match[0].length } },
    };
  }
  return null;
}

/** Markdown as the client wants it: as is, or flattened to plain text. */
export function render(markdown: string, format: MarkupKind): MarkupContent {
  if (format === MarkupKind.Markdown) return { kind: MarkupKind.Markdown, value: markdown };
  const plain = markdown
    .replace(/```\w*\n?/g, '')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1: $2')
    .replace(/ {2}\n/g, '\n')
    .replace(/\\([<>*_])/g, '$1');
  return { kind: MarkupKind.PlainText, value: plain };
}

function escape(text: string): string {
  return text.replace(/[<>*_]/g, (c) => `\\${c}`);
}
