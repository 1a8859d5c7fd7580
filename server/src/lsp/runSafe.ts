// A failing handler must never take the server down: log it and answer with a
// harmless value instead.
import type { RemoteConsole } from 'vscode-languageserver';

export function runSafe<T>(console: RemoteConsole, what: string, fallback: T, handler: () => T): T {
  try {
    return handler();
  } catch (error) {
    console.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}
