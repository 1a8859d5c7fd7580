// The workspace's configuration trees: which file is the main one, which tree
// a file is checked in, and what a change makes it read again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigWorkspace, DEFAULT_MODEL_SETTINGS } from '../../server/src/config/configWorkspace';
import { memoryFileSystem, type FileSystem } from '../../server/src/config/fileSystem';
import { parseConfig } from '../../server/src/parser/parseConfig';

const MPM = 'LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n';

/** A memory file system that counts reads and stats, with an mtime the test can move and links it can make. */
function countingFileSystem(
  files: Record<string, string>,
  links: Record<string, string> = {},
): FileSystem & { reads: string[]; stats: string[]; touch(path: string, text: string): void } {
  const contents = { ...files };
  const mtimes = new Map<string, number>();
  const reads: string[] = [];
  const stats: string[] = [];
  let inner = memoryFileSystem(contents);
  return {
    reads,
    stats,
    touch(path, text) {
      contents[path] = text;
      mtimes.set(path, (mtimes.get(path) ?? 1) + 1);
      inner = memoryFileSystem(contents);
    },
    stat: (path) => {
      stats.push(path);
      const stat = inner.stat(path);
      return stat && { ...stat, mtimeMs: mtimes.get(path) ?? 1 };
    },
    readFile: (path) => {
      reads.push(path);
      return inner.readFile(path);
    },
    readBytes: (path) => {
      reads.push(path);
      return inner.readBytes(path);
    },
    readDirectory: (path) => inner.readDirectory(path),
    realPath: (path) => links[path] ?? inner.realPath(path),
  };
}

test('the main configuration is the setting, else the shallowest apache2.conf or httpd.conf of the workspace', () => {
  const fs = memoryFileSystem({ '/w/deep/er/httpd.conf': '', '/w/etc/apache2/apache2.conf': '', '/w/etc/httpd.conf': '', '/w/node_modules/apache2.conf': '' });
  const workspace = new ConfigWorkspace(fs, {});
  workspace.configure(DEFAULT_MODEL_SETTINGS, ['/w']);
  assert.equal(workspace.mainConfigPath(), '/w/etc/httpd.conf');
  workspace.configure({ ...DEFAULT_MODEL_SETTINGS, mainConfig: 'etc/apache2/apache2.conf' }, ['/w']);
  assert.equal(workspace.mainConfigPath(), '/w/etc/apache2/apache2.conf');
  workspace.configure(DEFAULT_MODEL_SETTINGS, []);
  assert.equal(workspace.mainConfigPath(), undefined);
});

test('a file of the tree is checked in it; a file outside it inherits its Defines and envvars, not its modules', () => {
  const fs = memoryFileSystem({
    '/etc/apache2/apache2.conf': `${MPM}LoadModule ssl_module modules/mod_ssl.so\nDefine ROOT /srv\nIncludeOptional sites-enabled/*.conf\n`,
    '/etc/apache2/envvars': 'export APACHE_LOG_DIR=/var/log/apache2$SUFFIX\nunset HOME\n',
    '/etc/apache2/sites-enabled/a.conf': 'ServerAdmin a@b.example\n',
    '/etc/apache2/sites-available/b.conf': 'SSLEngine on\nDocumentRoot ${ROOT}\nErrorLog ${APACHE_LOG_DIR}/b.log\nHeader set X 1\n',
  });
  const workspace = new ConfigWorkspace(fs, { HOME: '/root' });
  workspace.configure(DEFAULT_MODEL_SETTINGS, ['/etc/apache2']);
  const inTree = workspace.locate('/etc/apache2/sites-enabled/a.conf');
  assert.equal(inTree.model, workspace.mainTree());
  const lone = workspace.locate('/etc/apache2/sites-available/b.conf');
  assert.notEqual(lone.model, workspace.mainTree());
  // Enabling the file may enable its module too (a2enmod ssl loads ssl.load with ssl.conf).
  assert.equal(lone.model.modulesKnown, false);
  assert.equal(lone.model.definesKnown, true);
  assert.deepEqual(lone.model.problems, []);
  assert.equal(lone.model.isDirectiveAvailable('SSLEngine'), 'unknown');
  assert.deepEqual(
    lone.model.uses.map((use) => `${use.name}=${use.value}`),
    ['ROOT=/srv', 'APACHE_LOG_DIR=/var/log/apache2'],
  );
});

