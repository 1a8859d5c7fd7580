// `check --fix`: applies every preferred quick fix (isPreferred) of the files
// checked, like `eslint --fix`. Each pass analyses the files as they now are,
// takes the fixes whose edits do not overlap one already taken (a fix is all
// or nothing, even across files), applies them and re-analyses, until no
// preferred fix is left or MAX_PASSES is reached. The new texts live in the
// workspace as overlays, so a dry run sees the same later passes; files are
// written at the end, only when changed, with every other byte as it was. A
// file that is not valid UTF-8 is never rewritten: its bytes could not be kept.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { ConfigWorkspace } from '../config/configWorkspace';
import { quickFixes } from '../features/codeActions';
import { computeLineStarts, offsetAt } from '../parser/lineIndex';
import { parseConfig } from '../parser/parseConfig';
import { analyseInTree } from './checkFiles';
import { describe } from './collectConfigFiles';
import { unifiedDiff } from './unifiedDiff';

/** ESLint's limit too: fixes that keep making new work stop here. */
export const MAX_PASSES = 10;

export interface AppliedFix {
  /** The checked file the finding is in, as given on the command line. */
  path: string;
  /** 1-based, in the text the fix was applied to. */
  line: number;
  rule: string;
  title: string;
}

export interface ChangedFile {
  path: string;
  /** Undefined for a file a fix created. */
  before: string | undefined;
  after: string;
}

export interface FixOutcome {
  applied: AppliedFix[];
  changed: ChangedFile[];
  /** Files that could not be written. */
  errors: string[];
  /** Files no fix may edit, and why. */
  refused: string[];
}

/** A replacement of `[from, to)` (offsets in the text of the pass), in the order its action gave it. */
interface Span {
  from: number;
  to: number;
  newText: string;
  action: number;
  order: number;
}

interface FileState {
  real: string;
  shown: string;
  /** Undefined: no such file (yet). */
  before: string | undefined;
  now: string | undefined;
  /** Why no fix may edit it (not valid UTF-8, unreadable). */
  refused?: string;
}

export function applyFixes(paths: string[], workspace: ConfigWorkspace, dryRun: boolean): FixOutcome {
  const files = new Map<string, FileState>();
  const shownByReal = new Map(paths.map((path) => [workspace.sources.realPath(resolve(path)), path]));
  const errors: string[] = [];
  const stateOf = (path: string): FileState => {
    const real = workspace.sources.realPath(resolve(path));
    let state = files.get(real);
    if (!state) {
      state = { real, shown: shownByReal.get(real) ?? shownPath(real), ...readForFixing(real) };
      files.set(real, state);
    }
    return state;
  };
  const applied: AppliedFix[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    // Per file: the spans taken in this pass, sorted, and the line starts of its text.
    const taken = new Map<FileState, Span[]>();
    const lineStarts = new Map<FileState, number[]>();
    const linesOf = (state: FileState) => {
      let starts = lineStarts.get(state);
      if (!starts) lineStarts.set(state, (starts = computeLineStarts(state.now ?? '')));
      return starts;
    };
    let actionNumber = 0;
    for (const { path, diagnostic, action } of preferredFixes(paths, workspace)) {
      const edits = editsByFile(action, stateOf);
      if (!edits) continue;
      const spans = new Map<FileState, Span[]>();
      actionNumber++;
      const fits = [...edits].every(([state, fileEdits]) => {
        if (state.refused || (state.now === undefined && !fileEdits.create)) return false;
        const own = toSpans(state.now ?? '', linesOf(state), fileEdits.edits, actionNumber);
        if (!own || clashesWithTaken(taken.get(state) ?? [], own)) return false;
        spans.set(state, own);
        return true;
      });
      if (!fits) continue;
      for (const [state, own] of spans) {
        const sorted = taken.get(state) ?? [];
        for (const span of own) sorted.splice(firstFrom(sorted, span.from, span), 0, span);
        taken.set(state, sorted);
      }
      applied.push({ path, line: diagnostic.range.start.line + 1, rule: String(diagnostic.code), title: action.title });
    }
    let changes = 0;
    for (const [state, spans] of taken) {
      const text = applySpans(state.now ?? '', spans);
      if (text === state.now) continue;
      state.now = text;
      workspace.setDocument(state.real, parseConfig(text));
      changes++;
    }
    if (changes === 0) break;
  }
  const changed: ChangedFile[] = [];
  for (const state of files.values()) {
    if (state.now === undefined || state.now === state.before) continue;
    changed.push({ path: state.shown, before: state.before, after: state.now });
    if (dryRun) continue;
    try {
      if (state.before === undefined) mkdirSync(dirname(state.real), { recursive: true });
      writeFileSync(state.real, state.now, 'utf8');
    } catch (error) {
      errors.push(`${state.shown}: ${describe(error)}`);
    }
  }
  const refused = [...files.values()].filter((state) => state.refused).map((state) => `${state.shown}: ${state.refused ?? ''}`);
  return { applied, changed, errors, refused };
}

/** `file:line: fixed rule: title` lines (`would fix` in a dry run). */
export function formatAppliedFixes(applied: AppliedFix[], dryRun: boolean): string {
  const verb = dryRun ? 'would fix' : 'fixed';
  return applied.map((fix) => `${fix.path}:${fix.line}: ${verb} ${fix.rule}: ${fix.title}\n`).join('');
}

