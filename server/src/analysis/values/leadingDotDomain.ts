// ProxyDomain names the domain mod_proxy appends to a bare host name, and
// must start with a dot (verified on 2.4.71).
import type { Finding } from '../types';
import type { Word } from './words';

export function proxyDomainFindings(words: readonly Word[]): Finding[] {
  const [domain] = words;
  if (!domain || domain.value.startsWith('.')) return [];
  const apache = 'ProxyDomain: domain name must start with a dot.';
  return [{ range: domain.range, message: `'${domain.value}' does not start with a dot: Apache refuses to start with "${apache}". Write .${domain.value}.`, data: { apacheMessage: apache } }];
}
