// mod_lua's hooks that take a third word (LuaHookTranslateName,
// LuaHookAccessChecker, LuaHookAuthChecker): when to run, early or late, in
// any case; an empty "" is a word too. LuaHookCheckUserID's check is
// commented out in 2.4.71: it takes any third word.
import type { Finding } from '../types';
import type { Word } from './words';

export function luaHookTimingFindings(words: readonly Word[]): Finding[] {
  const when = words[2];
  if (!when || ['early', 'late'].includes(when.value.toLowerCase())) return [];
  const apache = "Third argument must be 'early' or 'late'";
  return [{ range: when.range, message: `The third word says when the hook runs: early or late, not '${when.value}'. Apache refuses to start with "${apache}".`, data: { apacheMessage: apache } }];
}