test('an edit is seen through the overlay; a change on disk is read again, and nothing else is', () => {
  const fs = countingFileSystem({
    '/t/httpd.conf': `${MPM}Include sites/*.conf\n`,
    '/t/sites/a.conf': 'Define A 1\n',
    '/t/sites/b.conf': 'ServerAdmin ${A}@x.example\n',
  });
  const workspace = new ConfigWorkspace(fs, {});
  workspace.configure({ ...DEFAULT_MODEL_SETTINGS, mainConfig: '/t/httpd.conf' }, ['/t']);
  assert.deepEqual(workspace.mainTree()?.problems, []);
  assert.equal(fs.reads.length, 3);

  workspace.setDocument('/t/sites/a.conf', parseConfig('Define B 1\n'));
  assert.deepEqual(workspace.mainTree()?.problems.map((p) => p.rule), ['define/undefined-variable']);
  assert.equal(fs.reads.length, 3, 'the open file comes from the editor, the others from the cache');

  workspace.closeDocument('/t/sites/a.conf');
  fs.touch('/t/sites/b.conf', 'ServerAdmin ${A}${A}@x.example\n');
  workspace.fileChanged('/t/sites/b.conf');
  assert.deepEqual(workspace.mainTree()?.problems, []);
  assert.deepEqual(fs.reads.slice(3), ['/t/sites/b.conf']);
});

test('with its folders watched, a rebuild asks the disk only about files outside them and links; a reported change is read again', () => {
  const fs = countingFileSystem(
    {
      '/t/httpd.conf': `${MPM}Include sites/*.conf\nInclude /outside/extra.conf\nInclude enabled.conf\n`,
      '/t/sites/a.conf': 'Define A 1\n',
      '/t/sites/b.conf': 'Define B 1\n',
      '/outside/extra.conf': 'ServerAdmin x@x.example\n',
      '/t/enabled.conf': 'Define C 1\n',
    },
    { '/t/enabled.conf': '/t/sites/b.conf' },
  );
  const workspace = new ConfigWorkspace(fs, {});
  workspace.configure({ ...DEFAULT_MODEL_SETTINGS, mainConfig: '/t/httpd.conf' }, ['/t']);
  workspace.watchFolders(true);
  const defines = () => [...(workspace.mainTree()?.defined.flags ?? [])].sort();
  assert.deepEqual(defines(), ['A', 'B', 'C']);

  // Another file's change makes the next call rebuild the tree.
  const rebuild = () => {
    fs.stats.length = 0;
    fs.reads.length = 0;
    workspace.fileChanged('/t/notes.txt');
    return defines();
  };
  rebuild();
  const asked = () => [...new Set(fs.stats.filter((path) => path.endsWith('.conf')))].sort();
  assert.deepEqual(asked(), ['/outside/extra.conf', '/t/enabled.conf'], 'only the file outside the folder and the link are asked about');
  assert.deepEqual(fs.reads, []);

  // A change the editor has not reported yet is not seen; once reported, it is read.
  fs.touch('/t/sites/a.conf', 'Define D 1\n');
  assert.deepEqual(rebuild(), ['A', 'B', 'C']);
  workspace.fileChanged('/t/sites/a.conf');
  assert.deepEqual(defines(), ['B', 'C', 'D']);
  assert.deepEqual(fs.reads, ['/t/sites/a.conf']);

  // A folder's event stands for the files in it.
  fs.touch('/t/sites/b.conf', 'Define E 1\n');
  workspace.fileChanged('/t/sites');
  assert.deepEqual(defines(), ['C', 'D', 'E']);

  // Unwatched, every file is asked about again.
  workspace.watchFolders(false);
  rebuild();
  assert.deepEqual(asked(), ['/outside/extra.conf', '/t/enabled.conf', '/t/httpd.conf', '/t/sites/a.conf', '/t/sites/b.conf']);
});
