// AllowCONNECT's words, as mod_proxy's set_allowed_ports reads each one
// (verified on 2.4.71): it must start with a digit ("port numbers must be
// numeric"), and be a number or two numbers around a `-`, each read whole
// ("Cannot parse '1x' as port number"). Neither the size nor the order of the
// numbers is checked.
import type { Finding } from '../types';
import type { Word } from './words';

export function allowConnectFindings(words: readonly Word[]): Finding[] {
  for (const word of words) {
    const apache = refusal(word.value);
    if (!apache) continue;
    return [
      {
        range: word.range,
        message: `'${word.value}' is not a port or a range of ports: Apache refuses to start with "${apache}". Write ports as numbers (443), or a range as two numbers and a hyphen (8000-8080).`,
        data: { apacheMessage: apache },
      },
    ];
  }
  return [];
}

function refusal(word: string): string | undefined {
  if (!/^\d/.test(word)) return 'AllowCONNECT: port numbers must be numeric';
  const dash = word.indexOf('-');
  for (const part of dash < 0 ? [word] : [word.slice(0, dash), word.slice(dash + 1)]) {
    if (!/^\d+$/.test(part)) return `Cannot parse '${part}' as port number`;
  }
  return undefined;
}
