// A line's words as the tree keeps them: spelling, value and position. A
// directive's or section tag's are built when first read (most lines of a
// large tree are never looked at word by word, and their words as strings
// are enough for the model).

import type { Argument, ConfigFile, Parent, Range } from './ast';
import { lineAt } from './lineIndex';
import { fileOffsetOfEnd, fileOffsetOfStart, logicalLineAt, type LogicalLine } from './logicalLines';
import { ParsedArgument, PlainArgument, rangeFrom, type RangeIntegers } from './nodes';
import { readWord, skipSpaces, splitWords, trimmedEnd, type Word } from './words';

/**
 * Where `from` to `to` of the logical line lies, written into `into`.
 * `firstLine` is a line at or before the logical line's first byte: the
 * search starts there, and most positions are on that very line.
 */
export function measureSpan(line: LogicalLine, lineStarts: number[], firstLine: number, from: number, to: number, into: RangeIntegers): RangeIntegers {
  const start = fileOffsetOfStart(line, from);
  into.startLine = lineAt(lineStarts, start, firstLine);
  into.startCharacter = start - lineStarts[into.startLine];
  const end = fileOffsetOfEnd(line, to);
  into.endLine = lineAt(lineStarts, end, firstLine);
  into.endCharacter = end - lineStarts[into.endLine];
  return into;
}

export function argumentsOfWords(line: LogicalLine, words: readonly Word[], lineStarts: number[], firstLine: number): Argument[] {
  const at: RangeIntegers = { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 };
  return words.map((word) => {
    measureSpan(line, lineStarts, firstLine, word.start, word.end, at);
    return isPlain(word)
      ? new PlainArgument(at, word.value)
      : new ParsedArgument(at, line.text.slice(word.start, word.end), word.value, word.quote, word.closed);
  });
}

/**
 * The arguments of the directive whose bytes start at `start` in the file at
 * the root of `parent`; `startLine` is the line of its name, where the search
 * for their lines starts.
 */
export function directiveArguments(start: number, startLine: number, parent: Parent): Argument[] {
  const { file, line, name, contentEnd } = readLine(start, parent);
  return argumentsOfWords(line, splitWords(line.text, name.end, contentEnd), file.lineStarts, startLine);
}

/** The range of the name of the directive whose bytes start at `start` (see directiveArguments). */
export function directiveNameRange(start: number, startLine: number, parent: Parent): Range {
  const { file, line, name } = readLine(start, parent);
  const at = measureSpan(line, file.lineStarts, startLine, name.start, name.end, { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 });
  return rangeFrom(at.startLine, at.startCharacter, at.endLine, at.endCharacter);
}

/** The arguments of a section's open tag, as directiveArguments does for a directive. */
export function sectionArguments(start: number, startLine: number, parent: Parent): Argument[] {
  const { file, line, name, contentEnd } = readLine(start, parent);
  return argumentsOfWords(line, splitWords(line.text, name.end, openTagSpan(line.text, name, contentEnd).argsEnd), file.lineStarts, startLine);
}

/**
 * Where an open tag's words end: at its `>` (the last on the line), at the
 * line's end when it has none, at once for `<Name>` (no words).
 */
export function openTagSpan(text: string, name: Word, contentEnd: number): { argsEnd: number; hasClosingBracket: boolean } {
  if (name.value.endsWith('>')) return { argsEnd: name.end, hasClosingBracket: true };
  const bracket = text.lastIndexOf('>', contentEnd - 1);
  return bracket >= name.end ? { argsEnd: bracket, hasClosingBracket: true } : { argsEnd: contentEnd, hasClosingBracket: false };
}

function readLine(start: number, parent: Parent): { file: ConfigFile; line: LogicalLine; name: Word; contentEnd: number } {
  const file = rootFile(parent);
  const line = logicalLineAt(file.text, start);
  const contentStart = skipSpaces(line.text, 0);
  const contentEnd = trimmedEnd(line.text, contentStart);
  return { file, line, name: readWord(line.text, contentStart, contentEnd), contentEnd };
}

function rootFile(parent: Parent): ConfigFile {
  let at = parent;
  while (at.kind !== 'file') at = at.parent;
  return at;
}

/** An unquoted word without escapes: as written it is its value. */
function isPlain(word: Word): boolean {
  return word.quote === '' && word.value.length === word.end - word.start;
}
