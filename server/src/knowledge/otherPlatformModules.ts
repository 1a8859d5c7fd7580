// Modules that Apache httpd 2.4 builds only for other platforms: the Windows,
// NetWare and OS/2 MPMs and their companion modules, and mod_privileges, which
// needs Solaris. Apache's own sample configuration tests for them (its
// httpd-mpm.conf has <IfModule mpm_winnt_module>), and no third-party module
// takes these names, so a build for this platform never has them loaded,
// whichever third-party modules are loaded. Each name is the module's
// identifier and its source file name, as declared in httpd's 2.4.x sources
// (server/mpm/*, modules/arch/*).
export const OTHER_PLATFORM_MODULES: ReadonlySet<string> = new Set([
  'mpm_winnt_module',
  'mpm_winnt.c',
  'mpm_netware_module',
  'mpm_netware.c',
  'mpm_mpmt_os2_module',
  'mpmt_os2.c',
  'isapi_module',
  'mod_isapi.c',
  'win32_module',
  'mod_win32.c',
  'netware_module',
  'mod_netware.c',
  'nwssl_module',
  'mod_nw_ssl.c',
  'privileges_module',
  'mod_privileges.c',
]);

/** Whether `<IfModule name>` names a module Apache builds only for another platform. */
export function isOtherPlatformModule(name: string): boolean {
  return OTHER_PLATFORM_MODULES.has(name);
}
