// The configuration model works on file paths. Documents that are not files
// (untitled buffers) get a path of their own that no real file can have.
import { fileURLToPath } from 'node:url';

export function uriToPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : `/${encodeURIComponent(uri)}`;
}
