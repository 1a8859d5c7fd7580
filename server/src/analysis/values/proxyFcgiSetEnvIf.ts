// mod_proxy_fcgi's ProxyFCGISetEnvIf (cmd_setenv, verified on 2.4.71): after
// the condition, a variable to set, or !NAME to unset, which takes no value.
// The condition and the value are expressions, expr/parse-error's; Apache
// parses the condition first, so a line whose condition fails is left to it.
import type { Finding } from '../types';
import { refusedWord, type Word } from './words';

export function proxyFcgiSetEnvIfFindings(words: readonly Word[], conditionParses: (text: string) => boolean): Finding[] {
  const [condition, variable, value] = words;
  if (!condition || !variable || !variable.value.startsWith('!') || !conditionParses(condition.value)) return [];
  if (value) {
    const apache = `Third argument ("${value.value}") is not allowed when using ProxyFCGISetEnvIf's unset mode (${variable.value})`;
    return [refusedWord(value, apache, `${variable.value} unsets the variable, so no value may follow.`)];
  }
  if (variable.value !== '!') return [];
  const apache = 'ProxyFCGISetEnvIf: "!" is not a valid variable name';
  return [refusedWord(variable, apache, 'Write the variable to unset after the !, as in !HTTP_PROXY.')];
}
