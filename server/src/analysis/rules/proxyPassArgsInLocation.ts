// proxy/proxypass-args-in-location: inside <Location>, <LocationMatch> and
// <Proxy> the section gives ProxyPass its path, so the line takes the URL
// alone; outside one the path is required. mod_proxy.c add_pass and
// add_pass_reverse refuse the other forms while reading (all verified with
// `apache2 -t` on 2.4.71):
//   "ProxyPass|ProxyPassMatch can not have a path when defined in a location."
//   "Invalid ProxyPass|ProxyPassMatch parameter. Parameter must be in the form 'key=value'." (two URLs)
//   "ProxyPass|ProxyPassMatch needs a path when not defined in a location"
//   "ProxyPassReverse can not have a path when defined in a location"
//   "ProxyPassReverse needs a path when not defined in a location"
import type { ConfigModel } from '../../config/buildConfigModel';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, pathSection, proxyModel, type Placed } from '../proxyHosts';
import type { Finding, Rule } from '../types';
import { lineRefusal } from '../lineRefusal';

const FLAGS = new Set(['nocanon', 'interpolate', 'noquery']);

export const proxyPassArgsInLocation: Rule = modelRule(compute, {
  id: 'proxy/proxypass-args-in-location',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_proxy.html#proxypass',
  summary: '`ProxyPass /path URL` inside `<Location>` (the section gives the path), or a `ProxyPass` outside one without a path.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  for (const line of linesNamed(proxyModel(model), 'proxypass', 'proxypassmatch', 'proxypassreverse')) {
    const finding =
      line.name === 'proxypass' || line.name === 'proxypassmatch' ? passProblem(line) : line.name === 'proxypassreverse' ? reverseProblem(line) : undefined;
    if (finding) yield { path: line.item.path, finding };
  }
}

function passProblem(line: Placed): Finding | undefined {
  const { args } = line.item;
  // With no word at all Apache says the same, inside a section too (verified on 2.4.71).
  if (args.length === 0) return lineRefusal(line, undefined, 'ProxyPass|ProxyPassMatch needs a path when not defined in a location', 'Give the backend URL, after the local path outside <Location>.');
  const section = pathSection(line);
  if (!section) {
    const words = line.name === 'proxypass' && args[0] === '~' ? args.slice(1) : args;
    if (words.length >= 2) return undefined;
    return lineRefusal(line, undefined, 'ProxyPass|ProxyPassMatch needs a path when not defined in a location', 'Write the local path first: `ProxyPass /app/ http://backend/`.');
  }
  const stray = args.findIndex((word, index) => index > 0 && !word.includes('=') && !FLAGS.has(word.toLowerCase()));
  if (stray < 0) return undefined;
  const where = `<${section.name} ${section.args.join(' ')}>`;
  if (args[0].startsWith('/')) {
    return lineRefusal(
      line,
      0,
      'ProxyPass|ProxyPassMatch can not have a path when defined in a location.',
      `Inside ${where} the section's path is the local path: drop "${args[0]}" and keep the URL.`,
    );
  }
  return lineRefusal(
    line,
    stray,
    "Invalid ProxyPass|ProxyPassMatch parameter. Parameter must be in the form 'key=value'.",
    `Inside ${where} ProxyPass takes one URL, then key=value parameters.`,
  );
}

function reverseProblem(line: Placed): Finding | undefined {
  const { args } = line.item;
  if (args.length === 0) return undefined;
  const second = args[1];
  if (pathSection(line)) {
    if (second === undefined || second.toLowerCase() === 'interpolate') return undefined;
    return lineRefusal(line, 0, 'ProxyPassReverse can not have a path when defined in a location', "Inside the section, give only the backend URL: the section's path is the local one.");
  }
  if (second !== undefined && second.toLowerCase() !== 'interpolate') return undefined;
  return lineRefusal(line, undefined, 'ProxyPassReverse needs a path when not defined in a location', 'Write the local path first: `ProxyPassReverse /app/ http://backend/`.');
}
