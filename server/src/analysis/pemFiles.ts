// What a PEM file named in the configuration holds, read from disk at most
// once per version (path, modification time and size). A file that cannot be
// read gives undefined: the rules that look inside certificate files then
// say nothing.
import { nodeFileSystem, type FileSystem } from '../config/fileSystem';

/** Far above any certificate chain; a larger file is not a PEM worth reading. */
const MAX_PEM_BYTES = 4 * 1024 * 1024;

export interface PemContents {
  certificates: number;
  privateKeys: number;
}

const cache = new Map<string, { mtimeMs: number; size: number; contents: PemContents }>();

export function readPem(path: string, fs: FileSystem = nodeFileSystem): PemContents | undefined {
  const stat = fs.stat(path);
  if (!stat?.isFile || stat.size > MAX_PEM_BYTES) return undefined;
  const known = cache.get(path);
  if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.contents;
  const read = fs.readFile(path);
  if ('error' in read) return undefined;
  const contents: PemContents = {
    certificates: (read.text.match(/-----BEGIN (?:TRUSTED |X509 )?CERTIFICATE-----/g) ?? []).length,
    privateKeys: (read.text.match(/-----BEGIN (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----/g) ?? []).length,
  };
  cache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, contents });
  return contents;
}
