// Builds the syntax tree of one file the way Apache reads it (server/config.c,
// server/util.c). It never throws: structural mistakes become ParseProblems,
// and the tree is recovered so the rest of the file is still analysed.
// Nesting uses an explicit stack, so depth costs no call stack.

import type {
  Argument,
  CloseTag,
  ConfigFile,
  DirectiveNode,
  Node,
  OpenTag,
  Parent,
  SectionNode,
} from './ast';
import { computeLineStarts, rangeOf } from './lineIndex';
import { fileOffsetOfEnd, fileOffsetOfStart, forEachLogicalLine, isApacheSpace, type LogicalLine } from './logicalLines';
import { readWord, skipSpaces, splitWords, type Word } from './words';

export function parseConfig(text: string): ConfigFile {
  const file: ConfigFile = { kind: 'file', text, children: [], problems: [], lineStarts: computeLineStarts(text) };
  const stack: SectionNode[] = [];
  const current = (): Parent => (stack.length > 0 ? stack[stack.length - 1] : file);
  const lineStarts = file.lineStarts;

  const rangeIn = (line: LogicalLine, from: number, to: number) =>
    rangeOf(lineStarts, fileOffsetOfStart(line, from), fileOffsetOfEnd(line, to));

  const toArgument = (line: LogicalLine, word: Word): Argument => ({
    raw: line.text.slice(word.start, word.end),
    value: word.value,
    quote: word.quote,
    closed: word.closed,
    range: rangeIn(line, word.start, word.end),
  });

  const finishSection = (section: SectionNode, close?: CloseTag) => {
    section.close = close;
    const last = section.children[section.children.length - 1];
    section.end = close ? close.end : last ? last.end : section.open.end;
    section.range = {
      start: section.open.range.start,
      end: close ? close.range.end : last ? last.range.end : section.open.range.end,
    };
  };

  forEachLogicalLine(text, (line) => {
    const parent = current();
    const contentStart = skipSpaces(line.text, 0);
    let contentEnd = line.text.length;
    while (contentEnd > contentStart && isApacheSpace(line.text.charCodeAt(contentEnd - 1))) contentEnd--;
    const base = { start: line.start, end: line.end, parent };

    if (contentStart === contentEnd) {
      const at = rangeOf(lineStarts, line.start, line.start);
      parent.children.push({ kind: 'blank', ...base, range: at });
      return;
    }
    const range = rangeIn(line, contentStart, contentEnd);
    if (line.text[contentStart] === '#') {
      parent.children.push({
        kind: 'comment',
        ...base,
        range,
        text: line.text.slice(contentStart + 1, contentEnd),
        continuedLines: line.physicalLines - 1,
      });
      return;
    }

    const nameWord = readWord(line.text, contentStart, contentEnd);
    const word = line.text.slice(nameWord.start, nameWord.end);
    const nameRange = rangeIn(line, nameWord.start, nameWord.end);

    if (word.startsWith('</')) {
      const hasClosingBracket = word.endsWith('>') && word.length > 2;
      const tag: CloseTag = {
        name: word.slice(2, hasClosingBracket ? -1 : undefined),
        range,
        nameRange,
        start: line.start,
        end: line.end,
        hasClosingBracket,
      };
      closeSection(tag);
      return;
    }

    if (word.startsWith('<') && word !== '<' && word !== '<>') {
      const selfClosed = word.endsWith('>');
      const name = word.slice(1, selfClosed ? -1 : undefined);
      let argsEnd = contentEnd;
      let hasClosingBracket = selfClosed;
      if (!selfClosed) {
        const bracket = line.text.lastIndexOf('>', contentEnd - 1);
        hasClosingBracket = bracket >= nameWord.end;
        if (hasClosingBracket) argsEnd = bracket;
      }
      const open: OpenTag = {
        range,
        nameRange,
        start: line.start,
        end: line.end,
        hasClosingBracket,
        continuedLines: line.physicalLines - 1,
      };
      const section: SectionNode = {
        kind: 'section',
        ...base,
        range,
        name,
        args: selfClosed ? [] : splitWords(line.text, nameWord.end, argsEnd).map((w) => toArgument(line, w)),
        open,
        children: [],
      };
      parent.children.push(section);
      stack.push(section);
      if (!hasClosingBracket) file.problems.push({ kind: 'openMissingBracket', section });
      return;
    }

    const directive: DirectiveNode = {
      kind: 'directive',
      ...base,
      range,
      name: word,
      nameRange,
      args: splitWords(line.text, nameWord.end, contentEnd).map((w) => toArgument(line, w)),
      continuedLines: line.physicalLines - 1,
    };
    parent.children.push(directive);
  });

  function closeSection(tag: CloseTag) {
    const parent = current();
    if (parent.kind === 'file') {
      parent.children.push({ kind: 'strayClose', tag, start: tag.start, end: tag.end, range: tag.range, parent });
      file.problems.push({ kind: 'strayClose', tag });
      return;
    }
    const wanted = tag.name.toLowerCase();
    let depth = stack.length - 1;
    while (depth >= 0 && stack[depth].name.toLowerCase() !== wanted) depth--;
    if (depth < 0) {
      // Closes nothing that is open: keep it inside the current section.
      parent.children.push({ kind: 'strayClose', tag, start: tag.start, end: tag.end, range: tag.range, parent });
      file.problems.push({ kind: 'mismatchedClose', tag, expected: parent });
      return;
    }
    if (depth < stack.length - 1) file.problems.push({ kind: 'mismatchedClose', tag, expected: parent });
    else if (!tag.hasClosingBracket) file.problems.push({ kind: 'closeMissingBracket', tag });
    while (stack.length - 1 > depth) finishSection(stack.pop() as SectionNode);
    finishSection(stack.pop() as SectionNode, tag);
  }

  while (stack.length > 0) {
    const section = stack.pop() as SectionNode;
    finishSection(section);
    file.problems.push({ kind: 'unclosedSection', section });
  }
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
