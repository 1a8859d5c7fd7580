import type { Argument, DirectiveNode, Node } from '../../parser/ast';
import { tlsProfile, type TlsProfile } from '../../knowledge/tlsProfiles';
import { cipherExpander, type CipherExpansion, type CipherList, type CipherSuite } from '../expandCipherString';
import { cipherListOf, cipherStringAt, forEachLiveDirective, isUnboundedCipherString, isUnusedSuite, protocolsInForce, suiteWeakness, weakCipherWords } from '../tlsSettings';
import type { Rule, RuleContext } from '../types';

export const sslWeakCipher: Rule = {
  id: 'ssl/weak-cipher',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslciphersuite',
  summary: 'A cipher string enables weak suites (RC4, 3DES, MD5, …) or, under a TLS profile, suites the profile leaves out.',
  check(context) {
    const { scope, report } = context;
    forEachCipherLine(context, (line, expand, profile) => {
      // A string for TLS 1.2 and older means nothing to a host that speaks TLS 1.3 only.
      if (!line.proxy && line.list === 'SSL' && ![...protocolsInForce(scope, line.node).protocols].some((p) => p !== 'TLSv1.3')) return;
      const allowed = profile && !line.proxy ? (line.list === 'SSL' ? profile.ciphers : profile.ciphersuites) : [];
      const data = profileFixData(line, profile);
      const expansion = expand();
      if (expansion.kind === 'noMatch') return; // ssl/cipher-no-match
      if (expansion.kind === 'suites') {
        const usable = expansion.suites.filter((suite) => !isUnusedSuite(suite));
        const weak = usable.flatMap((suite) => {
          const reason = suiteWeakness(suite);
          return reason ? [`${suite.name} (${reason})`] : [];
        });
        const outside = usable.filter((suite) => !suiteWeakness(suite) && allowed.length > 0 && !allowed.includes(suite.name));
        const absent = weakCipherWords(line.spec.value);
        if (weak.length > 0) {
          report({
            range: line.spec.range,
            message:
              `OpenSSL expands this string to ${suites(usable.length)} Apache can use; ${weak.length} ${weak.length === 1 ? 'is' : 'are'} weak: ${listed(weak)}. ` +
              (data ? `Use the Mozilla ${profile?.name} list.` : 'Exclude them, or name the suites to allow.'),
            ...(data ? { data } : {}),
          });
        } else if (outside.length > 0) {
          report({
            range: line.spec.range,
            severity: 'information',
            message:
              `OpenSSL expands this string to ${suites(usable.length)} Apache can use; ${outside.length} ${outside.length === 1 ? 'is' : 'are'} not in the ` +
              `Mozilla ${profile?.name} profile (apacheSsl.tlsProfile): ${listed(outside.map(describeSuite))}.`,
            ...(data ? { data } : {}),
          });
        } else if (absent.length > 0) {
          report({
            range: line.spec.range,
            severity: 'information',
            message:
              `This string asks for weak ciphers (${absent.join(', ')}) that the installed OpenSSL does not have, so they are not ` +
              'enabled here; an OpenSSL built with them would enable them. Remove them.',
            ...(data ? { data } : {}),
          });
        }
        return;
      }
      // Without OpenSSL's answer: only what the words themselves say.
      const words = weakCipherWords(line.spec.value);
      if (words.length > 0) {
        report({
          range: line.spec.range,
          message: `This string asks for weak ciphers: ${words.join(', ')}. (Which suites it enables is not known: ${expansion.reason}.)`,
          ...(data ? { data } : {}),
        });
      } else if (isUnboundedCipherString(line.spec.value)) {
        report({
          range: line.spec.range,
          severity: 'hint',
          message: `This string enables whatever the OpenSSL build offers, nothing excluded. Which suites that is, is not known: ${expansion.reason}.`,
          ...(data ? { data } : {}),
        });
      }
    });
  },
};

export interface CipherLine {
  node: DirectiveNode;
  list: CipherList;
  /** The cipher string argument. */
  spec: Argument;
  proxy: boolean;
}

/**
 * Visits each live SSLCipherSuite/SSLProxyCipherSuite line of the file, with
 * OpenSSL's reading of its string (asked only when `expand` is called) and the
 * profile of the settings.
 */
export function forEachCipherLine(
  { file, scope, settings }: Pick<RuleContext, 'file' | 'scope' | 'settings'>,
  visit: (line: CipherLine, expand: () => CipherExpansion, profile: TlsProfile | undefined) => void,
): void {
  const expander = cipherExpander(settings);
  const profile = tlsProfile(settings.tlsProfile);
  forEachLiveDirective(file, scope, ['sslciphersuite', 'sslproxyciphersuite'], (node) => {
    const line = cipherLine(node);
    if (line) visit(line, () => expander.expand(line.list, line.spec.value), profile);
  });
}

/** What the profile quick fix needs: only for the host's own lists, and where the profile has a list to write. */
export function profileFixData(line: CipherLine, profile: TlsProfile | undefined): { profile: string; list: CipherList } | undefined {
  return profile && !line.proxy && (line.list === 'TLSv1.3' || profile.apache.SSLCipherSuite) ? { profile: profile.name, list: line.list } : undefined;
}

/** SSLCipherSuite or SSLProxyCipherSuite with a known list and a string without ${VAR}. */
export function cipherLine(node: Node): CipherLine | undefined {
  if (node.kind !== 'directive') return undefined;
  const name = node.name.toLowerCase();
  if ((name !== 'sslciphersuite' && name !== 'sslproxyciphersuite') || node.args.length < 1 || node.args.length > 2) return undefined;
  const words = node.words;
  const list = cipherListOf(words);
  const spec = node.args[cipherStringAt(words)];
  if (!list || spec.raw.includes('${')) return undefined;
  return { node, list, spec, proxy: name === 'sslproxyciphersuite' };
}

function describeSuite(suite: CipherSuite): string {
  const notes: string[] = [];
  if (/^(RSA|PSK)$/i.test(suite.kx)) notes.push('no forward secrecy');
  if (suite.mac.toUpperCase() !== 'AEAD') notes.push('CBC');
  return notes.length > 0 ? `${suite.name} (${notes.join(', ')})` : suite.name;
}

function suites(count: number): string {
  return count === 1 ? '1 suite' : `${count} suites`;
}

function listed(items: readonly string[], limit = 6): string {
  return items.length > limit ? `${items.slice(0, limit).join(', ')} and ${items.length - limit} more` : items.join(', ');
}
