// mod/unknown-authz-provider: `Require NAME …` looks NAME up among the
// authorization providers registered so far, case-sensitively, while Apache
// reads the line: "Unknown Authz provider: sslx" and `apache2 -t` fails
// (verified on 2.4.71; `Require SSL` fails too). Providers come from the
// loaded modules, and from lines read earlier: <AuthzProviderAlias>,
// AuthnzFcgiDefineProvider authz|authnz, LuaAuthzProvider (verified: one
// defined after the Require does not count). `Require` and `Require not`
// without a provider look up "" and fail the same way; `not` is read in any
// case (`Require NOT ip …` negates).
import type { ConfigModel } from '../../config/buildConfigModel';
import { missingProviderModule, PROVIDER_MODULES, registeredBefore, requireProvider } from '../providerLookups';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { comesFromUnloaded } from '../moduleOfDirective';
import { linesNamed, proxyModel, wordRange } from '../proxyHosts';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';
import { loadsForeignModule } from '../foreignModules';

export const unknownAuthzProvider: Rule = modelRule(compute, {
  id: 'mod/unknown-authz-provider',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_authz_core.html#require',
  summary: '`Require NAME` where no loaded module (or earlier alias) provides NAME: "Unknown Authz provider".',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const foreign = loadsForeignModule(model);
  for (const line of linesNamed(proxyModel(model), 'require')) {
    const { index, name } = requireProvider(line.item.args);
    if (name === undefined) {
      // ap_getword_conf gives "" and the lookup fails on it.
      yield {
        path: line.item.path,
        finding: {
          range: directiveReportRange(line.item.node),
          message: `Apache refuses this line: "Unknown Authz provider: ". Require needs a provider${index === 1 ? ' after not' : ''}, for example Require all granted, Require ip 192.0.2.0/24 or Require valid-user.`,
          data: { apacheMessage: 'Unknown Authz provider: ' },
        },
      };
      continue;
    }
    if (registeredBefore(model, 'provider', name, line.item.node)) continue;
    const apacheMessage = `Unknown Authz provider: ${name}`;
    if (!PROVIDER_MODULES.has(name)) {
      if (foreign) continue;
      yield {
        path: line.item.path,
        finding: { range: wordRange(line, index), message: `Apache refuses this line: "${apacheMessage}".${suggestion(name)}`, data: { apacheMessage } },
      };
      continue;
    }
    const missing = missingProviderModule(model, name);
    if (!missing) continue;
    yield {
      path: line.item.path,
      finding: { range: wordRange(line, index), message: `Apache refuses this line: "${apacheMessage}". The provider ${comesFromUnloaded(missing, model)}`, data: { apacheMessage } },
    };
  }
}

/** Provider names match exactly: `Require SSL` is not `Require ssl`. */
function suggestion(name: string): string {
  const known = name.toLowerCase();
  return PROVIDER_MODULES.has(known) ? ` Provider names are case-sensitive: write "${known}".` : '';
}
