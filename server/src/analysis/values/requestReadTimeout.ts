// mod_reqtimeout's RequestReadTimeout (set_reqtimeouts, verified on 2.4.71):
// key=value words for handshake, header and body, each value a timeout, or
// with ",MinRate=rate" a timeout or a range "initial-maximum" and the least
// rate; numbers as strtol reads them into a C int, nothing after them.
import type { Finding } from '../types';
import { strtoll } from './cNumber';
import { refusedWord, type Word } from './words';

const STAGES = ['handshake', 'header', 'body'];

export function requestReadTimeoutFindings(words: readonly Word[]): Finding[] {
  for (const word of words) {
    const equals = word.value.indexOf('=');
    const apache = equals === -1 ? "Invalid RequestReadTimeout parameter. Parameter must be in the form 'key=value'" : stageProblem(word.value.slice(0, equals), word.value.slice(equals + 1));
    if (apache === undefined) continue;
    return [refusedWord(word, apache, 'Write stage=timeout or stage=initial-maximum,MinRate=bytes per second for handshake, header or body, such as header=20-40,MinRate=500.')];
  }
  return [];
}

function stageProblem(key: string, value: string): string | undefined {
  const problem = STAGES.includes(key.toLowerCase()) ? timeoutProblem(value) : 'Unknown RequestReadTimeout parameter';
  return problem === undefined ? undefined : `RequestReadTimeout: ${key}=${value}: ${problem}`;
}

function timeoutProblem(value: string): string | undefined {
  const rateAt = value.toLowerCase().indexOf(',minrate=');
  if (rateAt === -1) return value.includes('-') ? 'Must set MinRate option if using timeout range' : parseInt(value).problem;
  const rate = parseInt(value.slice(rateAt + ',minrate='.length));
  if (rate.problem) return rate.problem;
  if (rate.value === 0) return 'Minimum data rate must be larger than 0';
  const times = value.slice(0, rateAt);
  const dash = times.indexOf('-');
  const maximum = dash === -1 ? undefined : parseInt(times.slice(dash + 1));
  if (maximum?.problem) return maximum.problem;
  const initial = parseInt(dash === -1 ? times : times.slice(0, dash));
  if (initial.problem) return initial.problem;
  return maximum && maximum.value !== 0 && initial.value >= maximum.value ? 'Maximum timeout must be larger than initial timeout' : undefined;
}

/** parse_int: strtol into an int, the whole text read, not negative. */
function parseInt(text: string): { value: number; problem?: string } {
  const { value, end } = strtoll(text);
  if (end === text) return { value: 0, problem: `Value '${text}' not numerical` };
  if (end !== '') return { value: 0, problem: `Cannot parse '${end}'` };
  const int = Number(BigInt.asIntN(32, value));
  return int < 0 ? { value: int, problem: 'Value must be non-negative' } : { value: int };
}
