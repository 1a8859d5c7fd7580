// SSLPassPhraseDialog (mod_ssl's ssl_cmd_SSLPassPhraseDialog, verified on
// 2.4.71): `builtin` in any case, `exec:` in lower case followed by a program
// (whose existence ssl/passphrase-dialog-missing checks), or `|` followed by
// a program to pipe to.
import type { Finding } from '../types';
import type { Word } from './words';

export function passPhraseDialogFindings(words: readonly Word[]): Finding[] {
  const [word] = words;
  if (!word) return [];
  const text = word.value;
  if (text.toLowerCase() === 'builtin' || (text.length > 5 && text.startsWith('exec:')) || (text.length > 1 && text.startsWith('|'))) return [];
  const apache = 'SSLPassPhraseDialog: Invalid argument';
  const hint = /^exec:/i.test(text) ? ' (`exec:` in lower case, then the program)' : '';
  const message = `SSLPassPhraseDialog takes builtin, exec:/path/to/program${hint} or |/path/to/program. Apache refuses to start with "${apache}".`;
  return [{ range: word.range, message, data: { apacheMessage: apache } }];
}
