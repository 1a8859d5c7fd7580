// Commands that try a virtual host's TLS and client-certificate setup from a
// shell: `openssl s_client` and `curl`, over TLS 1.3 and 1.2, with and
// without a client certificate. What they connect to comes from the model:
// the <VirtualHost> address and port (else a Listen line), its ServerName,
// the CA file that verifies the server's certificate when one of the files
// the host names holds it, and a client certificate beside the
// SSLCACertificateFile when a test PKI put one there.
import { dirname, join } from 'node:path';
import { isIP } from 'node:net';
import type { ConfigModel } from '../config/buildConfigModel';
import { listVirtualHosts, type VirtualHost } from '../config/virtualHosts';
import type { Position } from '../parser/ast';
import { buildChain, candidateOf, type ChainCandidate } from '../analysis/certs/buildChain';
import type { CertificateReader } from '../analysis/certs/certificateReader';
import { hostCertificates, type HostCertificates } from '../analysis/certs/hostCertificates';

export interface TestTarget {
  /** Where the virtual host is: path and 1-based line of its tag. */
  path: string;
  line: number;
  /** The tag as written, `<VirtualHost *:443>`. */
  tag: string;
  /** The name sent as SNI and Host, and checked against the certificate. */
  serverName: string;
  /** The address or name connected to. */
  connectHost: string;
  port: number;
  /** A file holding the CA that signs the server certificate (or the certificate itself when it is self-signed). */
  caFile?: string;
  clientCertificate: string;
  clientKey: string;
  /** False when client.crt and client.key are placeholders. */
  clientKnown: boolean;
  tls: boolean;
  /** SSLVerifyClient in force at the host's own level, lower case. */
  verifyClient?: string;
}

export interface TestCommand {
  /** What a healthy mTLS host answers. */
  comment: string;
  /** Program and arguments. */
  argv: string[];
  /** Piped to the program's input: an HTTP/1.1 GET / with this Host header. */
  requestHost?: string;
}

export interface TestCommandOptions {
  certificates: CertificateReader;
  exists(path: string): boolean;
}

const PLACEHOLDER_CERTIFICATE = 'client.crt';
const PLACEHOLDER_KEY = 'client.key';

/** The test commands for the virtual host around `position` of `path`, as shell text. */
export function testCommandsText(model: ConfigModel, path: string, position: Position, options: TestCommandOptions): string | { error: string } {
  const target = testTarget(model, path, position, options);
  return 'error' in target ? target : renderTestCommands(target, testCommandsFor(target));
}

export function testTarget(model: ConfigModel, path: string, position: Position, options: TestCommandOptions): TestTarget | { error: string } {
  const map = listVirtualHosts(model);
  const vhost = map.virtualHosts.find((candidate) => candidate.path === path && holds(candidate, position.line));
  if (!vhost) return { error: 'no <VirtualHost> holds that position' };
  const certificates = hostCertificates(model).find((host) => host.host.virtualHost?.node === vhost.node);
  const address = vhost.addresses[0];
  const serverName = vhost.name ?? (address?.kind === 'name' ? address.host : undefined) ?? 'localhost';
  const numbered = vhost.addresses.find((candidate) => candidate.port !== '*');
  const listener = map.listeners.find((candidate) => candidate.protocol === 'https') ?? map.listeners.find((candidate) => candidate.port === 443);
  const port = typeof numbered?.port === 'number' ? numbered.port : (listener?.port ?? 443);
  // A wildcard host is tried on this machine; a named or numbered one where it listens.
  const connectHost = !address || address.kind === 'any' ? '127.0.0.1' : address.host;
  const caPath = certificates?.setting('sslcacertificatefile')?.path;
  const pkiFolder = caPath && dirname(caPath);
  const clientKnown = pkiFolder !== undefined && options.exists(join(pkiFolder, 'client.crt')) && options.exists(join(pkiFolder, 'client.key'));
  const caFile = certificates && serverCaFile(certificates, options.certificates);
  return {
    path,
    line: vhost.line,
    tag: `<VirtualHost ${vhost.node.args.map((arg) => arg.raw).join(' ')}>`,
    serverName,
    connectHost,
    port,
    ...(caFile ? { caFile } : {}),
    clientCertificate: clientKnown ? join(pkiFolder, 'client.crt') : PLACEHOLDER_CERTIFICATE,
    clientKey: clientKnown ? join(pkiFolder, 'client.key') : PLACEHOLDER_KEY,
    clientKnown,
    tls: certificates?.tls ?? false,
    verifyClient: certificates?.setting('sslverifyclient')?.line.item.args[0]?.toLowerCase(),
  };
}

export function testCommandsFor(target: TestTarget): TestCommand[] {
  const commands: TestCommand[] = [];
  for (const version of ['1.3', '1.2'] as const) {
    commands.push(
      { comment: `openssl, TLS ${version}, with the client certificate. Healthy: the handshake completes ("Verify return code: 0 (ok)"), then the site's HTTP status line (200 for a page that exists).`, argv: sClient(target, version, true), requestHost: hostHeader(target) },
      { comment: `openssl, TLS ${version}, no client certificate. Healthy: refused, ${refusal(version)}, and no HTTP answer.`, argv: sClient(target, version, false), requestHost: hostHeader(target) },
    );
  }
  for (const version of ['1.3', '1.2'] as const) {
    commands.push(
      { comment: `curl, TLS ${version}, with the client certificate. Healthy: prints 200 (or the status of the page at /).`, argv: curl(target, version, true) },
      { comment: `curl, TLS ${version}, no client certificate. Healthy: an SSL error (${refusal(version)}) and 000, never a page.`, argv: curl(target, version, false) },
    );
  }
  return commands;
}

