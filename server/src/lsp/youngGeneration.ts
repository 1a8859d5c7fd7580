import { setFlagsFromString } from 'node:v8';

/**
 * The server holds one large model for as long as the editor runs, and nearly
 * everything else it allocates dies young. Left alone, V8 grows the young
 * generation from 2 × 1 MiB to 2 × 16 MiB during the first analysis and keeps
 * it for good: ~30 MiB of resident memory for no gain in speed (bench/RESULTS.md).
 * Young collections stay short at this size. The flag is read at each
 * collection, so setting it before any work takes effect. The bench sets it
 * too, so that its in-process rows run as the server does.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
