// Domains that must start with a dot (verified on 2.4.71): ProxyDomain, which
// mod_proxy appends to a bare host name, and mod_usertrack's CookieDomain,
// which must also hold a dot after the first character (`.com` alone is
// refused), as browsers refuse cookies for a top-level domain.
import type { Finding } from '../types';
import type { Word } from './words';

export function leadingDotFindings(directive: string, words: readonly Word[]): Finding[] {
  const [domain] = words;
  if (!domain) return [];
  const text = domain.value;
  const cookie = directive === 'CookieDomain';
  let apache: string | undefined;
  let why = '';
  if (!text.startsWith('.')) {
    apache = cookie ? 'CookieDomain values must begin with a dot' : 'ProxyDomain: domain name must start with a dot.';
    why = `does not start with a dot. Write .${text}`;
  } else if (cookie && !text.includes('.', 1)) {
    apache = 'CookieDomain values must contain at least one embedded dot';
    why = 'names a top-level domain. Write the site\'s own domain (.example.com)';
  }
  if (!apache) return [];
  return [{ range: domain.range, message: `'${text}' ${why}: Apache refuses to start with "${apache}".`, data: { apacheMessage: apache } }];
}
