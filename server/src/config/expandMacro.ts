// What a Use line expands to, as mod_macro builds it: the macro's body lines
// (between <Macro …> and </Macro>), each parameter name replaced by the word
// the Use gives it, left to right, the longest parameter name winning where
// several start at one place (mod_macro warns about such prefix conflicts).
import type { ConfigModel, LiveSection } from './buildConfigModel';

/** The body text of a Use of `macro` with `values`; undefined when the macro has no end or its file is not in the tree. */
export function expandMacro(model: ConfigModel, macro: LiveSection, values: readonly string[]): string | undefined {
  const text = model.files.get(macro.path)?.file.text;
  const close = macro.node.close;
  if (text === undefined || !close) return undefined;
  const body = text.slice(macro.node.open.end, close.start);
  const params = macro.args.slice(1);
  if (params.length === 0) return body;
  let out = '';
  let copied = 0;
  for (let at = 0; at < body.length; at++) {
    let chosen = -1;
    for (let i = 0; i < params.length; i++) {
      if (params[i] !== '' && body.startsWith(params[i], at) && (chosen < 0 || params[i].length > params[chosen].length)) chosen = i;
    }
    if (chosen < 0) continue;
    out += body.slice(copied, at) + values[chosen];
    at += params[chosen].length - 1;
    copied = at + 1;
  }
  return out + body.slice(copied);
}
