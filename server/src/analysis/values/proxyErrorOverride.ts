// ProxyErrorOverride On|Off [code …] (2.4.47+), as mod_proxy's
// set_proxy_error_override reads each word in turn: On and Off set the
// switch; any other word is a status code, which is refused before any On or
// Off in the section ("ProxyErrorOverride first parameter must be one of: off
// | on"), must start with a digit ("status codes to intercept must be
// numeric"), follow On ("status codes must follow a value of 'on'") and read
// (atoi) as 400 to 599 ("status codes to intercept must be valid HTTP Status
// Codes >=400 && <600"). The switch is kept in the section's record across
// lines (see sameRecordLines), so a line may start with a code when an
// earlier line of the same section said On.
import type { EarlierLines } from '../sameRecordLines';
import type { Finding } from '../types';
import { atoi } from './cNumber';
import type { Word } from './words';

/** The switch as a line finds it: 'unset' before any On or Off in the section. */
type OverrideSwitch = 'on' | 'off' | 'unset';

/**
 * The findings of a line, judged with the switch each reading of it finds
 * (from the earlier lines of its section); `readings` undefined when not
 * known, and then a first code is judged only where it is refused whatever
 * came before. Apache refuses the line if any reading is refused.
 */
export function proxyErrorOverrideFindings(words: readonly Word[], readings: readonly EarlierLines[] | undefined): Finding[] {
  // Readings that find different switches may give the same finding twice: args/invalid-value reports each once.
  const states = new Set(readings && readings.length > 0 ? readings.map(switchAfter) : [undefined]);
  return [...states].flatMap((state) => findingsWith(words, state));
}

/** The first word Apache refuses in this reading, if any: the handler's refusal ends the line. */
function findingsWith(words: readonly Word[], before: OverrideSwitch | undefined): Finding[] {
  let state = before;
  for (const word of words) {
    const lower = word.value.toLowerCase();
    if (lower === 'on' || lower === 'off') {
      state = lower;
      continue;
    }
    const problem = codeProblem(word.value, state);
    if (problem) return [{ range: word.range, message: problem }];
  }
  return [];
}

/**
 * The switch after the earlier lines of a reading: 'unset' before any On or
 * Off; undefined when lines this model does not hold may come first, or a
 * ${VAR} is left as written (its Define may be elsewhere).
 */
function switchAfter({ lines, complete }: EarlierLines): OverrideSwitch | undefined {
  let state: OverrideSwitch | undefined = complete ? 'unset' : undefined;
  for (const line of lines) {
    // ITERATE stops at an empty word.
    const end = line.args.indexOf('');
    for (const word of end < 0 ? line.args : line.args.slice(0, end)) {
      const lower = word.toLowerCase();
      if (lower === 'on' || lower === 'off') state = lower;
      else if (word.includes('${')) state = undefined;
    }
  }
  return state;
}

const FIRST = '"ProxyErrorOverride first parameter must be one of: off | on"';
const RANGE = '"ProxyErrorOverride: status codes to intercept must be valid HTTP Status Codes >=400 && <600"';

/** What is wrong with a word that is not On or Off; `state` is the switch it finds. */
function codeProblem(value: string, state: OverrideSwitch | undefined): string | undefined {
  if (!/^\d/.test(value)) {
    const refusal = state === undefined || state === 'unset' ? FIRST : '"ProxyErrorOverride: status codes to intercept must be numeric"';
    return `'${value}' is neither On, Off nor a status code: Apache refuses to start with ${refusal}. Status codes are written as digits, after On.`;
  }
  if (state === 'unset') {
    return `'${value}' comes before any On or Off in this section: Apache refuses to start with ${FIRST}. Write On first, then the status codes to intercept (ProxyErrorOverride On ${isErrorStatus(value) ? value : '502 503'}).`;
  }
  if (state === 'off') {
    return `Status codes come after On: after Off Apache refuses '${value}' with "ProxyErrorOverride: status codes must follow a value of 'on'".`;
  }
  if (isErrorStatus(value)) return undefined;
  const code = atoi(value);
  const read = String(code) === value ? '' : ` (Apache reads '${value}' as ${code})`;
  // Not knowing what came before, a first code out of range is refused either way; say both messages.
  const refusal = state === 'on' ? RANGE : `${FIRST}, or after an earlier On in the section ${RANGE}`;
  return `ProxyErrorOverride intercepts only error statuses, 400 to 599${read}: Apache refuses to start with ${refusal}.`;
}

/** A code Apache takes: digits first, read by atoi() as 400 to 599. */
function isErrorStatus(value: string): boolean {
  const code = atoi(value);
  return /^\d/.test(value) && code >= 400 && code <= 599;
}