/** Comment lines about the host, then each command under its comment, ready to paste into sh. */
export function renderTestCommands(target: TestTarget, commands: readonly TestCommand[]): string {
  const header = [
    `# Test commands for ${target.tag} at ${target.path}:${target.line}, as ${target.serverName} on ${target.connectHost} port ${target.port}.`,
    target.caFile
      ? `# The server certificate's CA is read from ${target.caFile}.`
      : "# The server certificate's CA was not found in the files this host names: add -CAfile/--cacert with it unless the system trusts it.",
    target.clientKnown
      ? `# Client certificate and key: ${target.clientCertificate} and ${target.clientKey}`
      : `# ${PLACEHOLDER_CERTIFICATE} and ${PLACEHOLDER_KEY} stand for a client certificate the SSLCACertificateFile's CA signed, and its key.`,
  ];
  if (!target.tls) header.push('# This host has no SSLEngine on: it does not speak TLS, so every command below fails.');
  if (target.verifyClient !== 'require') {
    header.push('# This host does not say SSLVerifyClient require itself: where only some paths ask for a certificate, the answer without one is a 403, not a refused handshake.');
  }
  const body = commands.map((command) => {
    const request = command.requestHost === undefined ? '' : `printf 'GET / HTTP/1.1\\r\\nHost: %s\\r\\nConnection: close\\r\\n\\r\\n' ${shellWord(command.requestHost)} | `;
    return `# ${command.comment}\n${request}${command.argv.map(shellWord).join(' ')}`;
  });
  return `${[header.join('\n'), ...body].join('\n\n')}\n`;
}

/** The bytes a `requestHost` command reads: one GET that asks the server to close afterwards. */
export function httpRequest(host: string): string {
  return `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
}

/** A word sh reads back unchanged: bare when it is plain, else in single quotes. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function sClient(target: TestTarget, version: '1.3' | '1.2', withCertificate: boolean): string[] {
  return [
    'openssl', 's_client',
    '-connect', `${bracketed(target.connectHost)}:${target.port}`,
    // An IP address is not a server name: SNI carries names only.
    ...(isIP(target.serverName) === 0 ? ['-servername', target.serverName] : []),
    version === '1.3' ? '-tls1_3' : '-tls1_2',
    // With the CA known, a server certificate that does not verify ends the test there.
    ...(target.caFile ? ['-CAfile', target.caFile, '-verify_return_error'] : []),
    ...(withCertificate ? ['-cert', target.clientCertificate, '-key', target.clientKey] : []),
    // Reads the answer after the request is sent, until the server closes.
    '-ign_eof',
  ];
}

function curl(target: TestTarget, version: '1.3' | '1.2', withCertificate: boolean): string[] {
  const origin = `${bracketed(target.serverName)}:${target.port}`;
  return [
    'curl', '-sS', '-o', '/dev/null', '-w', '%{http_code}\\n',
    ...(version === '1.3' ? ['--tlsv1.3'] : ['--tlsv1.2', '--tls-max', '1.2']),
    ...(target.caFile ? ['--cacert', target.caFile] : []),
    ...(withCertificate ? ['--cert', target.clientCertificate, '--key', target.clientKey] : []),
    ...route(target),
    `https://${origin}/`,
  ];
}

/** Sends curl to the connected address while the URL keeps the server name. */
function route(target: TestTarget): string[] {
  if (target.connectHost === target.serverName) return [];
  if (isIP(unbracketed(target.connectHost)) !== 0) return ['--resolve', `${target.serverName}:${target.port}:${target.connectHost}`];
  return ['--connect-to', `${target.serverName}:${target.port}:${target.connectHost}:${target.port}`];
}

function refusal(version: '1.3' | '1.2'): string {
  // TLS 1.3 finishes the client's side of the handshake before the server checks: the alert comes after it.
  return version === '1.3' ? 'alert "certificate required" just after the handshake' : 'handshake failure alert';
}

function hostHeader(target: TestTarget): string {
  return target.port === 443 ? bracketed(target.serverName) : `${bracketed(target.serverName)}:${target.port}`;
}

function bracketed(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

function unbracketed(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function holds(vhost: VirtualHost, line: number): boolean {
  const start = vhost.node.open.range.start.line;
  const end = vhost.node.close?.range.end.line ?? Number.MAX_SAFE_INTEGER;
  return line >= start && line <= end;
}

/** The file holding the top of the server certificate's chain, when the chain reaches a self-signed certificate in a file the host names. */
function serverCaFile(host: HostCertificates, reader: CertificateReader): string | undefined {
  const leafPath = host.pairs[0]?.certificatePath;
  if (!leafPath) return undefined;
  const paths = [leafPath, host.setting('sslcertificatechainfile')?.path, host.setting('sslcacertificatefile')?.path];
  const candidates: ChainCandidate[] = paths.flatMap((path) => {
    if (!path) return [];
    const read = reader.read(path);
    if (!('contents' in read)) return [];
    return read.contents.certificates.map((certificate) => candidateOf(certificate, path));
  });
  const leaf = candidates.find((candidate) => candidate.source === leafPath);
  if (!leaf) return undefined;
  const chain = buildChain(leaf, candidates);
  const top = chain.links[chain.links.length - 1]?.certificate;
  return chain.complete && top?.facts.selfSigned ? top.source : undefined;
}
