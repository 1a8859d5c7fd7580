import type { Rule } from '../types';

/** Share of NUL or other control characters above which a file is not a text config. */
const BINARY_THRESHOLD = 0.05;
const SAMPLE = 8192;

/**
 * NUL bytes, or mostly control characters. Bytes that are not UTF-8 (a
 * Latin-1 comment, read here as U+FFFD) do not count: Apache reads bytes and
 * accepts such a file (verified on 2.4.71).
 */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, SAMPLE);
  if (sample.includes('\0')) return true;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) control++;
  }
  return sample.length > 0 && control / sample.length > BINARY_THRESHOLD;
}

export const notText: Rule = {
  id: 'syntax/not-text',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/configuring.html#syntax',
  summary: 'The file is binary (NUL bytes or mostly control characters), not a configuration.',
  check({ file, report }) {
    if (!looksBinary(file.text)) return;
    report({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message:
        'This file contains binary data (NUL bytes or control characters), not configuration text; the other checks are skipped. ' +
        'If Apache includes it, it refuses to start.',
    });
  },
};
