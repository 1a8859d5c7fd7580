// Which loadable module a directive needs, and how this configuration would
// load it: Debian trees enable modules with a2enmod, others take a LoadModule.
import type { ConfigModel } from '../config/buildConfigModel';
import type { DirectiveIndex } from '../knowledge/directiveIndex';
import type { ModuleFact, ModuleIndex } from '../knowledge/moduleIndex';

/** The module to load for a directive, when no module that defines it is compiled in. */
export function moduleToLoad(name: string, directives: DirectiveIndex, modules: ModuleIndex): ModuleFact | undefined {
  const facts = directives.modulesOf(name).map((module) => modules.forDirectiveModule(module));
  if (facts.length === 0 || facts.some((fact) => fact?.compiledIn)) return undefined;
  return facts.find((fact) => fact !== undefined);
}

/** True when modules are enabled Debian's way (an Include of mods-enabled). */
export function isDebianLayout(model: ConfigModel): boolean {
  return model.includes.some((site) => /(^|\/)mods-enabled\//.test(site.pattern));
}

/** The instruction that makes a module available in this configuration. */
export function howToLoad(module: ModuleFact, model: ConfigModel): string {
  if (module.debianName && isDebianLayout(model)) return `run \`a2enmod ${module.debianName}\``;
  return `add \`LoadModule ${module.identifier} modules/${module.file ?? `mod_${module.identifier.replace(/_module$/, '')}.so`}\``;
}
