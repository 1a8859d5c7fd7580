// Runs many small configurations through `apache2 -t`, a few processes at a
// time, in one throw-away ServerRoot. Apache stops at the first error, so a
// batch of independent blocks is run again without the block it blamed until
// it passes: blocks Apache accepts cost nothing extra, each refusal costs one run.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAllModules, parseApacheError } from '../../test/support/apacheOracle';
import { APACHE, MPMS, type Mpm } from './listing';

export interface ProbeResult {
  ok: boolean;
  /** Apache's message when it refused the configuration. */
  message?: string;
}

/** One independent piece of configuration (a directive in its context). */
export interface Block {
  id: string;
  lines: string[];
}

export class Prober {
  readonly root = mkdtempSync(join(tmpdir(), 'apache-ssl-probe-'));
  /** An existing file and folder, for directives that check their path argument. */
  readonly file = join(this.root, 'x');
  readonly dir = join(this.root, 'd');
  runs = 0;
  private counter = 0;
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  /**
   * @param batch blocks per configuration; 1 runs every block alone (the slow, obviously
   *   independent way, to check that batching changes no verdict).
   */
  constructor(
    readonly batch = 25,
    readonly parallel = Math.max(2, availableParallelism()),
  ) {
    // Not empty: mod_ssl refuses empty certificate files ("does not exist or is empty").
    writeFileSync(this.file, '# probe\n');
    mkdirSync(this.dir);
    for (const mpm of MPMS) {
      writeFileSync(join(this.root, `prelude-${mpm}.conf`), `${loadAllModules(mpm)}ServerName localhost\nErrorLog /dev/null\n`);
    }
  }

  close(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  /** `apache2 -t` on `text`, with every module and `mpm` loaded first (as test/support/apacheOracle does). */
  async test(mpm: Mpm, text: string): Promise<ProbeResult & { line?: number; file: string }> {
    await this.slot();
    const file = join(this.root, `p${++this.counter}.conf`);
    try {
      writeFileSync(file, text);
      const output = await this.run(['-t', '-d', this.root, '-f', file, '-C', `Include ${join(this.root, `prelude-${mpm}.conf`)}`]);
      this.runs++;
      if (output.status === 0) return { ok: true, file };
      const parsed = parseApacheError(output.text);
      const lastLine = output.text.trim().split('\n').pop();
      return { ok: false, file, line: parsed.file === file ? parsed.line : undefined, message: parsed.message ?? lastLine };
    } finally {
      unlinkSync(file);
      this.release();
    }
  }

  /**
   * Runs independent blocks in one configuration; returns each block's verdict.
   * When Apache blames a block, that block gets the message and the rest is run
   * again; when it blames no block, the batch is split in halves.
   */
  async testBlocks(mpm: Mpm, blocks: Block[]): Promise<Map<string, ProbeResult>> {
    const verdicts = new Map<string, ProbeResult>();
    let pending = blocks;
    while (pending.length > 0) {
      const owner: number[] = [];
      const lines: string[] = [];
      pending.forEach((block, index) => {
        for (const line of block.lines) {
          lines.push(line);
          owner.push(index);
        }
      });
      const result = await this.test(mpm, lines.join('\n') + '\n');
      if (result.ok) {
        for (const block of pending) verdicts.set(block.id, { ok: true });
        break;
      }
      const blamed = result.line !== undefined ? owner[result.line - 1] : undefined;
      if (blamed !== undefined) {
        verdicts.set(pending[blamed].id, { ok: false, message: result.message });
        pending = pending.filter((_, index) => index !== blamed);
      } else if (pending.length === 1) {
        verdicts.set(pending[0].id, { ok: false, message: result.message });
        break;
      } else {
        const half = Math.ceil(pending.length / 2);
        const [first, second] = await Promise.all([
          this.testBlocks(mpm, pending.slice(0, half)),
          this.testBlocks(mpm, pending.slice(half)),
        ]);
        for (const [id, verdict] of [...first, ...second]) verdicts.set(id, verdict);
        break;
      }
    }
    return verdicts;
  }

  /** testBlocks over many blocks: chunks run side by side so every core has work. */
  async testMany(mpm: Mpm, blocks: Block[], chunk = this.batch): Promise<Map<string, ProbeResult>> {
    const chunks: Block[][] = [];
    for (let i = 0; i < blocks.length; i += chunk) chunks.push(blocks.slice(i, i + chunk));
    const results = await Promise.all(chunks.map((part) => this.testBlocks(mpm, part)));
    return new Map(results.flatMap((result) => [...result]));
  }

  private run(args: string[]): Promise<{ status: number | null; text: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(APACHE, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, timeout: 30_000 });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, text }));
    });
  }

  private async slot(): Promise<void> {
    if (this.active < this.parallel) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
