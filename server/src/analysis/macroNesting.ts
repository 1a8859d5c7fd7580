// mod_macro hands an expansion to the reader as part of the stream, so a
// section a macro opens may be closed after its Use, by a later line or by
// another Use (macros that start and end a <VirtualHost>); Apache only warns
// ("bad cumulated nesting", AH02795/AH02793). apache-ssl parses each file and
// each expansion on its own, so it pairs the tags again here, in reading
// order, with each such Use standing for the tags its expansion leaves
// unpaired. When they pair up, the file's structure is sound after all.
import { expansionsOf, isUnbalanced } from '../config/expansionsOf';
import type { FileInTree } from '../config/buildConfigModel';
import { oncePer } from '../config/oncePer';
import type { Node } from '../parser/ast';
import type { FileScope } from './fileScope';
import { inMacroBody } from './skippedSections';

interface TagEvent {
  line: number;
  open?: string;
  close?: string;
  /** A Use whose expansion closes these sections (innermost first), then opens those (outermost first). */
  use?: { closes: string[]; opens: string[] };
}

/** Whether the file's Use lines leave sections open or close outer ones, and, if so, whether the tags pair up across them. */
export function nestingAcrossMacros(scope: FileScope): 'self-contained' | 'paired' | 'unpaired' {
  return byFile(scope.model.files).get(scope.path) ?? 'self-contained';
}

const byFile = oncePer((files: ReadonlyMap<string, FileInTree>) => {
  const verdicts = new Map<string, 'paired' | 'unpaired'>();
  for (const inTree of files.values()) {
    const unbalanced = expansionsOf({ files }, inTree.path).filter(isUnbalanced);
    if (unbalanced.length > 0) verdicts.set(inTree.path, pairs(inTree, unbalanced) ? 'paired' : 'unpaired');
  }
  return verdicts;
});

function pairs(inTree: FileInTree, unbalanced: readonly FileInTree[]): boolean {
  const events: TagEvent[] = [];
  const pending: Node[] = [...inTree.file.children];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (inMacroBody(inTree.file, node.start)) continue;
    if (node.kind === 'strayClose') events.push({ line: node.startLine, close: node.tag.name });
    if (node.kind !== 'section') continue;
    events.push({ line: node.open.startLine, open: node.name });
    if (node.close) events.push({ line: node.close.startLine, close: node.close.name });
    if (!inTree.deadSections.has(node)) pending.push(...node.children);
  }
  for (const expansion of unbalanced) {
    const closes: string[] = [];
    const opens: string[] = [];
    for (const problem of expansion.file.problems) {
      if (problem.kind === 'strayClose') closes.push(problem.tag.name);
      else if (problem.kind === 'unclosedSection') opens.unshift(problem.section.name);
    }
    events.push({ line: expansion.includedFrom?.node.startLine ?? 0, use: { closes, opens } });
  }
  events.sort((a, b) => a.line - b.line);
  const open: string[] = [];
  const close = (name: string) => open.length > 0 && open.pop()?.toLowerCase() === name.toLowerCase();
  for (const event of events) {
    if (event.open) open.push(event.open);
    else if (event.close && !close(event.close)) return false;
    else if (event.use) {
      if (!event.use.closes.every(close)) return false;
      open.push(...event.use.opens);
    }
  }
  return open.length === 0;
}
