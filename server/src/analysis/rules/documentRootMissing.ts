// core/document-root-missing: Apache looks for the folder a DocumentRoot line
// names (relative to ServerRoot) while it reads the line. In the main server
// `apache2 -t` fails there: "DocumentRoot '/x' is not a directory, or is not
// readable"; in a <VirtualHost> Apache only warns ("AH00112: Warning:
// DocumentRoot [/x] does not exist") and serves 404s from it.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, proxyModel } from '../proxyHosts';
import { onPath } from '../serverCertificates';
import { judgedPath, notAFolder } from '../judgedPath';
import type { Rule } from '../types';

export const documentRootMissing: Rule = modelRule(compute, {
  id: 'core/document-root-missing',
  severity: 'error',
  readsCertificates: true,
  judgesThisMachine: true,
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/core.html#documentroot',
  summary: 'The folder a `DocumentRoot` names does not exist or is no folder: `apache2 -t` fails at that line in the main server, and warns in a `<VirtualHost>` (AH00112).',
});

function* compute(model: ConfigModel, disk: CertificateReader): Iterable<LocatedFinding> {
  for (const line of linesNamed(proxyModel(model), 'documentroot')) {
    const written = line.item.args[0];
    // Inside <Directory>, <Location> or <If> Apache refuses the line for its context before it looks.
    if (written === undefined || line.within.length > 0) continue;
    const path = judgedPath(model, written);
    if (path === undefined) continue;
    const problem = notAFolder(disk, path);
    if (!problem) continue;
    const advice = 'Create the folder or correct the path.';
    yield onPath(
      line,
      line.host.virtualHost
        ? {
            severity: 'warning',
            message: `${path} ${problem}. Apache starts anyway with a warning ("AH00112: Warning: DocumentRoot [${path}] does not exist") and this virtual host answers 404 for its files. ${advice}`,
          }
        : {
            message: `${path} ${problem}. Apache refuses the configuration at this line ("DocumentRoot '${path}' is not a directory, or is not readable"), even with apache2 -t. ${advice}`,
          },
    );
  }
}
