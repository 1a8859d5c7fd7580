// CustomLog and GlobalLog take an optional condition after the format
// (mod_log_config's add_custom_log, verified on 2.4.71): env=VAR or env=!VAR
// with a name, or expr= with an expression (which expression parsing judges),
// in any case. Any other word, "" included, is refused.
import type { Finding } from '../types';
import type { Word } from './words';

export function logConditionFindings(directive: string, words: readonly Word[]): Finding[] {
  const condition = words[2];
  if (!condition) return [];
  const text = condition.value;
  const lower = text.toLowerCase();
  let refusal: { apache: string; why: string } | undefined;
  if (lower.startsWith('env=')) {
    if (text.length === 4 || text.slice(4) === '!') refusal = { apache: 'missing environment variable name', why: 'env= needs the name of a variable (env=!NAME logs when it is not set)' };
  } else if (lower.startsWith('expr=')) {
    if (text.length === 5) refusal = { apache: 'missing condition', why: 'expr= needs an expression' };
  } else {
    refusal = { apache: 'error in condition clause', why: `${directive}'s third word is a condition, env=NAME, env=!NAME or expr=EXPRESSION` };
  }
  if (!refusal) return [];
  return [{ range: condition.range, message: `'${text}': ${refusal.why}. Apache refuses to start with "${refusal.apache}".`, data: { apacheMessage: refusal.apache } }];
}
