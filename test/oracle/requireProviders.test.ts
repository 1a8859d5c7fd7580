// Require lines, and the lines that name authentication providers
// (AuthBasicProvider, AuthDigestProvider, AuthFormProvider,
// <AuthnProviderAlias>) or a DAV provider, through the real `apache2 -t`, with and without the
// modules that provide each name (test/support/oracleCases.ts). The fixtures (test/fixtures/directives/require-*.conf) prove one
// refusal each; this file covers many more.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { disagreementsWithApache, type OracleCase } from '../support/oracleCases';

const dir = (...lines: string[]) => `<Directory /srv/www>\n${lines.map((line) => `    ${line}\n`).join('')}</Directory>\n`;
const accepted = (...lines: string[]): OracleCase[] => lines.map((line) => ({ text: dir(line) }));
const refused = (rule: string, ...lines: string[]): OracleCase[] => lines.map((line) => ({ text: dir(line), rule }));
const CORE = ['authz_core_module'];
/** What Debian enables for authentication out of the box. */
const AUTHN_DEFAULTS = ['auth_basic_module', 'authn_core_module', 'authn_file_module', 'authz_core_module', 'authz_user_module'];

const CASES: OracleCase[] = [
  ...accepted(
    'Require all granted',
    'Require all DENIED',
    'Require all   granted   ',
    'Require ip 10.1 10. 10 172.16.',
    'Require ip 10.0.0.0/255.255.0.0 10.0.0.0/255.0.255.0 10.0.0.0/0.0.0.0 10.0.0.1/8 10.0.0.0/+8 10.0.0.0/08',
    'Require ip ::1 :: ::/128 fe80::/10 ::1.2.3.4 1:2:3:4:5:6:1.2.3.4 1:2:3:4:5:6:7:8::',
    'Require ip 1::2: 00001::1 010.0.0.1 0255.0.0.1 4294967296 1.2.3.4.',
    'Require ip "10.0.0.1" "10.0.0.0/ 8"',
    'Require ip 10.0.0.1 "" not-an-address',
    'Require method GET HEAD POST PUT DELETE CONNECT OPTIONS TRACE PATCH PROPFIND PROPPATCH MKCOL COPY MOVE LOCK UNLOCK',
    'Require method VERSION-CONTROL CHECKOUT UNCHECKOUT CHECKIN UPDATE LABEL REPORT MKWORKSPACE MKACTIVITY BASELINE-CONTROL MERGE',
    'Require method',
    'Require method "" FOO',
    'Require method "GET"',
    'Require ssl',
    'Require ssl   ',
    'Require ssl-verify-client',
    'Require local extra',
    'Require valid-user extra',
    'Require env',
    'Require file-group extra',
    'Require file-owner extra',
    'Require host',
    'Require host .example.com',
    'Require user alice bob',
    'Require user $1 % %% }',
    'Require group "Domain Admins"',
    'Require user %{REMOTE_ADDR} %{tolower:X}',
    'Require ldap-filter (&(objectClass=user)(!(x=y)))',
    'Require forward-dns %{tolower:%{HTTP_HOST}}',
  ),
  ...refused(
    'args/require-provider',
    'Require all maybe',
    'Require all granted extra',
    'Require all',
    'Require all "granted"',
    "Require all 'denied'",
    'Require all granted # comment',
    'Require ip 999.1.1.1',
    'Require ip 10.0.0.0/33',
    'Require ip 10.0.0.0/0',
    'Require ip 10.0.0.0/',
    'Require ip 10.0.0.0/0x8',
    'Require ip 10.0.0.0/255.255.255.256',
    'Require ip fe80::/129',
    'Require ip ::1/255.255.255.0',
    'Require ip 10.1/16',
    'Require ip ::ffff:10.0.0.1',
    'Require ip fe80::1%eth0',
    'Require ip [::1]',
    'Require ip 1:2',
    'Require ip 1234567890123456',
    'Require ip 4294967552',
    'Require ip foo',
    'Require ip 10.0.0.1 foo bar',
    'Require ip',
    'Require ip ""',
    'Require ip "" 10.0.0.1',
    'Require method FOO',
    'Require method get',
    'Require method GET get',
    'Require method PATCH PROPFIND BREW',
    'Require ssl extra',
    'Require ssl ""',
    'Require ssl-verify-client extra',
  ),
  { text: dir('<RequireAll>', '    Require all granted', '    Require not all maybe', '</RequireAll>'), rule: 'args/require-provider' },
  { text: dir('Require ip 999.1.1.1 \\', '    10.0.0.1'), rule: 'args/require-provider' },
  { text: `Define NETS "10.0.0.1 999.0.0.1"\n${dir('Require ip ${NETS}')}`, rule: 'args/require-provider' },
  { text: `Define ACCESS granted\n${dir('Require all ${ACCESS}')}` },
  ...refused(
    'expr/parse-error',
    'Require host %{foo',
    'Require forward-dns %{REMOTE_ADDR',
    'Require user %{FOO_BAR}',
    'Require group %{',
    'Require dbm-group %{nofunc:X}',
    'Require dbd-group %{nofunc:X}',
    'Require ldap-user %{REMOTE_USR}',
  ),
  ...refused('mod/unknown-authz-provider', 'Require bogus x', 'Require', 'Require not', 'Require SSL', 'Require constructor'),
  { text: dir('<RequireAll>', '    Require all granted', '    Require NOT all denied', '</RequireAll>') },
  // Registrations Apache has seen before the line.
  { text: `RegisterHttpMethod BREW\n${dir('Require method BREW')}` },
  { text: `${dir('Require method BREW')}RegisterHttpMethod BREW\n`, rule: 'args/require-provider' },
  { text: dir('<Limit BREW>', '    Require all granted', '</Limit>', 'Require method BREW') },
  { text: dir('<Limit GET>', '    Require method BREW', '</Limit>'), rule: 'args/require-provider' },
  { text: `<Directory /x>\n<LimitExcept brew>\nRequire all granted\n</LimitExcept>\n</Directory>\n${dir('Require method brew')}` },
  { text: dir('Script BREW /cgi-bin/x', 'Require method BREW') },
  { text: `<AuthzProviderAlias ldap-group ip cn=x>\n</AuthzProviderAlias>\n${dir('Require ip staff')}` },
  // Without the module that provides the name, only the lookup fails.
  ...['Require ip 999.1.1.1', 'Require ip', 'Require host %{foo', 'Require local extra', 'Require valid-user extra', 'Require ssl extra', 'Require user %{FOO_BAR}'].map(
    (line): OracleCase => ({ text: dir(line), rule: 'mod/unknown-authz-provider', modules: CORE }),
  ),
  { text: dir('Require all maybe'), rule: 'args/require-provider', modules: CORE },
  { text: dir('Require method FOO'), rule: 'args/require-provider', modules: CORE },
  { text: dir('Require ip 999.1.1.1'), rule: 'args/require-provider', modules: [...CORE, 'authz_host_module'] },
  { text: dir('Require all maybe'), rule: 'mod/unknown-directive', modules: [] },
  // Authentication providers: looked up, with case, as Apache reads each word.
  ...accepted(
    'AuthBasicProvider file dbm anon ldap socache dbd',
    'AuthDigestProvider file dbm dbd socache',
    'AuthFormProvider file ldap anon dbm',
  ),
  ...refused(
    'mod/unknown-authn-provider',
    'AuthBasicProvider bogus',
    'AuthBasicProvider File',
    'AuthBasicProvider file bogus',
    'AuthDigestProvider ldap',
    'AuthDigestProvider file anon',
    'AuthFormProvider nope',
  ),
  { text: dir('AuthBasicProvider file "" bogus') },
  { text: dir('AuthBasicProvider ""'), rule: 'args/count' },
  { text: dir('AuthBasicProvider file'), modules: AUTHN_DEFAULTS },
  { text: dir('AuthBasicProvider ldap'), rule: 'mod/unknown-authn-provider', modules: AUTHN_DEFAULTS },
  { text: dir('AuthBasicProvider file dbm'), rule: 'mod/unknown-authn-provider', modules: AUTHN_DEFAULTS },
  { text: dir('AuthDigestProvider file'), rule: 'mod/unknown-authn-provider', modules: [...AUTHN_DEFAULTS.filter((m) => m !== 'authn_file_module'), 'auth_digest_module'] },
  // Aliases are registered once their body is read, and serve Digest when their base provider does.
  { text: `<AuthnProviderAlias ldap staff>\n    AuthLDAPURL ldap://ldap.example.com/o=example\n</AuthnProviderAlias>\n${dir('AuthBasicProvider staff file')}` },
  { text: `<AuthnProviderAlias ldap staff>\n</AuthnProviderAlias>\n${dir('AuthDigestProvider staff')}`, rule: 'mod/unknown-authn-provider' },
  { text: `<AuthnProviderAlias file other-file>\n    AuthUserFile /etc/apache2/other.passwd\n</AuthnProviderAlias>\n${dir('AuthDigestProvider other-file')}` },
  { text: `${dir('AuthBasicProvider staff')}<AuthnProviderAlias ldap staff>\n</AuthnProviderAlias>\n`, rule: 'mod/unknown-authn-provider' },
  { text: `<AuthnProviderAlias bogus staff>\n</AuthnProviderAlias>\n`, rule: 'mod/unknown-authn-provider' },
  { text: `<AuthnProviderAlias ldap staff>\n</AuthnProviderAlias>\n`, rule: 'mod/unknown-authn-provider', modules: AUTHN_DEFAULTS },
  { text: `<AuthnProviderAlias file staff>\n</AuthnProviderAlias>\n${dir('AuthBasicProvider staff')}`, modules: AUTHN_DEFAULTS },
  // DAV On means mod_dav_fs's filesystem provider.
  { text: dir('DAV On'), rule: 'args/invalid-value', modules: ['dav_module'] },
  { text: dir('DAV filesystem'), rule: 'args/invalid-value', modules: ['dav_module'] },
  { text: dir('DAV On'), modules: ['dav_module', 'dav_fs_module'] },
  { text: dir('DAV Off'), modules: ['dav_module'] },
  // mod_authnz_fcgi's providers check passwords only.
  { text: `AuthnzFcgiDefineProvider authn fcgi-pw fcgi://127.0.0.1:9000/\n${dir('AuthBasicProvider fcgi-pw')}` },
  { text: `AuthnzFcgiDefineProvider authz fcgi-pw fcgi://127.0.0.1:9000/\n${dir('AuthBasicProvider fcgi-pw')}`, rule: 'mod/unknown-authn-provider' },
  { text: `AuthnzFcgiDefineProvider AUTHNZ fcgi-pw fcgi://127.0.0.1:9000/\n${dir('AuthDigestProvider fcgi-pw')}`, rule: 'mod/unknown-authn-provider' },
];

test('apache2 -t agrees with the Require and authentication provider checks, message for message, with and without the providing modules', () => {
  assert.deepEqual(disagreementsWithApache(CASES), []);
  console.log(`apache2 -t agreed on ${CASES.length} Require and provider cases (${CASES.filter((c) => c.rule).length} refused)`);
});
