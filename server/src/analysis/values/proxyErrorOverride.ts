// ProxyErrorOverride On|Off [code …] (2.4.47+), as mod_proxy's
// set_proxy_error_override reads each word in turn: On and Off set the
// switch; any other word is a status code, which must start with a digit
// ("status codes to intercept must be numeric"), follow On ("status codes
// must follow a value of 'on'") and read (strtol) as 400 to 599 ("status
// codes to intercept must be valid HTTP Status Codes >=400 && <600"). The
// switch is kept per section across lines, so a line may start with a code
// when an earlier line of the same section said On; such a line's first code
// is judged only where it is refused whatever came before.
import type { Finding } from '../types';
import { atoi } from './cNumber';
import type { Word } from './words';

export function proxyErrorOverrideFindings(words: readonly Word[]): Finding[] {
  const findings: Finding[] = [];
  /** Set by an On or Off on this line; before one, what earlier lines said is not known here. */
  let on: boolean | undefined;
  for (const word of words) {
    const lower = word.value.toLowerCase();
    if (lower === 'on' || lower === 'off') {
      on = lower === 'on';
      continue;
    }
    const problem = codeProblem(word.value, on);
    if (problem) findings.push({ range: word.range, message: problem });
  }
  return findings;
}

const FIRST = '"ProxyErrorOverride first parameter must be one of: off | on"';
const RANGE = '"ProxyErrorOverride: status codes to intercept must be valid HTTP Status Codes >=400 && <600"';

/** What is wrong with a word that is not On or Off; `on` is the switch this line set, undefined before any. */
function codeProblem(value: string, on: boolean | undefined): string | undefined {
  if (!/^\d/.test(value)) {
    const refusal = on === undefined ? FIRST : '"ProxyErrorOverride: status codes to intercept must be numeric"';
    return `'${value}' is neither On, Off nor a status code: Apache refuses to start with ${refusal}. Status codes are written as digits, after On.`;
  }
  if (on === false) {
    return `Status codes come after On: after Off Apache refuses '${value}' with "ProxyErrorOverride: status codes must follow a value of 'on'".`;
  }
  const code = atoi(value);
  if (code >= 400 && code <= 599) return undefined;
  const read = String(code) === value ? '' : ` (Apache reads '${value}' as ${code})`;
  // A line may start with a code only after an On on an earlier line of its section; then Apache checks the range.
  const refusal = on ? RANGE : `${FIRST}, or after an earlier On in the section ${RANGE}`;
  return `ProxyErrorOverride intercepts only error statuses, 400 to 599${read}: Apache refuses to start with ${refusal}.`;
}
