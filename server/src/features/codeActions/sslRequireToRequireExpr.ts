// ssl/sslrequire-deprecated: rewrite `SSLRequire …` as `Require expr …`.
// SSLRequire parses its expression in mod_ssl's compatibility mode, where
// `eq`/`-eq` and `ne`/`-ne` compare strings and `<`, `lt`, … order strings by
// length first, then by characters (util_expr_eval.c ssl_expr_eval_comp). In
// ap_expr those words compare integers (every non-numeric text counts as 0),
// so the rewrite swaps them: `eq`→`==`, `ne`→`!=`, and an ordering against a
// number becomes the integer `-lt`/`-le`/`-gt`/`-ge` it was meant as (the
// length-first order agrees for numbers without leading zeros; for `08` it did
// not: `%{TIME_HOUR} >= 8` held at 07). An ordering between two texts has no
// ap_expr equivalent: no rewrite is offered then.
//
// SSLRequire is checked on its own, on top of the section's Require lines,
// while Require lines of one section are alternatives (an implicit
// <RequireAny>). So the new `Require expr` joins the existing ones under
// <RequireAll>, and where the section had none of its own but inherits some,
// `AuthMerging And` keeps the inherited ones in force.
//
// Also the place for what the other authorization fixes share.
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { ConfigModel } from '../../config/buildConfigModel';
import { CONDITIONAL_SECTIONS } from '../../config/evaluateCondition';
import { effectiveConfiguration } from '../../config/effectiveConfiguration';
import { sectionPlacement } from '../../knowledge/sectionPlacement';
import { apacheLookupError } from '../../knowledge/variables';
import type { ConfigFile, DirectiveNode, Node, SectionNode } from '../../parser/ast';
import type { Comparison, Condition, ExprReference, Word } from '../../parser/expr/ast';
import { parseExpression } from '../../parser/expr/parseExpression';
import { forEachExprNode } from '../../parser/expr/walkExpression';
import { positionAt } from '../../parser/lineIndex';
import { forEachLogicalLine, isApacheSpace } from '../../parser/logicalLines';
import { nodeAt } from '../../parser/nodeAt';
import { forEachNode } from '../../parser/walk';
import { readWord, skipSpaces } from '../../parser/words';
import type { QuickFix, QuickFixContext } from './types';

export const sslRequireToRequireExprFix: QuickFix = {
  code: 'ssl/sslrequire-deprecated',
  fix(diagnostic, context) {
    return replaceWithRequire(diagnostic, context, 'sslrequire', (node) => {
      const translation = translateSslRequire(sslRequireExpression(context.file, node));
      if ('error' in translation) return undefined;
      const swapped = translation.changes.length > 0 ? ` (${translation.changes.join(', ')})` : '';
      return { line: `Require expr ${standaloneExpression(translation.expression)}`, title: `Rewrite as Require expr${swapped}` };
    });
  },
};

/**
 * The preferred fix that replaces the `directive` (lower case) a diagnostic is
 * on by the Require line `replacement` gives, joined with the section's own.
 */
export function replaceWithRequire(
  diagnostic: Diagnostic,
  context: QuickFixContext,
  directive: string,
  replacement: (node: DirectiveNode) => { line: string; title: string } | undefined,
): CodeAction[] {
  const node = directiveAt(context.file, diagnostic.range, directive);
  const section = node && perDirectorySectionOf(node);
  const wanted = node && section && replacement(node);
  if (!node || !section || !wanted) return [];
  const edits = authorizationEdits({ ...context, section, remove: [node], requires: [wanted.line] });
  return [
    { title: wanted.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: { changes: { [context.uri]: edits } } },
  ];
}

// ---- finding the lines ----

/** The directive named `name` (lower case) on the diagnostic's first line. */
export function directiveAt(file: ConfigFile, range: Range, name: string): DirectiveNode | undefined {
  const node = nodeAt(file, range.start);
  return node?.kind === 'directive' && node.name.toLowerCase() === name ? node : undefined;
}

