// A finding for a line Apache refuses while reading it, in Apache's words:
// on the word it is about (or the directive), reaching the end of a continued
// line, since Apache blames the last physical line of a directive.
import { wordRange, type Placed } from './proxyHosts';
import { directiveReportRange } from './reportRange';
import type { Finding } from './types';

export function lineRefusal(line: Placed, index: number | undefined, apache: string, advice?: string): Finding {
  const whole = directiveReportRange(line.item.node);
  const word = index === undefined ? whole : wordRange(line, index);
  return {
    range: { start: word.start, end: whole.end.line > word.end.line ? whole.end : word.end },
    message: `Apache refuses this line: "${apache}"${apache.endsWith('.') ? '' : '.'}${advice ? ` ${advice}` : ''}`,
  };
}
