// Decides whether an opened document that VS Code did not recognise as an
// Apache config should be switched to `apacheconf` because of its content.
// Free of `vscode` imports so that it can be unit-tested under plain Node.

import { looksLikeApacheConfig } from '../../server/src/config/looksLikeApacheConfig';

export const APACHE_LANGUAGE_ID = 'apacheconf';

/**
 * Only these documents are candidates: `plaintext` ones, and `.conf` files that
 * VS Code gave some other language (the built-in `properties` language claims
 * `.conf`). Anything else has a language someone chose on purpose.
 */
export function shouldSwitchToApache(languageId: string, fileName: string, text: string, enabled: boolean): boolean {
  if (!enabled || languageId === APACHE_LANGUAGE_ID) return false;
  const candidate = languageId === 'plaintext' || fileName.toLowerCase().endsWith('.conf');
  return candidate && looksLikeApacheConfig(text);
}

/**
 * Remembers which documents have been `apacheconf` during this session, so
 * that a user who switches one back to another language (which VS Code reports
 * as close + open with the new language) is not overruled.
 */
export class ApacheContentDetector {
  private readonly wasApache = new Set<string>();

  /** Returns whether the document `uri` should be switched to apacheconf now. */
  decide(uri: string, languageId: string, fileName: string, text: string, enabled: boolean): boolean {
    if (languageId === APACHE_LANGUAGE_ID) {
      this.wasApache.add(uri);
      return false;
    }
    if (this.wasApache.has(uri)) return false;
    return shouldSwitchToApache(languageId, fileName, text, enabled);
  }
}
