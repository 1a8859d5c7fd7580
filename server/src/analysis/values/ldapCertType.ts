// mod_ldap's LDAPTrustedGlobalCert and LDAPTrustedClientCert (util_ldap.c,
// verified on 2.4.71): the first word is a certificate type, any case. The
// per-directory directive refuses the Netscape database types and CERT_PFX,
// which only the global one takes.
import type { Finding } from '../types';
import type { Word } from './words';

const TYPES: ReadonlySet<string> = new Set([
  'CA_DER',
  'CA_BASE64',
  'CA_CERT7_DB',
  'CA_SECMOD',
  'CERT_DER',
  'CERT_BASE64',
  'CERT_PFX',
  'CERT_KEY3_DB',
  'CERT_NICKNAME',
  'KEY_DER',
  'KEY_BASE64',
  'KEY_PFX',
]);
const GLOBAL_ONLY: ReadonlySet<string> = new Set(['CA_CERT7_DB', 'CA_SECMOD', 'CERT_PFX', 'CERT_KEY3_DB']);

export function ldapCertTypeFindings(directive: 'LDAPTrustedGlobalCert' | 'LDAPTrustedClientCert', words: readonly Word[]): Finding[] {
  const [type] = words;
  if (!type) return [];
  const upper = type.value.toUpperCase();
  const client = directive === 'LDAPTrustedClientCert';
  let apache: string;
  let why: string;
  if (!TYPES.has(upper)) {
    apache = client
      ? `The certificate type "${type.value}" is not recognised. It should be one of CA_DER, CA_BASE64, CERT_DER, CERT_BASE64, CERT_NICKNAME, CERT_PFX, KEY_DER, KEY_BASE64, KEY_PFX`
      : `The certificate type ${type.value} is not recognised. It should be one of CA_DER, CA_BASE64, CA_CERT7_DB, CA_SECMOD, CERT_DER, CERT_BASE64, CERT_KEY3_DB, CERT_NICKNAME, KEY_DER, KEY_BASE64`;
    why = 'is not a certificate type mod_ldap knows';
  } else if (client && GLOBAL_ONLY.has(upper)) {
    apache = `The certificate type "${type.value}" is only valid within a LDAPTrustedGlobalCert directive. Only CA_DER, CA_BASE64, CERT_DER, CERT_BASE64, CERT_NICKNAME, KEY_DER, and KEY_BASE64 may be used.`;
    why = 'is taken only by LDAPTrustedGlobalCert, in the server config';
  } else {
    return [];
  }
  return [{ range: type.range, message: `'${type.value}' ${why}. Apache refuses to start with "${apache}".`, data: { apacheMessage: apache } }];
}
