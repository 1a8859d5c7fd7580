// Which loadable module a directive needs, and how this configuration would
// load it: Debian trees enable modules with a2enmod, others take a LoadModule.
import { posix } from 'node:path';
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
  return `add \`${loadModuleLine(module.identifier, module.file ?? `mod_${module.identifier.replace(/_module$/, '')}.so`, model)}\``;
}

/** A LoadModule line written like the tree's last one: its .so in the same folder (Apache's modules/ when there is none). */
export function loadModuleLine(identifier: string, moduleFile: string, model: ConfigModel): string {
  const last = [...model.loadedModules.values()].pop();
  const folder = last ? posix.dirname(last.node.args[1]?.value ?? last.file) : 'modules';
  return `LoadModule ${identifier} ${folder === '.' ? moduleFile : `${folder}/${moduleFile}`}`;
}
