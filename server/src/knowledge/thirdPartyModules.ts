// Common modules Apache does not ship, and the directive names each defines,
// so an unknown name can be laid at its module's door. Names are as
// `apache2 -L` lists them with the Debian 12 (bookworm) package's module
// loaded: libapache2-mod-php8.2 8.2.36, -perl2 2.0.12, -python 3.5.0,
// -wsgi-py3 4.9.4, -fcgid 2.3.9, -jk 1.2.48, -passenger 6.0.17, -rpaf 0.6,
// -xsendfile 0.12, -auth-gssapi 1.6.4, -evasive 1.10.1. mod_security2 2.9.7,
// mod_auth_mellon 0.18.1, mod_auth_openidc 2.4.12, mod_shib 3.4.1 and mod_qos
// 11.63 do not load on this machine (missing libraries): their names come
// from the strings of their Debian .so. A family that shares a prefix is
// written as the prefix, so later versions' additions still match; other
// names are listed whole. Identifiers are LoadModule's first word as the
// packages' .load files write it (PHP 7 and 5 named theirs php7_module and
// php5_module, in PHP's sapi/apache2handler).
export interface ThirdPartyModule {
  /** How the module is known to admins: "mod_wsgi". */
  name: string;
  /** LoadModule identifiers any of which loads it. */
  identifiers: readonly string[];
  /** Lower-case starts of its directive names ("<" for a section). */
  prefixes: readonly string[];
  /** Lower-case names outside those prefixes. */
  names: readonly string[];
  /** The Debian package that ships it. */
  debianPackage: string;
}

export const THIRD_PARTY_MODULES: readonly ThirdPartyModule[] = [
  {
    name: 'mod_php',
    identifiers: ['php_module', 'php7_module', 'php5_module'],
    prefixes: [],
    names: ['php_value', 'php_flag', 'php_admin_value', 'php_admin_flag', 'phpinidir'],
    debianPackage: 'libapache2-mod-php',
  },
  { name: 'mod_perl', identifiers: ['perl_module'], prefixes: ['perl', '<perl'], names: ['=pod', '=cut', '=back', '__end__'], debianPackage: 'libapache2-mod-perl2' },
  { name: 'mod_python', identifiers: ['python_module'], prefixes: ['python'], names: [], debianPackage: 'libapache2-mod-python' },
  { name: 'mod_wsgi', identifiers: ['wsgi_module'], prefixes: ['wsgi'], names: [], debianPackage: 'libapache2-mod-wsgi-py3' },
  {
    name: 'mod_fcgid',
    identifiers: ['fcgid_module'],
    prefixes: ['fcgid'],
    // mod_fcgid 2.2's names, which 2.3 still accepts.
    names: [
      'busyscaninterval', 'busytimeout', 'defaultinitenv', 'defaultmaxclassprocesscount', 'defaultminclassprocesscount',
      'errorscaninterval', 'fastcgiaccesschecker', 'fastcgiaccesscheckerauthoritative', 'fastcgiauthenticator',
      'fastcgiauthenticatorauthoritative', 'fastcgiauthorizer', 'fastcgiauthorizerauthoritative', 'fcgiwrapper',
      'ipccommtimeout', 'ipcconnecttimeout', 'idlescaninterval', 'idletimeout', 'maxprocesscount', 'maxrequestinmem',
      'maxrequestlen', 'maxrequestsperprocess', 'outputbuffersize', 'php_fix_pathinfo_enable', 'passheader',
      'processlifetime', 'sharemempath', 'socketpath', 'spawnscore', 'spawnscoreuplimit', 'terminationscore',
      'timescore', 'zombiescaninterval',
    ],
    debianPackage: 'libapache2-mod-fcgid',
  },
  { name: 'mod_jk', identifiers: ['jk_module'], prefixes: ['jk'], names: [], debianPackage: 'libapache2-mod-jk' },
  { name: 'Passenger', identifiers: ['passenger_module'], prefixes: ['passenger', 'rails', 'rack', 'unionstation'], names: [], debianPackage: 'libapache2-mod-passenger' },
  { name: 'mod_rpaf', identifiers: ['rpaf_module'], prefixes: ['rpaf'], names: [], debianPackage: 'libapache2-mod-rpaf' },
  { name: 'mod_xsendfile', identifiers: ['xsendfile_module'], prefixes: ['xsendfile'], names: [], debianPackage: 'libapache2-mod-xsendfile' },
  { name: 'mod_auth_gssapi', identifiers: ['auth_gssapi_module'], prefixes: ['gssapi'], names: [], debianPackage: 'libapache2-mod-auth-gssapi' },
  { name: 'mod_evasive', identifiers: ['evasive20_module', 'evasive_module'], prefixes: ['dos'], names: [], debianPackage: 'libapache2-mod-evasive' },
  { name: 'mod_security2', identifiers: ['security2_module'], prefixes: ['sec'], names: [], debianPackage: 'libapache2-mod-security2' },
  { name: 'mod_auth_mellon', identifiers: ['auth_mellon_module'], prefixes: ['mellon'], names: [], debianPackage: 'libapache2-mod-auth-mellon' },
  { name: 'mod_auth_openidc', identifiers: ['auth_openidc_module'], prefixes: ['oidc'], names: [], debianPackage: 'libapache2-mod-auth-openidc' },
  { name: 'mod_shib', identifiers: ['mod_shib'], prefixes: ['shib'], names: [], debianPackage: 'libapache2-mod-shib' },
  { name: 'mod_qos', identifiers: ['qos_module'], prefixes: ['qs_'], names: [], debianPackage: 'libapache2-mod-qos' },
];

const byIdentifier = new Map(THIRD_PARTY_MODULES.flatMap((module) => module.identifiers.map((identifier) => [identifier, module] as const)));

/** The modules of the table that define a directive (or `<Section`), by name without case. */
export function thirdPartyOwners(name: string): ThirdPartyModule[] {
  const lower = name.toLowerCase();
  return THIRD_PARTY_MODULES.filter((module) => module.names.includes(lower) || module.prefixes.some((prefix) => lower.startsWith(prefix)));
}

/** The module of the table a LoadModule identifier loads. */
export function thirdPartyModuleOf(identifier: string): ThirdPartyModule | undefined {
  return byIdentifier.get(identifier);
}
