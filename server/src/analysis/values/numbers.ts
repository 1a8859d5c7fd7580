// A number argument as the directive knowledge describes it (values.json kind
// 'number', probed by scripts/generate-directives.ts): mod_ssl's timeouts and
// ages read their word with C atoi() and refuse a result below the minimum.
import type { DirectiveFact } from '../../knowledge/directiveIndex';
import type { Finding } from '../types';
import { atoi } from './cNumber';
import type { Word } from './words';

export function numberFindings(fact: DirectiveFact, words: readonly Word[]): Finding[] {
  const word = words[0];
  if (fact.valueKind !== 'number' || fact.valueMin === undefined || !word) return [];
  const value = atoi(word.value);
  if (value >= fact.valueMin) return [];
  const read = String(value) === word.value ? '' : ` Apache reads '${word.value}' as ${value}: the leading digits, as a 32-bit number.`;
  const refusal = fact.valueRefusal ? ` with "${fact.valueRefusal.split('{value}').join(word.value)}"` : '';
  return [
    {
      range: word.range,
      message: `${fact.name} takes a number of at least ${fact.valueMin}, so Apache refuses to start${refusal}.${read}`,
      data: { value: word.value, min: fact.valueMin },
    },
  ];
}
