// For rules that name the modules a line needs in `data.modules`
// (mod/scheme-module-missing, mod/socache-module-missing): LoadModule lines
// for them, written as the unknown-directive fix writes them.
import { addLoadModules } from './loadModule';
import type { QuickFix } from './types';

export function loadNamedModulesFix(code: string): QuickFix {
  return {
    code,
    fix(diagnostic, context) {
      const modules = (diagnostic.data as { modules?: { identifier: string; file: string }[] } | undefined)?.modules ?? [];
      const action = addLoadModules(diagnostic, modules, context);
      return action ? [action] : [];
    },
  };
}
