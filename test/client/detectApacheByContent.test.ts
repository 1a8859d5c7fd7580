// Content and file-name detection of Apache configs, without VS Code:
// the client's decision to switch a document to `apacheconf`, the content
// heuristic behind it, and the file-name list shared with package.json.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApacheContentDetector, shouldSwitchToApache } from '../../client/src/detectApacheByContent';
import { isApacheConfigName, looksLikeApacheConfig } from '../../server/src/config/looksLikeApacheConfig';

const VHOST = '<VirtualHost *:80>\n    ServerName example.test\n</VirtualHost>\n';

const NGINX = [
  'user www-data;',
  'worker_processes auto;',
  'pid /run/nginx.pid;',
  'include /etc/nginx/modules-enabled/*.conf;',
  '',
  'events {',
  '    worker_connections 768;',
  '}',
  'http {',
  '    include /etc/nginx/mime.types;',
  '    server {',
  '        listen 80;',
  '        server_name example.test;',
  '        location /x { proxy_pass http://127.0.0.1:8080; }',
  '    }',
  '}',
  '',
].join('\n');

// ---------------------------------------------------------------- shouldSwitchToApache

test('shouldSwitchToApache: a plaintext document with Apache content is switched', () => {
  assert.equal(shouldSwitchToApache('plaintext', '/home/me/notes.txt', VHOST, true), true);
  assert.equal(shouldSwitchToApache('plaintext', 'Untitled-1', VHOST, true), true);
});

test('shouldSwitchToApache: nothing is switched when apacheSsl.detectByContent is off', () => {
  assert.equal(shouldSwitchToApache('plaintext', '/srv/site.conf', VHOST, false), false);
  assert.equal(shouldSwitchToApache('properties', '/srv/site.conf', VHOST, false), false);
});

test('shouldSwitchToApache: a document that already is apacheconf is left alone', () => {
  assert.equal(shouldSwitchToApache('apacheconf', '/srv/site.conf', VHOST, true), false);
});

test('shouldSwitchToApache: a .conf file VS Code gave another language is switched', () => {
  // VS Code's built-in `properties` language claims *.conf.
  assert.equal(shouldSwitchToApache('properties', '/srv/app/site.conf', VHOST, true), true);
  assert.equal(shouldSwitchToApache('ini', 'C:\\srv\\app\\SITE.CONF', VHOST, true), true);
});

test('shouldSwitchToApache: other languages are left alone when the name does not end in .conf', () => {
  assert.equal(shouldSwitchToApache('properties', '/srv/app/site.properties', VHOST, true), false);
  assert.equal(shouldSwitchToApache('xml', '/srv/app/site.xml', VHOST, true), false);
  assert.equal(shouldSwitchToApache('markdown', '/srv/README.md', VHOST, true), false);
  assert.equal(shouldSwitchToApache('shellscript', '/srv/site.conf.sh', VHOST, true), false);
});

test('shouldSwitchToApache: non-Apache content is not switched', () => {
  assert.equal(shouldSwitchToApache('plaintext', '/etc/nginx/nginx.conf', NGINX, true), false);
  assert.equal(shouldSwitchToApache('properties', '/etc/nginx/nginx.conf', NGINX, true), false);
  assert.equal(shouldSwitchToApache('plaintext', '/tmp/empty.txt', '', true), false);
});

// ---------------------------------------------------------------- ApacheContentDetector

test('ApacheContentDetector: switches a document once, then respects the user switching it back', () => {
  const detector = new ApacheContentDetector();
  const uri = 'file:///srv/app/site.conf';
  assert.equal(detector.decide(uri, 'properties', '/srv/app/site.conf', VHOST, true), true);
  // VS Code reports the switch as close + open with the new language.
  assert.equal(detector.decide(uri, 'apacheconf', '/srv/app/site.conf', VHOST, true), false);
  // The user picks Plain Text from the language picker: close + open again.
  assert.equal(detector.decide(uri, 'plaintext', '/srv/app/site.conf', VHOST, true), false);
  // Another document is still detected.
  assert.equal(detector.decide('file:///srv/app/other.conf', 'properties', '/srv/app/other.conf', VHOST, true), true);
});

test('ApacheContentDetector: a file recognised by name and switched to plain text by the user stays plain text', () => {
  const detector = new ApacheContentDetector();
  const uri = 'file:///etc/apache2/apache2.conf';
  assert.equal(detector.decide(uri, 'apacheconf', '/etc/apache2/apache2.conf', VHOST, true), false);
  assert.equal(detector.decide(uri, 'plaintext', '/etc/apache2/apache2.conf', VHOST, true), false);
});

test('ApacheContentDetector: remembers apacheconf documents even while detection is disabled', () => {
  const detector = new ApacheContentDetector();
  const uri = 'file:///srv/site.conf';
  assert.equal(detector.decide(uri, 'plaintext', '/srv/site.conf', VHOST, false), false);
  assert.equal(detector.decide(uri, 'plaintext', '/srv/site.conf', VHOST, true), true);
  assert.equal(detector.decide(uri, 'apacheconf', '/srv/site.conf', VHOST, false), false);
  assert.equal(detector.decide(uri, 'plaintext', '/srv/site.conf', VHOST, true), false);
});

