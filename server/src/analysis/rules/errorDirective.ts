// core/error-directive: Apache stops at an `Error` line whenever it reads one,
// with the line's text as the message (core.c generate_error; verified on
// 2.4.71: `apache2 -t` prints it, quotes around it stripped, or "The Error
// directive was used with no message."). Configurations use it as a guard,
// `<IfModule !ssl_module> Error "mod_ssl is needed" </IfModule>`, so it is
// reported only where the model knows the conditions around it hold: an
// <IfModule>, <IfDirective> or <IfSection> when the tree's modules are known
// (and all of them are Apache's), an <IfDefine> when its Defines are, never an
// <IfFile> (the file may be on the server, not here) or a macro's body. In
// .htaccess Apache reads it per request (a 500), not at start-up.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { Node } from '../../parser/ast';
import { isHtaccessPath } from '../fileScope';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, proxyModel, type Placed } from '../proxyHosts';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';
import { loadsForeignModule } from '../foreignModules';

export const errorDirective: Rule = modelRule(compute, {
  id: 'core/error-directive',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/core.html#error',
  summary: 'An `Error` line Apache reads (the conditions around it hold): Apache stops there with its message.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  for (const line of linesNamed(proxyModel(model), 'error')) {
    if (isHtaccessPath(line.item.path) || !conditionsKnownToHold(model, line)) continue;
    const apacheMessage = errorMessage(model, line);
    yield {
      path: line.item.path,
      finding: {
        range: directiveReportRange(line.item.node),
        message: `Apache refuses to start here with "${apacheMessage}": an Error line stops it wherever it is read${line.item.node.parent.kind === 'section' ? ', and the conditions around this one hold in this configuration' : ''}.`,
        data: { apacheMessage },
      },
    };
  }
}

/** What apache2 -t prints: the rest of the line as written, without the quotes around it (only when it ends with the quote it starts with). */
function errorMessage(model: ConfigModel, line: Placed): string {
  const text = restOfLine(model, line);
  if (text === '') return 'The Error directive was used with no message.';
  const quote = text.charAt(0);
  return (quote === '"' || quote === "'") && text.length > 1 && text.endsWith(quote) ? text.slice(1, -1) : text;
}

/** The words after the name as Apache's RAW_ARGS handler gets them: the text itself, or after ${VAR} substitution the words. */
function restOfLine(model: ConfigModel, line: Placed): string {
  const { node, args } = line.item;
  const written = node.args;
  const file = model.files.get(line.item.path)?.file;
  const first = written[0];
  const last = written[written.length - 1];
  if (!file || !first || written.length !== args.length || written.some((word, index) => word.value !== args[index])) return args.join(' ');
  if (first.startLine !== last.endLine) return written.map((word) => word.raw).join(' ');
  const lineStart = file.lineStarts[first.startLine];
  return file.text.slice(lineStart + first.startCharacter, lineStart + last.endCharacter);
}

/** Whether every conditional section around the line, in its file and around the Include lines that bring the file in, is one the model decides for certain. */
function conditionsKnownToHold(model: ConfigModel, line: Placed): boolean {
  const decided = decidedConditions(model);
  let node: Node = line.item.node;
  let path = line.item.path;
  for (;;) {
    for (let at = node.parent; at.kind === 'section'; at = at.parent) if (!decided(at.name.toLowerCase())) return false;
    const inTree = model.files.get(path);
    if (!inTree || inTree.macro) return false;
    if (!inTree.includedFrom) return true;
    ({ node, path } = inTree.includedFrom);
  }
}

function decidedConditions(model: ConfigModel): (section: string) => boolean {
  const modulesDecided = model.modulesKnown && !loadsForeignModule(model);
  return (section) => {
    switch (section) {
      case 'ifmodule':
      case 'ifdirective':
      case 'ifsection':
        return modulesDecided;
      case 'ifdefine':
        return model.definesKnown;
      case 'iffile':
        return false;
      default:
        return true;
    }
  };
}
