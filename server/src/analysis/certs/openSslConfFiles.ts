// The SSLOpenSSLConfCmd commands whose value OpenSSL types as a file or a
// folder (SSL_CONF_cmd_value_type, OpenSSL 3.0, names in any case): mod_ssl
// checks that path while it reads the line, as it does SSLCertificateFile's
// (ssl_cmd_check_file / ssl_cmd_check_dir, relative to ServerRoot), so
// `apache2 -t` refuses a missing one: "SSLOpenSSLConfCmd: file '/x' does not
// exist or is empty", "SSLOpenSSLConfCmd: directory '/x' does not exist".
// Verified on 2.4.71; the …CAStore commands take a URI and are not checked,
// and nor is an engine id: `Certificate pkcs11:…` is refused as a path.
import type { ConfigModel } from '../../config/buildConfigModel';
import { serverRootRelative } from '../../config/expandInclude';
import { perModel } from '../../config/oncePer';
import { linesNamed, proxyModel, type Placed } from '../proxyHosts';

interface ConfFileCommand {
  folder: boolean;
  /** What the file or folder holds, for a message. */
  holds: string;
}

/** By lower-case command name. */
const FILE_COMMANDS: ReadonlyMap<string, ConfFileCommand> = new Map([
  ['certificate', { folder: false, holds: 'certificate' }],
  ['privatekey', { folder: false, holds: 'private key' }],
  ['serverinfofile', { folder: false, holds: 'server info (TLS extensions in PEM)' }],
  ['dhparameters', { folder: false, holds: 'DH parameters' }],
  ['chaincafile', { folder: false, holds: 'chain CA certificates' }],
  ['verifycafile', { folder: false, holds: 'CA certificates' }],
  ['requestcafile', { folder: false, holds: 'CA certificates' }],
  ['clientcafile', { folder: false, holds: 'CA certificates' }],
  ['chaincapath', { folder: true, holds: 'chain CA certificates' }],
  ['verifycapath', { folder: true, holds: 'CA certificates' }],
  ['requestcapath', { folder: true, holds: 'CA certificates' }],
  ['clientcapath', { folder: true, holds: 'CA certificates' }],
] as [string, ConfFileCommand][]);

export interface ConfFileLine extends ConfFileCommand {
  line: Placed;
  /** The file or folder as Apache checks it. */
  path: string;
}

/** Every live `SSLOpenSSLConfCmd <file command> <path>` line, `${VAR}` expanded. */
export const openSslConfFileLines = perModel((model: ConfigModel): ConfFileLine[] => {
  const all: ConfFileLine[] = [];
  for (const line of linesNamed(proxyModel(model), 'sslopensslconfcmd')) {
    const [command, value] = line.item.args;
    const known = command === undefined ? undefined : FILE_COMMANDS.get(command.toLowerCase());
    // Any other count of words is args/count's: Apache refuses the line before it looks at the path.
    if (!known || !value || line.item.args.length !== 2) continue;
    all.push({ line, ...known, path: serverRootRelative(model.serverRoot, value) });
  }
  return all;
});