// ---------------------------------------------------------------- looksLikeApacheConfig

test('looksLikeApacheConfig: recognises sections and Apache-only directives', () => {
  const apache = [
    VHOST,
    '</VirtualHost>\n',
    '<IfModule mod_ssl.c>\n</IfModule>\n',
    '<Directory />\n    AllowOverride None\n</Directory>\n',
    '<Location /x>\n',
    '<If "%{HTTPS} == \'on\'">\n</If>\n',
    '<virtualhost *:443>\n', // section names are case-insensitive in Apache
    'LoadModule ssl_module modules/mod_ssl.so\n',
    'ServerName www.example.test\n',
    'DocumentRoot "/var/www/html"\n',
    'SSLEngine on\n',
    'SSLCertificateFile /etc/ssl/certs/site.pem\n',
    'ProxyPass /app http://127.0.0.1:8080/\n',
    'IncludeOptional sites-enabled/*.conf\n',
    'RewriteEngine On\nRewriteRule ^ - [F]\n',
    'RequestHeader set X-Forwarded-Proto https\n',
    'ErrorLog ${APACHE_LOG_DIR}/error.log\n',
  ];
  for (const text of apache) assert.equal(looksLikeApacheConfig(text), true, JSON.stringify(text));
});

test('looksLikeApacheConfig: generic directive names need a second one to count', () => {
  assert.equal(looksLikeApacheConfig('Options -Indexes\n'), false);
  assert.equal(looksLikeApacheConfig('Listen 80\n'), false);
  assert.equal(looksLikeApacheConfig('Options -Indexes\nRequire all denied\n'), true);
  assert.equal(looksLikeApacheConfig('Listen 80\n<IfModule ssl_module>\n    Listen 443\n</IfModule>\n'), true);
  assert.equal(looksLikeApacheConfig('Listen 80\nListen 443\n'), true);
  assert.equal(looksLikeApacheConfig('Header always set X-Frame-Options DENY\nAlias /static /srv/static\n'), true);
});

test('looksLikeApacheConfig: looks past comments, blank lines, indentation and CRLF', () => {
  const licence = Array.from({ length: 200 }, (_, i) => `# licence line ${i}`).join('\n');
  assert.equal(looksLikeApacheConfig(`${licence}\n\n${VHOST}`), true);
  assert.equal(looksLikeApacheConfig('\r\n# comment\r\n\r\n    <VirtualHost *:80>\r\n    </VirtualHost>\r\n'), true);
  assert.equal(looksLikeApacheConfig('\tServerName example.test'), true); // no final newline
});

test('looksLikeApacheConfig: gives up after 60 meaningful lines', () => {
  const filler = Array.from({ length: 60 }, (_, i) => `key${i}=value`).join('\n');
  assert.equal(looksLikeApacheConfig(`${filler}\n${VHOST}`), false);
  const shorter = Array.from({ length: 59 }, (_, i) => `key${i}=value`).join('\n');
  assert.equal(looksLikeApacheConfig(`${shorter}\n${VHOST}`), true);
});

test('looksLikeApacheConfig: rejects other .conf formats', () => {
  const others: Record<string, string> = {
    empty: '',
    'only comments': '# <VirtualHost *:80>\n# ServerName example.test\n',
    'nginx.conf': NGINX,
    'nginx with canonical spelling': 'Include /etc/nginx/conf.d/*.conf;\nServerName x;\nserver {\n',
    'resolv.conf': 'nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch example.test\n',
    'modprobe.d': 'options snd_hda_intel power_save=1\nalias char-major-10-175 agpgart\ninclude /etc/modprobe.d/x.conf\n',
    'ssh_config.d': 'Include ~/.ssh/config.d/*\nHost *\n    ServerAliveInterval 60\n',
    'smb.conf': '[global]\n   workgroup = WORKGROUP\n   include = /etc/samba/shares.conf\n   Include = /etc/samba/more.conf\n',
    'systemd unit drop-in': '[Service]\nEnvironment=FOO=1\nExecStart=/usr/bin/true\n',
    'fontconfig XML': '<?xml version="1.0"?>\n<fontconfig>\n  <include ignore_missing="yes">conf.d</include>\n  <alias><family>serif</family></alias>\n</fontconfig>\n',
    'dbus XML': '<busconfig>\n  <policy context="default">\n    <limit name="max_incoming_bytes">1000</limit>\n  </policy>\n</busconfig>\n',
    'a directive name without argument': 'ServerName\n',
    'a directive name as key': 'ServerName = example.test\nDocumentRoot=/srv\n',
    prose: 'Include the ServerName in the request.\n',
  };
  for (const [name, text] of Object.entries(others)) assert.equal(looksLikeApacheConfig(text), false, name);
});

// ---------------------------------------------------------------- isApacheConfigName

