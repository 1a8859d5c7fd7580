// mod/unknown-authn-provider: AuthBasicProvider, AuthDigestProvider and
// AuthFormProvider look each name up among the authentication providers
// registered so far, case-sensitively, while Apache reads the line, and so
// does <AuthnProviderAlias> for its base provider once its body is read:
// "Unknown Authn provider: ldap" and `apache2 -t` fails (verified on 2.4.71).
// Providers come from the loaded modules (file, dbm, dbd, socache, anon,
// ldap) and from earlier <AuthnProviderAlias> sections and
// AuthnzFcgiDefineProvider authn|authnz lines. A provider without a realm
// hash (anon, ldap, FastCGI, an alias of one) is refused by
// AuthDigestProvider: "The 'ldap' Authn provider doesn't support Digest
// Authentication". Apache stops at the first name it refuses on a line, and
// at an empty "", which ends the list.
import type { ConfigModel, LiveSection } from '../../config/buildConfigModel';
import type { DirectiveNode, Range, SectionNode } from '../../parser/ast';
import { AUTHN_PROVIDER_MODULES, authnRegisteredBefore, missingModule } from '../providerLookups';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { comesFromUnloaded } from '../moduleOfDirective';
import { iteratedWords } from '../values/words';
import { linesNamed, proxyModel, wordRange } from '../proxyHosts';
import { directiveReportRange } from '../reportRange';
import type { Finding, Rule } from '../types';
import { loadsForeignModule } from '../foreignModules';

export const unknownAuthnProvider: Rule = modelRule(compute, {
  id: 'mod/unknown-authn-provider',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_auth_basic.html#authbasicprovider',
  summary: '`AuthBasicProvider NAME` (or `AuthDigestProvider`, `AuthFormProvider`, `<AuthnProviderAlias NAME …>`) where no loaded module or earlier alias provides NAME: "Unknown Authn provider".',
});

const PROVIDER_LINES = ['authbasicprovider', 'authdigestprovider', 'authformprovider'];

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const foreign = loadsForeignModule(model);
  const proxies = proxyModel(model);
  for (const directive of PROVIDER_LINES) {
    // Only Digest needs more of a provider than checking a password, which every one does.
    const digest = directive === 'authdigestprovider';
    for (const line of linesNamed(proxies, directive)) {
      // ITERATE: the words in order, up to the first refused.
      const names = iteratedWords(line.item.args);
      for (let index = 0; index < names.length; index++) {
        const finding = providerFinding(model, names[index], line.item.node, foreign, digest);
        if (!finding) continue;
        yield { path: line.item.path, finding: finding(wordRange(line, index)) };
        break;
      }
    }
  }
  for (const item of model.tree) {
    // GLOBAL_ONLY: anywhere else ctx/not-allowed speaks first.
    if (item.kind !== 'section' || item.name.toLowerCase() !== 'authnprovideralias') continue;
    const base = item.args[0];
    const finding = base === undefined ? undefined : providerFinding(model, base, item.node, foreign, false);
    if (finding) yield { path: item.path, finding: finding(baseRange(item)) };
  }
}

/** The finding for one provider name, given where to put it; undefined when Apache accepts the name. */
function providerFinding(model: ConfigModel, name: string, line: DirectiveNode | SectionNode, foreign: boolean, digest: boolean): ((range: Range) => Finding) | undefined {
  const registered = authnRegisteredBefore(model, name, line);
  const module = AUTHN_PROVIDER_MODULES.get(name);
  if (registered || module) {
    const missing = registered || !module ? undefined : missingModule(model, module.identifier);
    if (missing) {
      const apacheMessage = `Unknown Authn provider: ${name}`;
      return (range) => ({ range, message: `Apache refuses this line: "${apacheMessage}". The provider ${comesFromUnloaded(missing, model)}`, data: { apacheMessage } });
    }
    if (!digest || (registered ?? module)?.digest !== false) return undefined;
    const apacheMessage = `The '${name}' Authn provider doesn't support Digest Authentication`;
    return (range) => ({
      range,
      message: `Apache refuses this line: "${apacheMessage}". Digest authentication needs a provider that can give the stored hash of user:realm:password (file, dbm, dbd, socache); '${name}' only checks passwords, which Basic and Form authentication use.`,
      data: { apacheMessage },
    });
  }
  if (foreign) return undefined;
  const apacheMessage = `Unknown Authn provider: ${name}`;
  const known = name.toLowerCase();
  const hint = AUTHN_PROVIDER_MODULES.has(known) ? ` Provider names are case-sensitive: write "${known}".` : ` Apache's providers are ${[...AUTHN_PROVIDER_MODULES.keys()].join(', ')}, and names given by <AuthnProviderAlias> above.`;
  return (range) => ({ range, message: `Apache refuses this line: "${apacheMessage}".${hint}`, data: { apacheMessage } });
}

/** The base provider's word in <AuthnProviderAlias BASE ALIAS>, or the open tag when it cannot be placed. */
function baseRange(item: LiveSection): Range {
  const { node, args } = item;
  return node.args.length === args.length && node.args[0] ? node.args[0].range : directiveReportRange(node);
}
