// Starts a real Apache in the foreground from a throw-away ServerRoot on a
// 127.0.0.1 port, for tests that need requests answered. Always stop() it
// (in `after`/`t.after`), even when the test fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadAllModules, requireApache } from './apacheOracle';

export interface RunningApache {
  root: string;
  port: number;
  errorLog(): string;
  stop(): Promise<void>;
}

// A port is free only once it is closed again, so the kernel may offer it a
// second time: tests that take one for a backend and then start Apache (which
// takes its own) would get "Cannot define multiple Listeners". Never hand out
// the same port twice in one process.
const handedOut = new Set<number>();

/** A free TCP port on 127.0.0.1, chosen by the kernel, not one this process was given before. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await kernelPort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Writes `files` under a new ServerRoot and starts `apache2 -D FOREGROUND` with
 * every module loaded and the prelude (Listen, logs, runtime paths, user), then
 * `Include`s `main`, where `${SERVER_ROOT}` names the root's absolute path. Resolves once the port accepts connections.
 */
export async function startApache(files: Record<string, string | Buffer>, main: string, deadlineMs = 20_000): Promise<RunningApache> {
  requireApache();
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'apache-ssl-server-'));
  chmodSync(root, 0o755); // the worker processes run as nobody
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const config = join(root, '.server.conf');
  writeFileSync(join(root, '.mime.types'), 'text/html html\ntext/plain txt\n');
  writeFileSync(
    config,
    `${loadAllModules()}ServerRoot "${root}"
Define SERVER_ROOT "${root}"
ServerName localhost
Listen 127.0.0.1:${port}
PidFile "${root}/httpd.pid"
ErrorLog "${root}/error.log"
LogLevel warn
DefaultRuntimeDir "${root}"
TypesConfig "${root}/.mime.types"
Mutex file:${root}
User nobody
Group nogroup
Include "${join(root, main)}"
`,
  );
  const child = spawn('/usr/sbin/apache2', ['-d', root, '-f', config, '-D', 'FOREGROUND'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const running: RunningApache = {
    root,
    port,
    errorLog: () => {
      try {
        return readFileSync(join(root, 'error.log'), 'utf8');
      } catch {
        return '';
      }
    },
    stop: () => stopProcess(child).finally(() => rmSync(root, { recursive: true, force: true })),
  };
  try {
    await waitUntilServing(port, child, deadlineMs);
  } catch (error) {
    // The error log goes with the root: keep what it says (a failed start is logged there).
    const log = running.errorLog();
    await running.stop();
    throw new Error(`Apache did not start: ${(error as Error).message}\n${output}${log}`, { cause: error });
  }
  return running;
}

/**
 * Ready means an HTTP answer (any status): the parent binds the port before
 * post_config, which can still fail (a bad certificate, a missing file).
 */
function waitUntilServing(port: number, child: ChildProcess, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`apache2 exited with ${child.exitCode}`));
      const retry = () => {
        if (Date.now() > deadline) reject(new Error(`no HTTP answer on port ${port} after ${deadlineMs} ms`));
        else setTimeout(attempt, 50);
      };
      get({ host: '127.0.0.1', port, path: '/', timeout: 2_000 }, (response) => {
        response.resume();
        response.on('end', () => (child.exitCode === null ? resolve() : retry()));
      })
        .on('timeout', function (this: { destroy(): void }) {
          this.destroy();
        })
        .on('error', retry);
    };
    attempt();
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
