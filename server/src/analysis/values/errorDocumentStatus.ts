// ErrorDocument's first word, read with C atoi(), must be a response code
// httpd has a status line for (verified on 2.4.71: `404x` passes as 404,
// `999` and `abc` are refused with the word as written).
import { KNOWN_HTTP_STATUSES } from '../../knowledge/httpStatuses';
import type { Finding } from '../types';
import { atoi } from './cNumber';
import type { Word } from './words';

/** Whether core takes `word` as a response code it has a status line for. */
export function isKnownStatusWord(word: string): boolean {
  return KNOWN_HTTP_STATUSES.has(atoi(word));
}

export function errorDocumentFindings(words: readonly Word[]): Finding[] {
  const [status] = words;
  if (!status || isKnownStatusWord(status.value)) return [];
  const apache = `Unsupported HTTP response code ${status.value}`;
  return [{ range: status.range, message: `'${status.value}' is not a response code Apache knows: it refuses to start with "${apache}". Write an error status such as 404 or 503.`, data: { apacheMessage: apache } }];
}
