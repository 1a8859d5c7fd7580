// Where a Define variable is written: `Define NAME`, `UnDefine NAME`,
// `<IfDefine [!]NAME>` and every `${NAME}`, in every file the model read.
// Lines Apache skips count too: navigation and rename must see a variable
// wherever it is spelled, or a rename would leave a dead branch behind.
import { pathToFileURL } from 'node:url';
import type { Location } from 'vscode-languageserver-types';
import { isFileOnDisk, type ConfigModel } from '../config/buildConfigModel';
import { findVariableReferences } from '../config/substituteVariables';
import type { Argument, ConfigFile, DirectiveNode, Position, Range, SectionNode } from '../parser/ast';
import { offsetAt } from '../parser/lineIndex';
import { contains, nodeAt } from '../parser/nodeAt';
import { forEachNode } from '../parser/walk';

export type OccurrenceKind = 'define' | 'undefine' | 'ifdefine' | 'use';

export interface VariableOccurrence {
  name: string;
  kind: OccurrenceKind;
  path: string;
  node: DirectiveNode | SectionNode;
  /** The name's own characters; the whole word when `exact` is false. */
  range: Range;
  /** False when the name sits past a line continuation inside its word, where its characters cannot be pointed at. */
  exact: boolean;
  /** What the cursor may rest on: `${NAME}` with its braces, or the whole word. */
  span: Range;
}

/** The variable written at `position` in a file of the model. */
export function variableAt(model: ConfigModel, path: string, position: Position): VariableOccurrence | undefined {
  const file = model.files.get(path)?.file;
  const node = file && nodeAt(file, position);
  if (!node || (node.kind !== 'directive' && node.kind !== 'section')) return undefined;
  return occurrencesOnLine(node, file, path).find((occurrence) => contains(occurrence.span, position));
}

/** Every place `name` is written, file by file in the order the model read them. */
export function variableOccurrences(model: ConfigModel, name: string): VariableOccurrence[] {
  const found: VariableOccurrence[] = [];
  for (const inTree of model.files.values()) {
    // An expansion's lines are written in its macro's body, which is listed with its own file.
    if (!isFileOnDisk(inTree)) continue;
    const { path, file } = inTree;
    forEachNode(file, (node) => {
      if (node.kind !== 'directive' && node.kind !== 'section') return;
      for (const occurrence of occurrencesOnLine(node, file, path)) if (occurrence.name === name) found.push(occurrence);
    });
  }
  return found;
}

/** References to the variable at `position`; its Defines only when `includeDeclaration` asks for them. */
export function variableReferences(model: ConfigModel, path: string, position: Position, includeDeclaration: boolean): Location[] {
  const variable = variableAt(model, path, position);
  if (!variable) return [];
  return variableOccurrences(model, variable.name)
    .filter((occurrence) => includeDeclaration || occurrence.kind !== 'define')
    .map(toLocation);
}

export function toLocation(occurrence: Pick<VariableOccurrence, 'path' | 'range'>): Location {
  return { uri: pathToFileURL(occurrence.path).href, range: occurrence.range };
}

/** The variables one directive or section tag names, in the order they are written. */
export function occurrencesOnLine(node: DirectiveNode | SectionNode, file: ConfigFile, path: string): VariableOccurrence[] {
  const found: VariableOccurrence[] = [];
  const declared = declaredName(node);
  if (declared) {
    const { arg, kind } = declared;
    const bang = kind === 'ifdefine' && arg.value.startsWith('!') ? 1 : 0;
    const name = arg.value.slice(bang);
    // A name built from ${…} is not one variable; the ${…} inside is found below.
    if (name !== '' && !name.includes(':') && !arg.raw.includes('${')) {
      const written = arg.quote === '' ? arg.raw : arg.raw.slice(1, arg.closed ? -1 : undefined);
      const offset = (arg.quote === '' ? 0 : 1) + bang;
      const range = written.slice(bang) === name ? rangeWithin(file, arg.range, offset, name) : undefined;
      found.push({ name, kind, path, node, range: range ?? arg.range, exact: range !== undefined, span: arg.range });
    }
  }
  for (const word of wordsOf(node)) {
    for (const reference of findVariableReferences(word.text)) {
      const span = rangeWithin(file, word.range, reference.start, word.text.slice(reference.start, reference.end));
      const range = rangeWithin(file, word.range, reference.start + 2, reference.name);
      found.push({ name: reference.name, kind: 'use', path, node, range: range ?? word.range, exact: range !== undefined, span: span ?? word.range });
    }
  }
  return found;
}

function declaredName(node: DirectiveNode | SectionNode): { arg: Argument; kind: OccurrenceKind } | undefined {
  const arg = node.args[0];
  if (!arg) return undefined;
  const name = node.name.toLowerCase();
  if (node.kind === 'section') return name === 'ifdefine' ? { arg, kind: 'ifdefine' } : undefined;
  if (name === 'define') return { arg, kind: 'define' };
  if (name === 'undefine') return { arg, kind: 'undefine' };
  return undefined;
}

/** The name and each argument as written, where Apache substitutes ${…}. */
function wordsOf(node: DirectiveNode | SectionNode): { text: string; range: Range }[] {
  const name = node.kind === 'section' ? { text: `<${node.name}`, range: node.open.nameRange } : { text: node.name, range: node.nameRange };
  return [name, ...node.args.map((arg) => ({ text: arg.raw, range: arg.range }))];
}

/**
 * The range of `text`, found `offset` characters into a word. Up to the first
 * line continuation a word is written exactly as Apache reads it; past one the
 * offsets shift, so there (and wherever the file does not hold `text`) the
 * answer is undefined rather than a guess.
 */
function rangeWithin(file: ConfigFile, word: Range, offset: number, text: string): Range | undefined {
  const start = { line: word.start.line, character: word.start.character + offset };
  const at = offsetAt(file.lineStarts, file.text, start);
  if (word.start.line !== word.end.line && at + text.length > continuationStart(file, word.start.line)) return undefined;
  if (file.text.slice(at, at + text.length) !== text) return undefined;
  return { start, end: { line: start.line, character: start.character + text.length } };
}

/** Where the backslashes that continue a physical line begin. */
function continuationStart(file: ConfigFile, line: number): number {
  const start = file.lineStarts[line];
  const content = file.text.slice(start, file.lineStarts[line + 1] ?? file.text.length).replace(/\r?\n$/, '');
  return start + content.replace(/\\+$/, '').length;
}
