// Which loadable module a directive needs, and how this configuration would
// load it: Debian trees enable modules with a2enmod, others take a LoadModule.
import { posix } from 'node:path';
import type { ConfigModel, ModuleLoad } from '../config/buildConfigModel';
import type { DirectiveIndex } from '../knowledge/directiveIndex';
import { defaultModuleIndex, type ModuleFact, type ModuleIndex } from '../knowledge/moduleIndex';

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

/**
 * "comes from mod_x, which this configuration does not load: run `a2enmod x`."
 * for a module the configuration lacks (missingModule), as the rules that name
 * a provider or filter end their message.
 */
export function comesFromUnloaded(missing: { identifier: string; fact?: ModuleFact }, model: ConfigModel): string {
  const source = missing.fact?.sourceName.replace(/\.c$/, '') ?? missing.identifier;
  return `comes from ${source}, which this configuration does not load${missing.fact ? `: ${howToLoad(missing.fact, model)}` : ''}.`;
}

/** The instruction that makes a module available in this configuration. */
export function howToLoad(module: ModuleFact, model: ConfigModel): string {
  if (module.debianName && isDebianLayout(model)) return `run \`a2enmod ${module.debianName}\``;
  return `add \`${loadModuleLine(module.identifier, module.file ?? `mod_${module.identifier.replace(/_module$/, '')}.so`, model)}\``;
}

/** The tree's last LoadModule of one of Apache's own modules: third-party modules often live in a folder of their own. */
function lastApacheModuleLoad(model: ConfigModel, modules: ModuleIndex): ModuleLoad | undefined {
  return [...model.loadedModules.values()].filter((load) => modules.byIdentifier(load.identifier)).pop();
}

/** Where a LoadModule line for one of Apache's modules goes: after the last such line, else after the tree's last LoadModule. */
export function moduleLoadAnchor(model: ConfigModel, modules: ModuleIndex = defaultModuleIndex()): ModuleLoad | undefined {
  return lastApacheModuleLoad(model, modules) ?? [...model.loadedModules.values()].pop();
}

/**
 * A LoadModule line for one of Apache's modules, its .so in the folder the
 * tree loads Apache's modules from; without one, Debian's module folder in a
 * Debian layout, else ServerRoot's modules/ as httpd.conf has it.
 */
export function loadModuleLine(identifier: string, moduleFile: string, model: ConfigModel, modules: ModuleIndex = defaultModuleIndex()): string {
  const own = lastApacheModuleLoad(model, modules);
  const folder = own ? posix.dirname(own.node.args[1]?.value ?? own.file) : isDebianLayout(model) || model.serverRoot === DEBIAN_SERVER_ROOT ? DEBIAN_MODULES : 'modules';
  return `LoadModule ${identifier} ${folder === '.' ? moduleFile : `${folder}/${moduleFile}`}`;
}

// Where Debian's apache2 package keeps its configuration and installs Apache's modules.
const DEBIAN_SERVER_ROOT = '/etc/apache2';
const DEBIAN_MODULES = '/usr/lib/apache2/modules';
