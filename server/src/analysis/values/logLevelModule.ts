// The module of a `LogLevel module:level` word. core.c's set_loglevel looks
// the name up as a module's source file (mod_ssl.c), then as a loaded
// module's identifier, then with "_module" appended (ssl), all case-sensitive,
// and refuses anything else: "Cannot find module X" (verified on 2.4.71:
// ssl, ssl_module, mod_ssl.c and the compiled-in core, http, so are found;
// mod_ssl, SSL, http_core and a module not loaded are not). LoadModule is
// read before every other directive, so where it stands does not matter.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { Condition } from '../../config/evaluateCondition';
import { defaultModuleIndex, type ModuleFact } from '../../knowledge/moduleIndex';

/** Whether Apache finds the module `name` names; 'unknown' where the tree's modules are unknown or foreign. */
export function findsLogLevelModule(name: string, model: ConfigModel): Condition {
  const identifiers = [name, `${name}_module`];
  const modules = defaultModuleIndex();
  const named = (fact: ModuleFact) => fact.sourceName === name || identifiers.includes(fact.identifier);
  const fact = modules.all().find(named);
  if (fact && (fact.compiledIn || model.loadedModules.has(fact.identifier))) return true;
  if (identifiers.some((identifier) => model.loadedModules.has(identifier))) return true;
  // A module we know nothing about may have this source file name.
  const foreign = [...model.loadedModules.keys()].some((identifier) => !modules.byIdentifier(identifier));
  if (foreign && name.endsWith('.c')) return 'unknown';
  // Without the main configuration, a module Debian ships may be loaded there.
  return fact && !model.modulesKnown ? 'unknown' : false;
}

/** The name LogLevel would find, for a misspelling such as mod_ssl, mod_ssl.so or SSL. */
export function logLevelModuleSuggestion(name: string): string | undefined {
  const base = name.replace(/\.(so|c)$/, '').replace(/^mod_/, '').replace(/_module$/, '').toLowerCase();
  const fact = defaultModuleIndex()
    .all()
    .find((candidate) => candidate.identifier.toLowerCase() === `${base}_module` || candidate.debianName === base);
  return fact?.identifier.replace(/_module$/, '');
}
