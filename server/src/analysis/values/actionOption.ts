// mod_actions' Action takes an optional third word, which must be `virtual`
// in any case (add_action, verified on 2.4.71).
import type { Finding } from '../types';
import type { Word } from './words';

export function actionFindings(words: readonly Word[]): Finding[] {
  const option = words[2];
  if (!option || option.value.toLowerCase() === 'virtual') return [];
  const apache = `unrecognized option '${option.value}'`;
  const message = `Action's third word can only be 'virtual' (the script is a URL path Apache serves, not a file of its own). Apache refuses to start with "${apache}".`;
  return [{ range: option.range, message, data: { apacheMessage: apache } }];
}
