// A unified diff (`diff -u`, three lines of context) of one file's text before
// and after, for `check --fix --dry-run`. Lines keep their own line breaks, so
// CRLF files diff as they are and `patch -p0` applies the output. Myers'
// O(ND) algorithm on what lies between the common head and tail.

type Op = { kind: ' ' | '-' | '+'; line: string };

const CONTEXT = 3;
/** Beyond this many differing lines the middle is shown as removed and added whole. */
const MAX_EDIT_DISTANCE = 4000;

/** `before` undefined: the file is new. Returns '' when nothing changed. */
export function unifiedDiff(before: string | undefined, after: string, name: string): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before ?? ''), splitLines(after));
  const hunks = groupHunks(ops);
  if (hunks.length === 0) return '';
  const header = `--- ${before === undefined ? '/dev/null' : name}\n+++ ${name}\n`;
  return header + hunks.join('');
}

/** Lines with their breaks (`\r\n`, `\n` or `\r`); the last may have none. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      lines.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

function diffLines(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const same = (lines: string[]): Op[] => lines.map((line) => ({ kind: ' ', line }));
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  return [...same(a.slice(0, head)), ...middle, ...same(a.slice(a.length - tail))];
}

/** The shortest edit script from `a` to `b` (Myers 1986), deletions before insertions. */
function myers(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const whole = (): Op[] => [...a.map((line): Op => ({ kind: '-', line })), ...b.map((line): Op => ({ kind: '+', line }))];
  if (n === 0 || m === 0) return whole();
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
  }
  if (found < 0) return whole();
  // Walk back through the snapshots: trace[d] is V before step d.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const before = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && before[offset + k - 1] < before[offset + k + 1]);
    const previousK = down ? k + 1 : k - 1;
    const previousX = before[offset + previousK];
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x--;
      y--;
      ops.push({ kind: ' ', line: a[x] });
    }
    if (down) {
      y--;
      ops.push({ kind: '+', line: b[y] });
    } else {
      x--;
      ops.push({ kind: '-', line: a[x] });
    }
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    ops.push({ kind: ' ', line: a[x] });
  }
  return ops.reverse();
}

function groupHunks(ops: Op[]): string[] {
  const changed = ops.map((op, i) => (op.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return [];
  // Runs of changes closer than twice the context share a hunk.
  const ranges: Array<[number, number]> = [];
  for (const i of changed) {
    const last = ranges[ranges.length - 1];
    if (last && i - last[1] <= 2 * CONTEXT + 1) last[1] = i;
    else ranges.push([i, i]);
  }
  // Line numbers before each op, in the old and the new text.
  const oldLine: number[] = [];
  const newLine: number[] = [];
  let o = 0;
  let n = 0;
  for (const op of ops) {
    oldLine.push(o);
    newLine.push(n);
    if (op.kind !== '+') o++;
    if (op.kind !== '-') n++;
  }
  return ranges.map(([first, last]) => {
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(ops.length - 1, last + CONTEXT);
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    const body = slice.map((op) => op.kind + withBreak(op.line)).join('');
    return `@@ -${span(oldLine[from], oldCount)} +${span(newLine[from], newCount)} @@\n${body}`;
  });
}

/** GNU diff's `start,count`: `start` alone for one line, the line before for none. */
function span(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

function withBreak(line: string): string {
  return /[\r\n]$/.test(line) ? line : `${line}\n\\ No newline at end of file\n`;
}
