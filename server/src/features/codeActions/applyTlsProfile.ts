// The TLS settings of one host set to a Mozilla profile (apacheSsl.tlsProfile):
// SSLProtocol, SSLCipherSuite, SSLHonorCipherOrder and SSLSessionTickets as the
// profile's Apache lines have them. Lines of the host's block that set them
// get the profile's value; missing ones are added after the line the finding
// is on. In a per-directory section only the cipher string is replaced, since
// the others are not allowed there.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { cipherListOf, hostPlaceOf } from '../../analysis/tlsSettings';
import { profileTitle, tlsProfile, type TlsProfile } from '../../knowledge/tlsProfiles';
import type { DirectiveNode } from '../../parser/ast';
import { nodeAt } from '../../parser/nodeAt';
import { insertAfter, replaceArguments, siblingsNamed } from './lineEdits';
import type { QuickFixContext } from './types';

interface ProfileData {
  profile?: string;
  /** Which cipher list the finding's line sets. */
  list?: 'SSL' | 'TLSv1.3';
}

export function applyTlsProfileAction(diagnostic: Diagnostic, context: QuickFixContext, isPreferred: boolean): CodeAction | undefined {
  const data = (diagnostic.data ?? {}) as ProfileData;
  const profile = data.profile === 'modern' || data.profile === 'intermediate' ? tlsProfile(data.profile) : undefined;
  const node = nodeAt(context.file, diagnostic.range.start);
  if (!profile || node?.kind !== 'directive') return undefined;
  const edits =
    data.list === 'TLSv1.3' ? tls13ListEdits(node, profile) : hostEdits(node, profile, context.model.files.get(context.path)?.enclosing ?? []);
  if (!edits || edits.length === 0) return undefined;
  return {
    title: `Apply the ${profileTitle(profile)} TLS profile`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred,
    edit: { changes: { [context.uri]: edits } },
  };

  function hostEdits(anchor: DirectiveNode, wanted: TlsProfile, enclosing: Parameters<typeof hostPlaceOf>[1]): TextEdit[] | undefined {
    if (hostPlaceOf(anchor, enclosing).perDirectory) {
      const cipherString = wanted.apache.SSLCipherSuite;
      if (anchor.name.toLowerCase() !== 'sslciphersuite' || !cipherString) return undefined;
      return [replaceArguments(anchor, cipherString, anchor.args.length - 1)];
    }
    const block = anchor.parent;
    const edits: TextEdit[] = [];
    const added: string[] = [];
    const settings: [string, string | undefined, (line: DirectiveNode) => boolean][] = [
      ['SSLProtocol', wanted.apache.SSLProtocol, () => true],
      ['SSLCipherSuite', wanted.apache.SSLCipherSuite, (line) => cipherListOf(line.args.map((arg) => arg.value)) === 'SSL'],
      ['SSLHonorCipherOrder', wanted.apache.SSLHonorCipherOrder, () => true],
      ['SSLSessionTickets', wanted.apache.SSLSessionTickets, () => true],
    ];
    for (const [name, value, matches] of settings) {
      if (value === undefined) continue;
      const existing = siblingsNamed(block, name.toLowerCase()).filter(matches).at(-1);
      if (!existing) {
        added.push(`${name} ${value}`);
      } else if (existing.args.length > 0) {
        const first = name === 'SSLCipherSuite' ? existing.args.length - 1 : 0;
        const current = existing.args.slice(first).map((arg) => arg.value).join(' ');
        if (current.toLowerCase() !== value.toLowerCase()) edits.push(replaceArguments(existing, value, first));
      }
    }
    if (added.length > 0) edits.push(insertAfter(context.file, anchor, added));
    return edits;
  }
}

function tls13ListEdits(node: DirectiveNode, profile: TlsProfile): TextEdit[] | undefined {
  if (node.args.length !== 2) return undefined;
  return [replaceArguments(node, profile.ciphersuites.join(':'), 1)];
}
