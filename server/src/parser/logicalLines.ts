// Splits a file into Apache's logical lines: physical lines end at `\n` (an
// optional `\r` before it is dropped), and a line whose last character is `\`
// is joined to the next one with the backslash removed and no space inserted.

interface Segment {
  /** Where this physical line's content starts in the logical text. */
  logicalStart: number;
  logicalEnd: number;
  /** Where that content starts in the file. */
  fileStart: number;
}

export interface LogicalLine {
  /** The joined content Apache tokenises. */
  text: string;
  /** File offsets of every byte this logical line owns, line breaks included. */
  start: number;
  end: number;
  physicalLines: number;
  readonly segments: Segment[];
}

/**
 * Most logical lines are one physical line; for those the single segment is
 * only built when read (the formatter reads it, the parser does not).
 */
class LazySegmentsLine implements LogicalLine {
  // Assigned in the constructor, not as class fields, which cost a call per object.
  declare text: string;
  declare start: number;
  declare end: number;
  declare physicalLines: number;
  private declare readonly joinedSegments: Segment[] | undefined;

  constructor(text: string, start: number, end: number, physicalLines: number, joinedSegments: Segment[] | undefined) {
    this.text = text;
    this.start = start;
    this.end = end;
    this.physicalLines = physicalLines;
    this.joinedSegments = joinedSegments;
  }

  get segments(): Segment[] {
    return this.joinedSegments ?? [{ logicalStart: 0, logicalEnd: this.text.length, fileStart: this.start }];
  }
}

const BACKSLASH = 92;
const CR = 13;

export function isApacheSpace(code: number): boolean {
  // apr_isspace: space, \t, \n, \v, \f, \r
  return code === 32 || (code >= 9 && code <= 13);
}

/**
 * Calls `visit` for each logical line in file order; linear in the file size.
 * Like Apache (util.c cfg_getline), it looks at the line read so far: while
 * that ends in `\`, the backslash goes and the next physical line is added.
 * So `a\\` followed by an empty line keeps going, and a `\` on the last line
 * of the file is dropped.
 */
export function forEachLogicalLine(text: string, visit: (line: LogicalLine) => void): void {
  for (let offset = 0; offset < text.length; ) {
    const line = logicalLineAt(text, offset);
    visit(line);
    offset = line.end;
  }
}

/** The logical line that starts at `start`, a line start of `text`, with file offsets. */
export function logicalLineAt(text: string, start: number): LogicalLine {
  const newline = text.indexOf('\n', start);
  const lineEnd = newline === -1 ? text.length : newline + 1;
  let contentEnd = newline === -1 ? text.length : newline;
  if (contentEnd > start && text.charCodeAt(contentEnd - 1) === CR) contentEnd--;
  const continued = contentEnd > start && text.charCodeAt(contentEnd - 1) === BACKSLASH;
  if (continued && lineEnd < text.length) return joinedLine(text, start);
  return new LazySegmentsLine(text.slice(start, continued ? contentEnd - 1 : contentEnd), start, lineEnd, 1, undefined);
}

/** The logical line that starts at `start` and continues onto the next physical line. */
function joinedLine(text: string, start: number): LogicalLine {
  let offset = start;
  const segments: Segment[] = [];
  const parts: string[] = [];
  let logicalLength = 0;
  for (;;) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    let contentEnd = newline === -1 ? text.length : newline;
    if (contentEnd > offset && text.charCodeAt(contentEnd - 1) === CR) contentEnd--;
    segments.push({ logicalStart: logicalLength, logicalEnd: logicalLength + contentEnd - offset, fileStart: offset });
    parts.push(text.slice(offset, contentEnd));
    logicalLength += contentEnd - offset;
    offset = lineEnd;
    if (!dropTrailingBackslash(segments, parts)) break;
    logicalLength--;
    if (offset >= text.length) break;
  }
  return new LazySegmentsLine(parts.join(''), start, offset, segments.length, segments);
}

/** Removes the `\` that ends the text read so far (it may sit on an earlier physical line). */
function dropTrailingBackslash(segments: Segment[], parts: string[]): boolean {
  let index = parts.length - 1;
  while (index > 0 && parts[index] === '') index--;
  const part = parts[index];
  if (part.charCodeAt(part.length - 1) !== BACKSLASH) return false;
  parts[index] = part.slice(0, -1);
  segments[index].logicalEnd--;
  // Later (empty) segments start where the shortened one now ends.
  for (let i = index + 1; i < segments.length; i++) {
    segments[i].logicalStart--;
    segments[i].logicalEnd--;
  }
  return true;
}

/** File offset of a logical offset that starts something (at a join, on the later physical line). */
export function fileOffsetOfStart(line: LogicalLine, logical: number): number {
  if (line.physicalLines === 1) return line.start + Math.max(0, logical);
  const segment = line.segments[lastSegmentWhere(line, (s) => s.logicalStart <= logical)];
  return segment.fileStart + Math.max(0, logical - segment.logicalStart);
}

/** File offset of a logical offset that ends something (at a join, on the earlier physical line). */
export function fileOffsetOfEnd(line: LogicalLine, logical: number): number {
  if (line.physicalLines === 1) return line.start + Math.min(Math.max(0, logical), line.text.length);
  const segment = line.segments[firstSegmentWhere(line, (s) => logical <= s.logicalEnd)];
  return segment.fileStart + Math.min(Math.max(0, logical - segment.logicalStart), segment.logicalEnd - segment.logicalStart);
}

// Segments are sorted by logical offset, so both look-ups are binary searches:
// a line joined from a million physical lines must not make each argument cost a scan.
function lastSegmentWhere(line: LogicalLine, accepts: (segment: Segment) => boolean): number {
  let low = 0;
  let high = line.segments.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (accepts(line.segments[mid])) low = mid;
    else high = mid - 1;
  }
  return low;
}

function firstSegmentWhere(line: LogicalLine, accepts: (segment: Segment) => boolean): number {
  let low = 0;
  let high = line.segments.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (accepts(line.segments[mid])) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** The first logical line of `text` from `start` to `end` (a node's bytes), offsets counted from `start`. */
export function firstLogicalLine(text: string, start: number, end: number): LogicalLine | undefined {
  let first: LogicalLine | undefined;
  forEachLogicalLine(text.slice(start, end), (line) => (first ??= line));
  return first;
}
