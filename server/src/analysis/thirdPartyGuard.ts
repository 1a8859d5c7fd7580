// Apache reads the body of <IfModule NAME> only while NAME is loaded. When
// NAME is no module of Apache's build, nor one Apache builds only for another
// platform, it is a third-party module (mod_php.c, mod_wsgi.c), whose
// directives we cannot know: php_value in <IfModule mod_php.c> is read only
// where mod_php defines it.
import { isMatchableModuleName } from '../config/evaluateCondition';
import type { ModuleIndex } from '../knowledge/moduleIndex';
import { isOtherPlatformModule } from '../knowledge/otherPlatformModules';
import type { Node } from '../parser/ast';

/** The third-party module an enclosing `<IfModule>` requires, if one does. */
export function thirdPartyGuard(node: Node, modules: ModuleIndex): string | undefined {
  for (let at = node.parent; at.kind === 'section'; at = at.parent) {
    if (at.name.toLowerCase() !== 'ifmodule') continue;
    const name = at.args[0]?.value ?? '';
    if (!name.startsWith('!') && isMatchableModuleName(name) && !modules.byIdentifier(name) && !modules.bySourceName(name) && !isOtherPlatformModule(name)) return name;
  }
  return undefined;
}