test('isApacheConfigName: the well-known file names and Debian/RHEL include folders', () => {
  for (const path of [
    '/etc/apache2/apache2.conf',
    '/etc/httpd/conf/httpd.conf',
    '/usr/local/etc/apache24/httpd.conf',
    '/etc/apache2/ports.conf',
    '/var/www/html/.htaccess',
    '/etc/apache2/sites-available/000-default.conf',
    '/etc/apache2/sites-available/default', // any name in sites-*
    '/etc/apache2/sites-enabled/default-ssl.conf',
    '/etc/apache2/conf-available/security.conf',
    '/etc/apache2/conf-enabled/charset.conf',
    '/etc/apache2/mods-available/ssl.conf',
    '/etc/apache2/mods-enabled/ssl.conf',
    '/etc/httpd/conf.d/ssl.conf',
    '/etc/httpd/conf.modules.d/00-base.conf',
    'sites-enabled/site.conf', // relative, as `**/` also matches no folder at all
    'C:\\Apache24\\conf\\httpd.conf',
    'C:\\Apache24\\conf\\sites-available\\site.conf',
    '/etc/httpd/conf/HTTPD.CONF', // VS Code matches file names case-insensitively
  ]) {
    assert.equal(isApacheConfigName(path), true, path);
  }
});

test('isApacheConfigName: other files are not Apache configs by name', () => {
  for (const path of [
    '/etc/nginx/nginx.conf',
    '/etc/foo.conf',
    '/etc/apache2/envvars',
    '/etc/apache2/mods-available/ssl.load', // only *.conf there
    '/etc/httpd/conf.d/README',
    '/etc/apache2/sites-available/archive/old.conf', // `*` does not cross folders
    '/etc/apache2/apache2.conf.dpkg-old',
    '/etc/myhttpd.conf',
    '/srv/not-sites-available/site.conf',
    '/srv/htaccess',
  ]) {
    assert.equal(isApacheConfigName(path), false, path);
  }
});

// ---------------------------------------------------------------- package.json agreement

interface LanguageContribution {
  id: string;
  filenames?: string[];
  filenamePatterns?: string[];
}

const root = join(__dirname, '..', '..');
const language = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { languages: LanguageContribution[] };
}).contributes.languages[0];

/** VS Code's matching of `filenamePatterns` (`**` / `*` globs, case-insensitive, on the whole path). */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (glob[i] === '*') {
      source += '[^/]*';
    } else {
      source += glob[i].replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'i');
}

function matchesContribution(path: string): boolean {
  const normalized = path.replace(/\\/g, '/');
  const base = normalized.slice(normalized.lastIndexOf('/') + 1).toLowerCase();
  return (language.filenames ?? []).some((name) => name.toLowerCase() === base) ||
    (language.filenamePatterns ?? []).some((pattern) => globToRegExp(pattern).test(normalized));
}

/** A path that `pattern` matches: `**` becomes a folder, `*` a file-name stem. */
function samplePath(pattern: string): string {
  return pattern.replace(/^\*\*\//, '/etc/apache2/').replace(/\*/g, 'example');
}

test('package.json: contributes.languages[0] is apacheconf with file names and patterns', () => {
  assert.equal(language.id, 'apacheconf');
  assert.ok((language.filenames ?? []).length > 0, 'no filenames');
  assert.ok((language.filenamePatterns ?? []).length > 0, 'no filenamePatterns');
});

test('package.json: every contributed file name is recognised by isApacheConfigName', () => {
  for (const name of language.filenames ?? []) {
    for (const path of [`/etc/apache2/${name}`, `/srv/project/${name}`, `C:\\Apache24\\conf\\${name}`]) {
      assert.equal(isApacheConfigName(path), true, `${name}: ${path}`);
    }
  }
});

test('package.json: every contributed file name pattern is recognised by isApacheConfigName', () => {
  for (const pattern of language.filenamePatterns ?? []) {
    const path = samplePath(pattern);
    assert.ok(globToRegExp(pattern).test(path), `sample ${path} does not match ${pattern}`);
    assert.equal(isApacheConfigName(path), true, `${pattern}: ${path}`);
  }
});

test('package.json and isApacheConfigName agree on sample paths, both ways', () => {
  const paths = [
    ...(language.filenames ?? []).map((name) => `/opt/x/${name}`),
    ...(language.filenamePatterns ?? []).map(samplePath),
    ...(language.filenamePatterns ?? []).map((pattern) => samplePath(pattern).replace(/\.conf$/, '.load')),
    ...(language.filenamePatterns ?? []).map((pattern) => samplePath(pattern).replace(/\/([^/]+)$/, '/nested/$1')),
    '/etc/nginx/nginx.conf',
    '/etc/foo.conf',
    '/etc/apache2/envvars',
    '/etc/apache2/apache2.conf.bak',
    '/srv/my-sites-available/x.conf',
  ];
  for (const path of paths) {
    assert.equal(isApacheConfigName(path), matchesContribution(path), path);
  }
  for (const path of ['/etc/nginx/nginx.conf', '/etc/foo.conf']) {
    assert.equal(isApacheConfigName(path), false, path);
    assert.equal(matchesContribution(path), false, path);
  }
});
