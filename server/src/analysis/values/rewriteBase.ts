// mod_rewrite's RewriteBase (cmd_rewritebase, verified on 2.4.71): a URL path
// from /. Where it may stand (a per-directory section, .htaccess) is
// ctx/not-allowed's; an empty "" is args/count's.
import type { Finding } from '../types';
import { refusedWord, type Word } from './words';

export function rewriteBaseFindings(words: readonly Word[]): Finding[] {
  const [base] = words;
  if (!base || base.value === '' || base.value.startsWith('/')) return [];
  const apache = 'RewriteBase: argument is not a valid URL';
  return [refusedWord(base, apache, 'RewriteBase takes the URL path the directory is served at, from /, such as /app/.')];
}
