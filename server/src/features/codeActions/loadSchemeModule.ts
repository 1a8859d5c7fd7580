// mod/scheme-module-missing: LoadModule lines for the modules the backend's
// scheme needs, written as the unknown-directive fix writes them.
import { addLoadModules } from './loadModule';
import type { QuickFix } from './types';

export const loadSchemeModuleFix: QuickFix = {
  code: 'mod/scheme-module-missing',
  fix(diagnostic, context) {
    const modules = (diagnostic.data as { modules?: { identifier: string; file: string }[] } | undefined)?.modules ?? [];
    const action = addLoadModules(diagnostic, modules, context);
    return action ? [action] : [];
  },
};