export function formatDiffs(changed: ChangedFile[]): string {
  return changed.map((file) => unifiedDiff(file.before, file.after, file.path)).join('');
}

function* preferredFixes(paths: string[], workspace: ConfigWorkspace): Generator<{ path: string; diagnostic: Diagnostic; action: CodeAction }> {
  const uriOf = (path: string) => pathToFileURL(path).href;
  for (const path of paths) {
    const analysed = analyseInTree(path, workspace);
    if ('error' in analysed) continue; // checkFiles reports it
    const context = { file: analysed.file, path: analysed.inTree, uri: uriOf(analysed.inTree), model: analysed.model, uriOf };
    for (const action of quickFixes(analysed.diagnostics, context)) {
      const diagnostic = action.diagnostics?.[0];
      if (action.isPreferred && diagnostic) yield { path, diagnostic, action };
    }
  }
}

/**
 * The edits of an action per file: `changes`, or `documentChanges` made of
 * text edits and file creations. Undefined when it renames or deletes files,
 * which --fix does not do.
 */
function editsByFile(action: CodeAction, stateOf: (path: string) => FileState): Map<FileState, { create: boolean; edits: TextEdit[] }> | undefined {
  const byFile = new Map<FileState, { create: boolean; edits: TextEdit[] }>();
  const entry = (uri: string) => {
    const state = stateOf(fileURLToPath(uri));
    let found = byFile.get(state);
    if (!found) byFile.set(state, (found = { create: false, edits: [] }));
    return found;
  };
  const edit = action.edit;
  if (!edit) return undefined;
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) entry(uri).edits.push(...edits);
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change) {
      const edits = change.edits.filter((one): one is TextEdit => 'newText' in one);
      if (edits.length < change.edits.length) return undefined; // snippet edits need an editor
      entry(change.textDocument.uri).edits.push(...edits);
    } else if (change.kind === 'create') {
      const target = entry(change.uri);
      const exists = stateOf(fileURLToPath(change.uri)).now !== undefined;
      if (exists && !change.options?.ignoreIfExists && !change.options?.overwrite) return undefined;
      if (!exists) target.create = true;
    } else {
      return undefined;
    }
  }
  return byFile.size > 0 ? byFile : undefined;
}

/** Offsets of the edits in `text`; undefined when they overlap each other. */
function toSpans(text: string, lineStarts: number[], edits: TextEdit[], action: number): Span[] | undefined {
  const spans = edits.map((edit, order) => ({
    from: offsetAt(lineStarts, text, edit.range.start),
    to: offsetAt(lineStarts, text, edit.range.end),
    newText: edit.newText,
    action,
    order,
  }));
  return spans.some((span) => span.to < span.from) || overlaps(spans) ? undefined : spans;
}

function byPosition(a: Span, b: Span): number {
  return a.from - b.from || a.to - b.to || a.action - b.action || a.order - b.order;
}

/**
 * Whether two spans of different actions touch the same text: they share
 * characters, or both insert at one offset (which goes first?). An insertion
 * at either end of a replacement goes before or after it. One action's own
 * insertions at one offset go in its order (LSP).
 */
function clash(a: Span, b: Span): boolean {
  if (a.action === b.action) return false;
  if (a.from === a.to && b.from === b.to) return a.from === b.from;
  return a.from < b.to && b.from < a.to;
}

/** Whether the spans of one action overlap each other (LSP forbids it). */
function overlaps(spans: Span[]): boolean {
  const sorted = [...spans].sort(byPosition);
  return sorted.some((span, i) => i > 0 && span.from < sorted[i - 1].to);
}

/** Whether any of `own` clashes with `taken` (sorted, none clashing): only neighbours by offset can. */
function clashesWithTaken(taken: Span[], own: Span[]): boolean {
  return own.some((span) => {
    const at = firstFrom(taken, span.from);
    if (at > 0 && clash(taken[at - 1], span)) return true;
    for (let i = at; i < taken.length && taken[i].from <= span.to; i++) if (clash(taken[i], span)) return true;
    return false;
  });
}

/** The index of the first span at or after `from` (with `span`: where it goes in byPosition order). */
function firstFrom(sorted: Span[], from: number, span?: Span): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const before = span ? byPosition(sorted[mid], span) < 0 : sorted[mid].from < from;
    if (before) low = mid + 1;
    else high = mid;
  }
  return low;
}

function applySpans(text: string, spans: Span[]): string {
  let out = '';
  let at = 0;
  for (const span of [...spans].sort(byPosition)) {
    out += text.slice(at, span.from) + span.newText;
    at = span.to;
  }
  return out + text.slice(at);
}

/** The file's text, if its bytes survive being decoded and encoded again. */
function readForFixing(real: string): Pick<FileState, 'before' | 'now' | 'refused'> {
  if (!existsSync(real)) return { before: undefined, now: undefined };
  try {
    const bytes = readFileSync(real);
    const text = bytes.toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(bytes)) return { before: text, now: text, refused: 'not valid UTF-8' };
    return { before: text, now: text };
  } catch (error) {
    return { before: undefined, now: undefined, refused: describe(error) };
  }
}

/** A file no PATH named: relative to the working folder when inside it. */
function shownPath(real: string): string {
  const shown = relative(process.cwd(), real);
  return shown !== '' && !shown.startsWith('..') && !isAbsolute(shown) ? shown : real;
}
