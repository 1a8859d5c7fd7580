// Builds the syntax tree of one file the way Apache reads it (server/config.c,
// server/util.c). It never throws: structural mistakes become ParseProblems,
// and the tree is recovered so the rest of the file is still analysed.
// Nesting uses an explicit stack, so depth costs no call stack.

import type { CloseTag, CompactRange, ConfigFile, Node, Parent } from './ast';
import { computeLineStarts, lineAt } from './lineIndex';
import { hasRawBody } from './rawBodySections';
import { measureSpan, openTagSpan } from './lineArguments';
import { fileOffsetOfEnd, forEachLogicalLine, type LogicalLine } from './logicalLines';
import {
  ParsedBlank,
  ParsedCloseTag,
  ParsedComment,
  ParsedDirective,
  ParsedOpenTag,
  ParsedSection,
  ParsedFile,
  ParsedStrayClose,
  type RangeIntegers,
} from './nodes';
import { sharedName, sharedWord, sharedWords } from './sharedName';
import { readWord, skipSpaces, splitWords, trimmedEnd } from './words';

export function parseConfig(text: string): ConfigFile {
  const file = new ParsedFile(text);
  const stack: ParsedSection[] = [];
  const current = (): Parent => (stack.length > 0 ? stack[stack.length - 1] : file);
  const lineStarts = computeLineStarts(text);
  // The LSP line of the current logical line's first byte: positions in the
  // logical line are searched from there, and most are on that very line.
  let firstLine = 0;
  // The range `measure` found last. Each constructor it is handed to copies it
  // at once, so one object serves the whole parse.
  const measured: RangeIntegers = { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 };

  const measure = (line: LogicalLine, from: number, to: number): RangeIntegers => measureSpan(line, lineStarts, firstLine, from, to, measured);

  const finishSection = (section: ParsedSection, close?: ParsedCloseTag) => {
    section.close = close;
    // A list grown by push keeps room for 17 entries or more; most sections have a few children.
    section.children = section.children.slice();
    const last = section.children[section.children.length - 1];
    section.end = close ? close.end : last ? last.end : section.open.end;
    const endsWith: CompactRange = close ?? last ?? section.open;
    section.endLine = endsWith.endLine;
    section.endCharacter = endsWith.endCharacter;
  };

  forEachLogicalLine(text, (line) => {
    while (firstLine + 1 < lineStarts.length && lineStarts[firstLine + 1] <= line.start) firstLine++;
    const parent = current();
    const contentStart = skipSpaces(line.text, 0);
    const contentEnd = trimmedEnd(line.text, contentStart);

    if (contentStart === contentEnd) {
      measured.startLine = measured.endLine = firstLine;
      measured.startCharacter = measured.endCharacter = line.start - lineStarts[firstLine];
      parent.children.push(new ParsedBlank(measured, line.start, line.end, parent));
      return;
    }
    if (line.text[contentStart] === '#') {
      const body = line.text.slice(contentStart + 1, contentEnd);
      const at = measure(line, contentStart, contentEnd);
      parent.children.push(new ParsedComment(at, line.start, line.end, parent, body, line.physicalLines - 1));
      return;
    }

    const nameWord = readWord(line.text, contentStart, contentEnd);
    // Apache reads the first word as any other (ap_getword_conf): quotes come off, so `"ServerName" x` is ServerName.
    const word = nameWord.value;
    const nameEnd = fileOffsetOfEnd(line, nameWord.end);
    const nameEndLine = lineAt(lineStarts, nameEnd, firstLine);
    const nameEndCharacter = nameEnd - lineStarts[nameEndLine];

    if (word.startsWith('</')) {
      const hasClosingBracket = word.endsWith('>') && word.length > 2;
      const name = sharedName(word.slice(2, hasClosingBracket ? -1 : undefined));
      const at = measure(line, contentStart, contentEnd);
      closeSection(new ParsedCloseTag(at, nameEndLine, nameEndCharacter, name, line.start, line.end, hasClosingBracket));
      return;
    }

    if (word.startsWith('<') && word !== '<' && word !== '<>') {
      const name = sharedName(word.slice(1, word.endsWith('>') ? -1 : undefined));
      const { argsEnd, hasClosingBracket } = openTagSpan(line.text, nameWord, contentEnd);
      const at = measure(line, contentStart, contentEnd);
      const open = new ParsedOpenTag(at, nameEndLine, nameEndCharacter, line.start, line.end, hasClosingBracket, line.physicalLines - 1);
      const section = new ParsedSection(line.start, line.end, parent, name, wordsOf(line, nameWord.end, argsEnd), open);
      parent.children.push(section);
      stack.push(section);
      if (!hasClosingBracket) file.problems.push({ kind: 'openMissingBracket', section });
      return;
    }

    const at = measure(line, contentStart, contentEnd);
    parent.children.push(new ParsedDirective(at, line.start, line.end, parent, sharedName(word), wordsOf(line, nameWord.end, contentEnd), line.physicalLines - 1));
  });

  function closeSection(tag: ParsedCloseTag) {
    const parent = current();
    if (parent.kind === 'file') {
      parent.children.push(new ParsedStrayClose(parent, tag));
      file.problems.push({ kind: 'strayClose', tag });
      return;
    }
    const wanted = tag.name.toLowerCase();
    // A <Macro> or <Perl> body is read raw up to a line whose first word is
    // exactly its closing tag: no other close tag reaches past it.
    let floor = stack.length - 1;
    while (floor >= 0 && !hasRawBody(stack[floor].name)) floor--;
    if (floor >= 0 && tag.hasClosingBracket && stack[floor].name.toLowerCase() === wanted) floor--;
    let depth = stack.length - 1;
    while (depth > floor && stack[depth].name.toLowerCase() !== wanted) depth--;
    if (depth <= floor) {
      // Closes nothing that is open: keep it inside the current section.
      parent.children.push(new ParsedStrayClose(parent, tag));
      file.problems.push({ kind: 'mismatchedClose', tag, expected: parent });
      return;
    }
    if (depth < stack.length - 1) file.problems.push({ kind: 'mismatchedClose', tag, expected: parent });
    else if (!tag.hasClosingBracket) file.problems.push({ kind: 'closeMissingBracket', tag });
    while (stack.length - 1 > depth) finishSection(stack.pop() as ParsedSection);
    finishSection(stack.pop() as ParsedSection, tag);
  }

  while (stack.length > 0) {
    const section = stack.pop() as ParsedSection;
    finishSection(section);
    file.problems.push({ kind: 'unclosedSection', section });
  }
  file.children = file.children.slice();
  return file;
}

/** Gives back the exact text the tree was parsed from, assembled node by node. */
export function printConfig(file: ConfigFile): string {
  const out: string[] = [];
  const pending: (Node | CloseTag)[] = [...file.children].reverse();
  while (pending.length > 0) {
    const item = pending.pop() as Node | CloseTag;
    if (!('kind' in item)) {
      out.push(file.text.slice(item.start, item.end));
    } else if (item.kind === 'section') {
      out.push(file.text.slice(item.open.start, item.open.end));
      if (item.close) pending.push(item.close);
      for (let i = item.children.length - 1; i >= 0; i--) pending.push(item.children[i]);
    } else {
      out.push(file.text.slice(item.start, item.end));
    }
  }
  return out.join('');
}

/** The words from `from` to `to` of a line: short words, and whole lists, shared with the lines that have the same. */
function wordsOf(line: LogicalLine, from: number, to: number): readonly string[] {
  return sharedWords(splitWords(line.text, from, to).map((word) => sharedWord(word.value)));
}