/** The <Location>, <Directory>, <Files> or <If> a line belongs to, looking through conditional sections. */
export function perDirectorySectionOf(node: Node): SectionNode | undefined {
  for (let parent = node.parent; parent.kind === 'section'; parent = parent.parent) {
    const placement = sectionPlacement(parent.name);
    if (placement === 'directory' || placement === 'files' || placement === 'location' || placement === 'if') return parent;
    if (!CONDITIONAL_SECTIONS.has(parent.name.toLowerCase())) return undefined;
  }
  return undefined;
}

/** What SSLRequire hands to ap_expr_parse: the rest of its logical line, quotes included (RAW_ARGS). */
export function sslRequireExpression(file: ConfigFile, node: DirectiveNode): string {
  let text = '';
  forEachLogicalLine(file.text.slice(node.start, node.end), (line) => {
    if (text === '') text = line.text;
  });
  const name = readWord(text, skipSpaces(text, 0));
  let end = text.length;
  while (end > name.end && isApacheSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(skipSpaces(text, name.end, end), end);
}

// ---- translating the expression ----

export type SslRequireTranslation =
  | { expression: string; root: Condition; changes: string[] }
  | { error: string };

const EQUALITY: Partial<Record<Comparison['kind'], string>> = { 'int-eq': '==', 'int-ne': '!=' };
const ORDERING: Partial<Record<Comparison['kind'], string>> = {
  'int-lt': '-lt', 'int-le': '-le', 'int-gt': '-gt', 'int-ge': '-ge',
  'str-lt': '-lt', 'str-le': '-le', 'str-gt': '-gt', 'str-ge': '-ge',
};

/** The SSLRequire expression as an ap_expr condition (orderings against numbers as integer ones), or why there is none. */
export function translateSslRequire(text: string): SslRequireTranslation {
  const parsed = parseExpression(text, { resolve: lookupError });
  if (!parsed.root || parsed.error || parsed.root.type === 'string') {
    return { error: `the expression does not parse${parsed.error ? `: ${parsed.error.message}` : ''}` };
  }
  const swaps: { start: number; end: number; text: string }[] = [];
  let error: string | undefined;
  forEachExprNode(parsed.root, (node) => {
    if (node.type !== 'comparison') return;
    const equality = EQUALITY[node.kind];
    const ordering = ORDERING[node.kind];
    const replacement = equality ?? (ordering && [node.left, node.right as Word].some(isNumber) ? ordering : undefined);
    if (ordering && !replacement) error ??= `${node.operator.text} orders text by length, then by characters: ap_expr has no such comparison`;
    if (replacement && replacement !== node.operator.text) swaps.push({ ...node.operator, text: replacement });
  });
  if (error) return { error };
  let expression = text;
  for (const swap of [...swaps].sort((a, b) => b.start - a.start)) {
    expression = expression.slice(0, swap.start) + swap.text + expression.slice(swap.end);
  }
  const result = parseExpression(expression, { resolve: lookupError });
  if (!result.root || result.error || result.root.type === 'string') return { error: 'the rewritten expression does not parse' };
  const changes = [...new Set(swaps.map((swap) => `${text.slice(swap.start, swap.end)} → ${swap.text}`))];
  return { expression, root: result.root, changes };
}

function lookupError(reference: ExprReference): string | undefined {
  return apacheLookupError(reference.kind, reference.name, 'argument' in reference ? reference.argument : undefined);
}

/** A number, or a quoted text of digits only. */
function isNumber(word: Word): boolean {
  if (word.type === 'number') return true;
  return word.type === 'string' && word.parts.length === 1 && word.parts[0].type === 'text' && /^-?\d+$/.test(word.parts[0].value);
}

/** `condition` as the right operand of `&&`: an `||` at the top needs parentheses. */
export function conjunct(expression: string, root: Condition): string {
  return root.type === 'or' ? `(${expression})` : expression;
}

/** mod_authz_core drops one pair of surrounding double quotes from `Require expr`: keep them from meeting. */
export function standaloneExpression(expression: string): string {
  return expression.startsWith('"') && expression.endsWith('"') ? `(${expression})` : expression;
}

// ---- adding Require lines to a section ----

const AUTHORIZATION = new Set(['require', 'requireall', 'requireany', 'requirenone']);

export interface AuthorizationChange {
  file: ConfigFile;
  path: string;
  model: ConfigModel;
  /** The per-directory section that gets the Require lines. */
  section: SectionNode;
  /** Lines of the section that go, whole. */
  remove: readonly Node[];
  /** Require lines (no indentation, no line break) that must all hold, on top of what the section requires already. */
  requires: readonly string[];
}

/**
 * Edits of `change.file` that remove lines and add Require lines that must
 * hold together with the section's own authorization: the new lines take the
 * place of the first line that goes or is wrapped; existing Require lines (and
 * sections holding them) are wrapped, with the new ones, in <RequireAll>,
 * inside a <RequireAny> when there are several, which is how Apache combines
 * them in one section. A lone <RequireAll> gets the new lines at its top.
 */
export function authorizationEdits(change: AuthorizationChange): TextEdit[] {
  const { file, section, requires } = change;
  const text = file.text;
  const removed = new Set(change.remove);
  const edits: { start: number; end: number; text: string }[] = [];
  const existing = requires.length === 0 ? [] : section.children.filter((child) => !removed.has(child) && holdsAuthorization(child));
  const inside = (node: Node, outer: Node) => node !== outer && node.start >= outer.start && node.end <= outer.end;
  const moved = new Set(existing);
  const wrapped = existing.length > 0 && !(existing.length === 1 && isSection(existing[0], 'requireall'));
  for (const node of change.remove) {
    if (!wrapped || !existing.some((outer) => inside(node, outer))) edits.push({ start: node.start, end: node.end, text: '' });
  }
  if (requires.length > 0) {
    const unit = indentUnit(file, section);
    if (!wrapped && existing.length === 1) {
      // A <RequireAll> of its own: the new lines go first in it.
      const all = existing[0] as SectionNode;
      const first = all.children.find((child) => child.kind !== 'blank');
      const indent = first ? indentOf(text, first) : indentOf(text, all) + unit;
      edits.push({ start: all.open.end, end: all.open.end, text: linesOf(requires.map((line) => indent + line), lineBreakAt(text, all.open.end)) });
    } else {
      const anchor = section.children.find((child) => removed.has(child) || moved.has(child));
      const indent = anchor ? indentOf(text, anchor) : bodyIndent(text, section, unit);
      const eol = lineBreakAt(text, anchor?.end ?? section.open.end);
      const lines: string[] = [];
      if (!wrapped) {
        if (inheritsAuthorization(change)) lines.push(`${indent}AuthMerging And`);
        lines.push(...requires.map((line) => indent + line));
      } else {
        lines.push(`${indent}<RequireAll>`, ...requires.map((line) => indent + unit + line));
        const alternatives = existing.length > 1 || !isAuthorizationLine(existing[0]);
        const depth = alternatives ? unit + unit : unit;
        if (alternatives) lines.push(`${indent}${unit}<RequireAny>`);
        const body = existing.map((node) => movedText(text, node, change.remove, depth, eol)).join('');
        lines.push(body.replace(/\r?\n$/, ''));
        if (alternatives) lines.push(`${indent}${unit}</RequireAny>`);
        lines.push(`${indent}</RequireAll>`);
      }
      const block = linesOf(lines, eol);
      for (const node of existing) edits.push({ start: node.start, end: node.end, text: '' });
      const at = anchor ? edits.find((edit) => edit.start === anchor.start) : undefined;
      if (at) at.text = block;
      else {
        const end = section.close?.start ?? section.open.end;
        edits.push({ start: end, end, text: block });
      }
    }
  }
  return edits
    .sort((a, b) => a.start - b.start)
    .map((edit) => ({ range: { start: positionAt(file.lineStarts, edit.start), end: positionAt(file.lineStarts, edit.end) }, newText: edit.text }));
}

function isSection(node: Node, name: string): node is SectionNode {
  return node.kind === 'section' && node.name.toLowerCase() === name;
}

/** A Require line or a <Require…> section: one alternative of its own. */
function isAuthorizationLine(node: Node): boolean {
  return (node.kind === 'directive' || node.kind === 'section') && AUTHORIZATION.has(node.name.toLowerCase());
}

/** A Require line, a <Require…> section, or a conditional section holding one. */
function holdsAuthorization(node: Node): boolean {
  if (isAuthorizationLine(node)) return true;
  if (node.kind !== 'section' || !CONDITIONAL_SECTIONS.has(node.name.toLowerCase())) return false;
  return node.children.some(holdsAuthorization);
}

/** Whether a section without Require lines of its own takes some from a section merged before it. */
function inheritsAuthorization({ model, path, section }: AuthorizationChange): boolean {
  if (section.children.some((child) => child.kind === 'directive' && child.name.toLowerCase() === 'authmerging')) return false;
  const { levels } = effectiveConfiguration(model, path, section.open.range.start);
  const own = levels.findIndex(
    ({ section: level }) =>
      level?.origin.path === path &&
      level.origin.range.start.line === section.open.range.start.line &&
      level.origin.range.start.character === section.open.range.start.character,
  );
  return levels
    .slice(0, Math.max(own, 0))
    .some(({ level, directives }) => level !== 'server' && level !== 'virtualhost' && directives.some((d) => AUTHORIZATION.has(d.name.toLowerCase())));
}

/** A node's lines one level deeper (continuation and blank lines as they are), without the lines that go. */
function movedText(text: string, node: Node, remove: readonly Node[], extra: string, eol: string): string {
  let body = '';
  let at = node.start;
  for (const gone of [...remove].filter((r) => r.start >= node.start && r.end <= node.end).sort((a, b) => a.start - b.start)) {
    body += text.slice(at, gone.start);
    at = gone.end;
  }
  body += text.slice(at, node.end);
  if (!body.endsWith('\n')) body += eol;
  let continued = false;
  return body
    .split(/(?<=\n)/)
    .map((line) => {
      const content = line.replace(/\r?\n$/, '');
      const out = continued || content.trim() === '' ? line : extra + line;
      continued = content.endsWith('\\');
      return out;
    })
    .join('');
}

// ---- layout ----

/** The blanks a node's first line starts with. */
export function indentOf(text: string, node: { start: number }): string {
  return /^[ \t]*/.exec(text.slice(node.start, node.start + 200))?.[0] ?? '';
}

/** The line break that ends the line before `offset` (else the file's first one). */
export function lineBreakAt(text: string, offset: number): string {
  if (text[offset - 1] === '\n') return text[offset - 2] === '\r' ? '\r\n' : '\n';
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function linesOf(lines: readonly string[], eol: string): string {
  return lines.map((line) => line + eol).join('');
}

/** One level of indentation as this file writes it: from the section, else any section of the file, else four spaces. */
export function indentUnit(file: ConfigFile, section: SectionNode): string {
  const deeper = (outer: SectionNode): string | undefined => {
    const child = outer.children.find((node) => node.kind !== 'blank');
    if (!child) return undefined;
    const inner = indentOf(file.text, child);
    const own = indentOf(file.text, outer);
    return inner.length > own.length && inner.startsWith(own) ? inner.slice(own.length) : undefined;
  };
  let unit = deeper(section);
  if (unit === undefined) {
    forEachNode(file, (node) => {
      if (unit === undefined && node.kind === 'section') unit = deeper(node);
    });
  }
  return unit ?? '    ';
}

/** The indentation of a section's body lines. */
export function bodyIndent(text: string, section: SectionNode, unit: string): string {
  const child = section.children.find((node) => node.kind !== 'blank');
  return child ? indentOf(text, child) : indentOf(text, section) + unit;
}
