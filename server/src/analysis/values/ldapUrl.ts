// mod_authnz_ldap's AuthLDAPURL (mod_auth_ldap_parse_url, verified on
// 2.4.71): APR's LDAP URL parser first wants ldap://, ldaps:// or ldapi://
// (any case, after an optional < and URL:); then the optional second word is
// the connection mode. The rest of the URL (host, attributes, scope, filter)
// is APR's to judge and not judged here, so the mode is judged only for a URL
// without any '?' part, which leaves the parser nothing else to refuse.
import type { Finding } from '../types';
import { refusedWord, type Word } from './words';

const MODES = ['none', 'ssl', 'tls', 'starttls'];

export function ldapUrlFindings(words: readonly Word[]): Finding[] {
  const [url, mode] = words;
  if (!url) return [];
  if (!/^<?(url:)?ldap[si]?:\/\//i.test(url.value)) {
    return [refusedWord(url, 'The scheme was not recognised as a valid LDAP URL scheme.', 'AuthLDAPURL takes ldap://host/base-dn?attribute?scope?filter, or ldaps:// or ldapi://.')];
  }
  // An empty "" is no word to TAKE12.
  if (!mode || mode.value === '' || url.value.includes('?') || MODES.includes(mode.value.toLowerCase())) return [];
  return [refusedWord(mode, 'Invalid LDAP connection mode setting: must be one of NONE, SSL, or TLS/STARTTLS', 'The word after the URL says how to secure the connection.')];
}
