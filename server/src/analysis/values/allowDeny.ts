// Allow and Deny (mod_access_compat's allow_cmd, verified on 2.4.71): the
// word `from` first, then each place in turn: env=VAR, env=!VAR, all, an
// address or network as apr_ipsubnet_create reads it, or a host name, which
// may not hold `#`. An empty word ends the list.
import { APR_SUBNET_ERROR_TEXT, aprSubnetError } from '../../knowledge/aprIpSubnet';
import type { Finding } from '../types';
import type { Word } from './words';

const NOT_FROM = "allow and deny must be followed by 'from'";

export function allowDenyFindings(directive: string, words: readonly Word[]): Finding[] {
  const [from, ...places] = words;
  if (!from) return [];
  if (from.value.toLowerCase() !== 'from') {
    const message = `${directive} takes the word 'from' before its hosts and networks ('${directive} from ${from.value}'). Apache refuses to start with "${NOT_FROM}".`;
    return [{ range: from.range, message, data: { apacheMessage: NOT_FROM } }];
  }
  for (const word of places) {
    if (word.value === '') break;
    const refusal = placeRefusal(word.value);
    if (refusal) return [{ range: word.range, message: `'${word.value}': ${refusal.why}. Apache refuses to start with "${refusal.apache}".`, data: { apacheMessage: refusal.apache } }];
  }
  return [];
}

function placeRefusal(where: string): { apache: string; why: string } | undefined {
  const lower = where.toLowerCase();
  if (lower.startsWith('env=') || lower === 'all') return undefined;
  const error = aprSubnetError(where);
  if (where.includes('/')) {
    if (error === 'EINVAL') return { apache: 'An IP address was expected', why: 'a network is an address and a mask, and this is no address' };
    if (error) return { apache: APR_SUBNET_ERROR_TEXT[error], why: error === 'EBADMASK' ? 'the network mask is not one APR accepts' : 'the address is not one APR can read' };
    return undefined;
  }
  if (error && error !== 'EINVAL') return { apache: APR_SUBNET_ERROR_TEXT[error], why: 'it looks like an address, but not one APR can read' };
  // Not an address: a host name, matched against the client's at request time.
  if (error === 'EINVAL' && where.includes('#')) return { apache: 'No comments are allowed here', why: "a host name holds no '#' (a comment must stand on a line of its own)" };
  return undefined;
}
