// The fixes for the mod_proxy and mod_ssl dependency rules, one file each.
import { addProxyPassReverseFix } from './addProxyPassReverse';
import { addSslProxyEngineFix } from './addSslProxyEngine';
import { loadNamedModulesFix } from './loadNamedModules';
import { trailingSlashFix } from './trailingSlash';
import { unsetRequestHeaderFix } from './unsetRequestHeader';
import type { QuickFix } from './types';

export const PROXY_FIXES: readonly QuickFix[] = [addSslProxyEngineFix, addProxyPassReverseFix, trailingSlashFix, unsetRequestHeaderFix, loadNamedModulesFix('mod/scheme-module-missing')];
