// mod_md's durations and time slices (md_time.c md_duration_parse and
// md_timeslice_parse, mod_md_config.c; verified on 2.4.71). A duration is a
// 64-bit number as strtoll reads it, then a unit told by its first letters
// (d, h, s, ms, mi, in any case; the rest of the word is not read), or the
// directive's own unit when nothing follows the digits; an empty word is 0.
// A time slice (the renew and warn windows, the stapling windows) is such a
// duration in days, or a percentage of the certificate's (or response's) life.
import type { Finding } from '../types';
import { strtoll } from './cNumber';
import { refusedWord, type Word } from './words';

const SECOND = 1000;

/** The duration in milliseconds, or undefined where md_duration_parse fails. */
export function mdDuration(text: string, defaultUnit: 's' | 'd'): number | undefined {
  const { value, overflow, end } = strtoll(text);
  if (overflow) return undefined;
  if (end !== '' && end === text) return undefined;
  const unit = end === '' ? defaultUnit : end;
  const n = Number(value);
  switch (unit.charAt(0).toLowerCase()) {
    case 'd':
      return n * 86_400 * SECOND;
    case 's':
      return n * SECOND;
    case 'h':
      return n * 3600 * SECOND;
    case 'm': {
      const second = unit.charAt(1).toLowerCase();
      return second === 's' ? n : second === 'i' ? n * 60 * SECOND : undefined;
    }
    default:
      return undefined;
  }
}

/** Why md_timeslice_parse (and the window's own check) refuses the text, in Apache's words after the directive's name; undefined when it reads it. */
function timesliceProblem(text: string, wholeLife: string | undefined): string | undefined {
  if (mdDuration(text, 'd') !== undefined) return undefined;
  const { value, overflow, end } = strtoll(text);
  if (overflow || !end.startsWith('%')) return 'has unrecognized format';
  if (value < 0n) return 'percent must be less than 100';
  // mod_md keeps the percentage in a C int.
  const percent = Number(BigInt.asIntN(32, value));
  return wholeLife !== undefined && percent >= 100 ? wholeLife : undefined;
}

/** The windows, each with what its handler says of a percentage of 100 or more (undefined where it allows one). */
const WINDOWS: Readonly<Record<string, string | undefined>> = {
  mdrenewwindow: 'a length of 100% or more is not allowed.',
  mdwarnwindow: 'a length of 100% or more is not allowed.',
  mdstaplingrenewwindow: 'with a length of 100% or more is not allowed.',
  mdstaplingkeepresponse: undefined,
};

const DURATIONS: Readonly<Record<string, 's' | 'd'>> = {
  mdactivationdelay: 'd',
  mdretrydelay: 's',
  mdcheckinterval: 's',
  mdinitialdelay: 's',
};

export const MD_TIME_DIRECTIVES = [...Object.keys(WINDOWS), ...Object.keys(DURATIONS), 'mdstorelocks'];

export function mdTimeFindings(directive: string, words: readonly Word[]): Finding[] {
  const [word] = words;
  if (!word) return [];
  const key = directive.toLowerCase();
  const refused = (apache: string, advice: string): Finding[] => [refusedWord(word, apache, advice)];
  const units = 'a number with d, h, mi, s or ms after it';
  if (key in WINDOWS) {
    const problem = timesliceProblem(word.value, WINDOWS[key]);
    return problem ? refused(`${directive} ${problem}`, `Write a duration (${units}; days without one) or a percentage below 100, such as 33%.`) : [];
  }
  if (key === 'mdstorelocks') {
    if (['on', 'off'].includes(word.value.toLowerCase()) || mdDuration(word.value, 's') !== undefined) return [];
    return refused("neither 'on', 'off' or a duration specified", `Write on, off, or how long to wait for the lock (${units}; seconds without one).`);
  }
  const unit = DURATIONS[key];
  if (!unit) return [];
  const duration = mdDuration(word.value, unit);
  if (duration === undefined) return refused('unrecognized duration format', `Write ${units}; without one, the number counts ${unit === 'd' ? 'days' : 'seconds'}.`);
  if (key === 'mdcheckinterval' && duration < SECOND) return refused('check interval cannot be less than one second', 'mod_md looks at its certificates at most once a second.');
  return [];
}
