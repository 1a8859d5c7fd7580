// What a rule is and what it produces. Findings are LSP diagnostics (types
// only: the analysis never touches a transport).
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { ConfigFile } from '../parser/ast';
import type { DirectiveIndex } from '../knowledge/directiveIndex';
import type { FileScope } from './fileScope';
import type { ServerSettings } from '../settings';
import type { CertificateReader } from './certs/certificateReader';

export type RuleSeverity = 'error' | 'warning' | 'information' | 'hint';
/** What a user may set per rule (`apacheSsl.rules.<id>`). */
export type RuleSetting = 'off' | 'warning' | 'error';

export interface Finding {
  range: Range;
  message: string;
  /** Overrides the rule's default severity for this one finding. */
  severity?: RuleSeverity;
  /** Anything a quick fix needs later. */
  data?: Record<string, unknown>;
}

export interface RuleContext {
  file: ConfigFile;
  directives: DirectiveIndex;
  /** The file is a .htaccess file: its top level is per-directory context. */
  inHtaccess: boolean;
  /** The file's place in the configuration model. */
  scope: FileScope;
  /** The settings the analysis runs with (httpdVersion, tlsProfile, expandCiphers …). */
  settings: ServerSettings;
  /** Reads the certificate, key and CA files the configuration names (cached), and the clock expiry is judged by. */
  certificates: CertificateReader;
  report(finding: Finding): void;
}

export interface Rule {
  /** The diagnostic `code`, the settings key and the docs anchor. */
  id: string;
  severity: RuleSeverity;
  /** The Apache manual page that explains the underlying behaviour. */
  docUrl: string;
  /** One line for the README's rule list. */
  summary: string;
  tags?: Diagnostic['tags'];
  /**
   * Set when Apache itself refuses what this rule reports as an error, and when:
   * `configtest` (`apache2 -t` fails, the oracle tests compare lines) or
   * `startup` (-t passes, the server fails to start). Absent for findings Apache
   * never reports (broken behaviour at request time, insecure settings).
   */
  refusedBy?: 'configtest' | 'startup';
  /** Its verdict depends on the certificate, key or CA files the configuration names, not on the text alone. */
  readsCertificates?: true;
  /** A model rule that looks for paths on this machine (with readsCertificates): it says nothing of a configuration written for another one (writtenForThisMachine). */
  judgesThisMachine?: true;
  /** A finding in one host's file may come from another host (names or addresses shared): it needs every host, even in the editor (see focusedModel). */
  crossHost?: true;
  /** A finding in one part of a file may come from another part (said once per file): after an edit it runs on the whole file (see analyzeEdit). */
  wholeFile?: true;
  /**
   * Its findings in a <VirtualHost> may name a place in the configuration
   * besides their own range: a line number in the message, or a position in
   * the quick fix's data. When an edit only moves a host, this rule's findings
   * on it are made again; the other rules' findings are moved with the host
   * (see analyzeEdit). A test moves every fixture's hosts to hold rules to it.
   */
  citesLines?: true;
  check(context: RuleContext): void;
}
