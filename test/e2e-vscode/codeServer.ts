// A private code-server for one test run: its own user data, extensions and
// config under `folder`, no authentication, listening on a free loopback port,
// with the extension gallery and telemetry off so nothing leaves the machine.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CodeServer {
  /** The workbench address, e.g. http://127.0.0.1:40167/. */
  url: string;
  /** What code-server has printed so far. */
  output(): string;
  /** Ends code-server and everything it started (extension host, language server). */
  stop(): Promise<void>;
}

/** User settings that keep the workbench quiet and offline. */
const SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

function folders(folder: string): string[] {
  const config = join(folder, 'config.yaml');
  const userData = join(folder, 'user-data');
  const extensions = join(folder, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(config, 'auth: none\n');
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  return ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
}

/** No gallery at all (an empty one): code-server would otherwise query open-vsx. */
const ENVIRONMENT = { ...process.env, EXTENSIONS_GALLERY: '{}' };

/** `code-server --install-extension vsix` into the private extensions folder. */
export function installExtension(entry: string, folder: string, vsix: string): string {
  const result = spawnSync(process.execPath, [entry, ...folders(folder), '--install-extension', vsix], {
    encoding: 'utf8',
    env: ENVIRONMENT,
    timeout: 60_000,
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension failed (status ${result.status}): ${output}${result.error?.message ?? ''}`);
  }
  return output;
}

export function startCodeServer(entry: string, folder: string, workspace: string, timeoutMs: number): Promise<CodeServer> {
  const child = spawn(
    process.execPath,
    [
      entry,
      ...folders(folder),
      '--auth', 'none',
      '--bind-addr', '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      workspace,
    ],
    // Its own process group, so stop() reaches the extension host and the language server too.
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: ENVIRONMENT },
  );
  let printed = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const stop = async () => {
    signalGroup('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, 10_000)))]);
    clearTimeout(timer);
    // Whatever of the group outlived the main process.
    signalGroup('SIGKILL');
  };
  return new Promise<CodeServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`code-server did not listen within ${timeoutMs} ms:\n${printed}`));
    }, timeoutMs);
    const read = (chunk: Buffer) => {
      printed += chunk.toString();
      const listening = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(printed);
      if (!listening) return;
      clearTimeout(timer);
      resolve({ url: listening[1], output: () => printed, stop });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before listening:\n${printed}`));
    });
  });
}
