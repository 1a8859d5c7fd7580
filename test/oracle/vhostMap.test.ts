// The virtual host map against the real `apache2 -S`: trees written to a
// throw-away ServerRoot (hand-picked cases and generated variations), read by our model and by Apache, must give
// the same address sets, in the same order, with the same default, names,
// aliases, files and lines.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { nodeFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { assertSameVhostMap } from '../support/compareVhostMaps';
import { writeTree } from '../support/tempTree';

// What apache2 needs to run -S: an MPM, a ServerName (else it asks DNS for one), and an ErrorLog it never opens.
// PidFile, Mutex and DefaultRuntimeDir are not needed: -S stops before anything is created.
const PRELUDE = 'LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\nErrorLog /dev/null\n';

type Tree = Record<string, string>;

/** Writes the tree under a new ServerRoot and compares the two maps of `main.conf`. */
async function assertSameMap(tree: Tree): Promise<void> {
  const root = writeTree(tree, 'apache-ssl-vhosts-');
  try {
    await compareWithApache(root, join(root, 'main.conf'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function compareWithApache(root: string, main: string): Promise<void> {
  await assertSameVhostMap(buildConfigModel(main, { sources: new SourceCache(nodeFileSystem), serverRoot: root }), root, main);
}

const vhost = (addresses: string, ...body: string[]): string => [`<VirtualHost ${addresses}>`, ...body.map((line) => `    ${line}`), '</VirtualHost>'].join('\n');

test('apache2 -S agrees: name-based virtual hosts on one port', async () => {
  await assertSameMap({
    'main.conf': [
      PRELUDE + 'ServerName main.test',
      'Listen 80',
      vhost('*:80', 'ServerName a.test', 'ServerAlias www.a.test *.a.test'),
      vhost('*:80', 'ServerName B.test', 'ServerAlias b.example'),
      vhost('*:80', 'ServerName a.test'),
      vhost('_default_:80', 'ServerName d.test:8080'),
    ].join('\n'),
  });
});

test('apache2 -S agrees: several ports, a virtual host on two of them, any port', async () => {
  await assertSameMap({
    'main.conf': [
      PRELUDE + 'ServerName main.test',
      vhost('*:80', 'ServerName a.test'),
      vhost('*:80 *:443', 'ServerName both.test', 'ServerAlias www.both.test'),
      vhost('*:443', 'ServerName tls.test'),
      vhost('*:8080', 'ServerName alt.test'),
      vhost('*', 'ServerName anyport.test'),
      vhost('*:*', 'ServerName anyport2.test'),
      vhost('[::]:443 0.0.0.0:8080', 'ServerName wild.test'),
      vhost('*:80 *:80', 'ServerName twice.test'),
    ].join('\n'),
  });
});

test('apache2 -S agrees: IP-based virtual hosts, IPv6, and the main server port', async () => {
  await assertSameMap({
    'main.conf': [
      PRELUDE + 'ServerName main.test',
      vhost('127.0.0.1:80', 'ServerName one.test'),
      vhost('127.0.0.2:80', 'ServerName two.test'),
      vhost('127.0.0.1:80', 'ServerName one-b.test'),
      vhost('[::1]:443', 'ServerName v6.test'),
      vhost('[0:0::1]:443', 'ServerName v6-b.test'),
      vhost('127.0.0.1', 'ServerName noport.test'),
      'ServerName main.test:8080',
      vhost('127.0.0.1', 'ServerName mainport.test'),
      vhost('[::1] 127.0.0.3:*', 'ServerName mixed.test'),
      'ServerName main.test',
      vhost('127.0.0.1:8443', 'ServerName tls.test'),
    ].join('\n'),
  });
});

test('apache2 -S agrees: virtual hosts without ServerName', async () => {
  await assertSameMap({
    'main.conf': [
      PRELUDE + 'ServerName early.test',
      vhost('*:80', 'ServerAlias alias-only.test'),
      vhost('*:80', 'ServerName named.test'),
      vhost('127.0.0.1:8080'),
      vhost('127.0.0.2:8080'),
      vhost('[::1]:8080'),
      vhost('127.0.0.1:8081 *:8081'),
      'ServerName https://final.test:8443',
    ].join('\n'),
  });
});

test('apache2 -S agrees: includes by wildcard, nested includes, variables and conditionals', async () => {
  await assertSameMap({
    'main.conf': [
      PRELUDE + 'ServerName main.test',
      'Define TLS_PORT 8443',
      'IncludeOptional sites-enabled/*.conf',
      '<IfModule ssl_module>',
      vhost('*:443', 'ServerName never.test'),
      '</IfModule>',
      '<IfModule mpm_event_module>',
      vhost('*:${TLS_PORT}', 'Include names/shop.conf'),
      '</IfModule>',
      '<IfDefine !NOPE>',
      vhost('*:80', 'ServerName defined.test'),
      '</IfDefine>',
    ].join('\n'),
    'sites-enabled/b.conf': vhost('*:80', 'ServerName b.test') + '\n',
    'sites-enabled/a.conf': `# first by name\n\n${vhost('*:80', 'ServerName a.test', 'ServerAlias www.a.test')}\n${vhost('*:${TLS_PORT}', 'ServerName a-tls.test')}\n`,
    'sites-enabled/Z.conf': vhost('*:80', 'ServerName z.test') + '\n',
    'sites-enabled/not-a-site.txt': vhost('*:80', 'ServerName ignored.test') + '\n',
    'names/shop.conf': 'ServerName shop.test\nServerAlias www.shop.test *.shop.test\n',
  });
});

/** A small deterministic generator (mulberry32), so every run writes the same variations. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ADDRESSES = ['*:80', '*:443', '_default_:80', '0.0.0.0:443', '[::]:8080', '*', '127.0.0.1:80', '127.0.0.1', '127.0.0.2:8443', '[::1]:443', '[::1]', '127.0.0.1:*'];
const NAMES = ['a.test', 'b.test', 'c.test', 'A.test', 'shop.example'];

function variation(seed: number): Tree {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const files: string[][] = [[], [], []];
  const main = [PRELUDE + 'ServerName main.test', 'IncludeOptional sites/*.conf'];
  const count = 1 + Math.floor(next() * 8);
  for (let i = 0; i < count; i++) {
    const addresses = Array.from({ length: next() < 0.25 ? 2 : 1 }, () => pick(ADDRESSES)).join(' ');
    const body: string[] = [];
    if (next() < 0.8) body.push(`ServerName ${pick(NAMES)}`);
    if (next() < 0.4) body.push(`ServerAlias www.${pick(NAMES)}${next() < 0.5 ? ' *.example' : ''}`);
    const text = vhost(addresses, ...body);
    if (next() < 0.3) {
      main.push(next() < 0.3 ? `ServerName main.test:${pick([8080, 8443])}` : 'ServerName main.test', text);
    } else {
      files[Math.floor(next() * files.length)].push(text);
    }
  }
  const tree: Tree = { 'main.conf': main.join('\n') + '\n' };
  files.forEach((texts, index) => {
    if (texts.length > 0) tree[`sites/${index}.conf`] = texts.join('\n') + '\n';
  });
  return tree;
}

test('apache2 -S agrees on 30 generated variations', async () => {
  for (let seed = 1; seed <= 30; seed++) {
    const tree = variation(seed);
    await assertSameMap(tree).catch((error: Error) => {
      throw new Error(`variation ${seed}:\n${Object.entries(tree).map(([path, text]) => `--- ${path}\n${text}`).join('')}\n${error.message}`);
    });
  }
});
