// Which suites an SSLCipherSuite string really enables, as the installed
// OpenSSL reads it. This asks `openssl ciphers -v` (no shell, arguments as an
// array, 2 s at most, the answer remembered per string), which only reads
// OpenSSL's cipher table: nothing of the configuration but the string itself
// is passed, never a path. Off (apacheSsl.expandCiphers) or without OpenSSL,
// the answer is "unknown" and the rules say less instead of guessing.
import { execFileSync } from 'node:child_process';

/** Which of mod_ssl's two lists a string sets: `SSLCipherSuite [SSL] …` or `SSLCipherSuite TLSv1.3 …`. */
export type CipherList = 'SSL' | 'TLSv1.3';

export interface CipherSuite {
  /** OpenSSL's name (`ECDHE-RSA-AES128-GCM-SHA256`, `TLS_AES_128_GCM_SHA256`). */
  name: string;
  /** The oldest protocol the suite works with, as openssl prints it (SSLv3, TLSv1, TLSv1.2, TLSv1.3). */
  protocol: string;
  kx: string;
  au: string;
  enc: string;
  mac: string;
}

export type CipherExpansion =
  | { kind: 'suites'; suites: CipherSuite[] }
  /** OpenSSL matches no suite: mod_ssl fails to start (AH01898, or AH10127 for TLSv1.3). */
  | { kind: 'noMatch'; message: string }
  /** OpenSSL was not asked, or gave no usable answer. */
  | { kind: 'unknown'; reason: string };

export interface CipherExpander {
  expand(list: CipherList, spec: string): CipherExpansion;
}

/** mod_ssl appends this to every SSLCipherSuite string of the SSL list (ssl_engine_config.c). */
export const MOD_SSL_APPENDED = ':!aNULL:!eNULL:!EXP';

const TIMEOUT_MS = 2_000;
const CACHE_LIMIT = 500;
/** A file of thousands of different strings must not start thousands of processes: at most this many per window. */
const RUNS_PER_WINDOW = 100;
const WINDOW_MS = 10_000;
/** The characters of OpenSSL's cipher-string syntax; anything else is not handed over. */
const CIPHER_STRING = /^[A-Za-z0-9_:+!@=.,\- ]{1,2000}$/;

/** Asks the `openssl` found on PATH (or `binary`). */
export function opensslCipherExpander(binary = 'openssl'): CipherExpander {
  const cache = new Map<string, CipherExpansion>();
  let missing: CipherExpansion | undefined;
  let window = { start: 0, runs: 0 };
  return {
    expand(list, spec) {
      if (missing) return missing;
      if (!CIPHER_STRING.test(spec)) return { kind: 'unknown', reason: 'the string has characters that are not cipher-string syntax, so it was not passed to OpenSSL' };
      const key = `${list}\0${spec}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const now = Date.now();
      if (now - window.start > WINDOW_MS) window = { start: now, runs: 0 };
      if (++window.runs > RUNS_PER_WINDOW) return { kind: 'unknown', reason: `more than ${RUNS_PER_WINDOW} different cipher strings within ${WINDOW_MS / 1000} s` };
      const args = list === 'TLSv1.3' ? ['ciphers', '-v', '-ciphersuites', spec] : ['ciphers', '-v', '--', `${spec}${MOD_SSL_APPENDED}`];
      let expansion: CipherExpansion;
      try {
        const output = execFileSync(binary, args, { encoding: 'utf8', timeout: TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
        const suites = parseCiphersOutput(output);
        // The TLS 1.3 suites printed with an SSL-list string are OpenSSL's defaults, not the string's; and the reverse.
        expansion = { kind: 'suites', suites: suites.filter((suite) => (suite.protocol === 'TLSv1.3') === (list === 'TLSv1.3')) };
      } catch (error) {
        const failure = error as NodeJS.ErrnoException & { stderr?: string; signal?: string };
        if (failure.code === 'ENOENT' || failure.code === 'EACCES') {
          missing = { kind: 'unknown', reason: `OpenSSL (${binary}) is not installed` };
          return missing;
        }
        const stderr = String(failure.stderr ?? '');
        if (/no cipher match/.test(stderr)) {
          expansion = { kind: 'noMatch', message: stderr.split('\n').find((line) => /no cipher match/.test(line))?.trim() ?? 'no cipher match' };
        } else {
          expansion = { kind: 'unknown', reason: failure.signal ? `openssl ciphers did not answer within ${TIMEOUT_MS} ms` : `openssl ciphers failed: ${stderr.split('\n')[0] || failure.message}` };
        }
      }
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, expansion);
      return expansion;
    },
  };
}

/** Reads `openssl ciphers -v` lines: `NAME PROTOCOL Kx=… Au=… Enc=… Mac=…`. */
export function parseCiphersOutput(output: string): CipherSuite[] {
  const suites: CipherSuite[] = [];
  for (const line of output.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words.length < 6) continue;
    const field = (name: string) => words.find((word) => word.startsWith(`${name}=`))?.slice(name.length + 1) ?? '';
    suites.push({ name: words[0], protocol: words[1], kx: field('Kx'), au: field('Au'), enc: field('Enc'), mac: field('Mac') });
  }
  return suites;
}

const OFF: CipherExpander = { expand: () => ({ kind: 'unknown', reason: 'apacheSsl.expandCiphers is off' }) };
let shared: CipherExpander | undefined;
let standIn: CipherExpander | undefined;

/** The expander the settings ask for: the installed OpenSSL, or none. */
export function cipherExpander(settings: { expandCiphers: boolean }): CipherExpander {
  if (!settings.expandCiphers) return OFF;
  if (standIn) return standIn;
  shared ??= opensslCipherExpander();
  return shared;
}

/** Runs `run` with `expander` in the installed OpenSSL's place (tests: another OpenSSL, or none). */
export function withCipherExpander<T>(expander: CipherExpander, run: () => T): T {
  const previous = standIn;
  standIn = expander;
  try {
    return run();
  } finally {
    standIn = previous;
  }
}
