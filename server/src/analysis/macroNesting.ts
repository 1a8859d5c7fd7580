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
import type { DirectiveNode, Node, Range } from '../parser/ast';
import { directiveReportRange } from './reportRange';
import { isConditionalSection } from './sectionKinds';
import { isTemplateSection } from '../parser/rawBodySections';
import type { FileScope } from './fileScope';
import { inMacroBody } from './skippedSections';

interface TagEvent {
  line: number;
  /** Where Apache points when this event is where reading fails. */
  range: Range;
  open?: string;
  close?: string;
  /** A Use whose expansion closes these sections (innermost first), then opens those (outermost first). */
  use?: { closes: string[]; opens: string[] };
}

/** Where reading the file with its expansions in place first fails, as Apache reports it. */
export interface NestingFailure {
  range: Range;
  /** Apache's words. */
  apache: string;
  /** The Use line whose expansion holds the tag at fault, if the fault is there. */
  atUse: boolean;
}

interface Nesting {
  verdict: 'paired' | 'unpaired';
  failure?: NestingFailure;
}

/** Whether the file's Use lines leave sections open or close outer ones, and, if so, whether the tags pair up across them. */
export function nestingAcrossMacros(scope: FileScope): 'self-contained' | 'paired' | 'unpaired' {
  return byFile(scope.model.files).get(scope.path)?.verdict ?? 'self-contained';
}

/**
 * Where the tags first fail to pair up in a file whose Use lines open or close
 * sections: the file's own tags and each expansion's, judged apart, would be
 * blamed at other lines than Apache's.
 */
export function nestingFailure(scope: FileScope): NestingFailure | undefined {
  return byFile(scope.model.files).get(scope.path)?.failure;
}

/** Whether the file's tags are judged with its expansions in place, so the structure rules that judge the file alone stand down. */
export function nestingJudgedAcrossMacros(scope: FileScope): boolean {
  const nesting = byFile(scope.model.files).get(scope.path);
  return nesting !== undefined && (nesting.verdict === 'paired' || nesting.failure !== undefined);
}

const byFile = oncePer((files: ReadonlyMap<string, FileInTree>) => {
  const verdicts = new Map<string, Nesting>();
  for (const inTree of files.values()) {
    const unbalanced = expansionsOf({ files }, inTree.path).filter(isUnbalanced);
    if (unbalanced.length === 0) continue;
    const failure = readInOrder(tagEvents(inTree, unbalanced));
    // An unclosed <Macro> takes the rest of the file: Apache stops there, as syntax/unclosed-section says.
    const macroOpen = inTree.file.problems.some((problem) => problem.kind === 'unclosedSection' && isTemplateSection(problem.section.name));
    if (failure === undefined) verdicts.set(inTree.path, { verdict: 'paired' });
    else verdicts.set(inTree.path, { verdict: 'unpaired', ...(failure !== null && !macroOpen ? { failure } : {}) });
  }
  return verdicts;
});

function tagEvents(inTree: FileInTree, unbalanced: readonly FileInTree[]): TagEvent[] {
  const events: TagEvent[] = [];
  const pending: Node[] = [...inTree.file.children];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (inMacroBody(inTree.file, node.start)) continue;
    if (node.kind === 'strayClose') events.push({ line: node.startLine, range: node.tag.range, close: node.tag.name });
    if (node.kind !== 'section') continue;
    events.push({ line: node.open.startLine, range: node.open.range, open: node.name });
    if (node.close) events.push({ line: node.close.startLine, range: node.close.range, close: node.close.name });
    if (!inTree.deadSections.has(node)) pending.push(...node.children);
  }
  for (const expansion of unbalanced) {
    const closes: string[] = [];
    const opens: string[] = [];
    for (const problem of expansion.file.problems) {
      if (problem.kind === 'strayClose') closes.push(problem.tag.name);
      else if (problem.kind === 'unclosedSection') opens.unshift(problem.section.name);
    }
    const use = expansion.includedFrom?.node as DirectiveNode;
    events.push({ line: use.startLine, range: directiveReportRange(use), use: { closes, opens } });
  }
  return events.sort((a, b) => a.line - b.line);
}

/**
 * Reads the tags in order as Apache does. Undefined when they pair up; else
 * the first failure, or null when what Apache says there is not known
 * (a conditional section left open, which Apache tolerates while it is true).
 */
function readInOrder(events: readonly TagEvent[]): NestingFailure | null | undefined {
  const open: { name: string; from: TagEvent }[] = [];
  const close = (name: string, event: TagEvent): NestingFailure | undefined => {
    const innermost = open.pop();
    if (innermost?.name.toLowerCase() === name.toLowerCase()) return undefined;
    const apache = innermost ? `Expected </${innermost.name}> but saw </${name}>` : `</${name}> without matching <${name}> section`;
    return { range: event.range, apache, atUse: event.use !== undefined };
  };
  for (const event of events) {
    if (event.open) open.push({ name: event.open, from: event });
    const failure = event.close ? close(event.close, event) : event.use?.closes.map((name) => close(name, event)).find((found) => found);
    if (failure) return failure;
    for (const name of event.use?.opens ?? []) open.push({ name, from: event });
  }
  const innermost = open.pop();
  if (!innermost) return undefined;
  if (isConditionalSection(innermost.name)) return null;
  return { range: innermost.from.range, apache: `<${innermost.name}> was not closed.`, atUse: innermost.from.use !== undefined };
}
