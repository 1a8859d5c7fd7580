// The server's settings with their typed defaults. package.json
// `contributes.configuration` declares the same keys under `apacheSsl.`; a
// test keeps the two in agreement.
import type { RuleSetting } from './analysis/types';
import { DEFAULT_MODEL_SETTINGS, type ModelSettings } from './config/configWorkspace';

export interface ServerSettings extends ModelSettings {
  /** Per-rule override: `off`, or the severity to report with. */
  rules: Record<string, RuleSetting>;
  /** Findings reported per file at most, so a hostile file cannot flood the client. */
  maxNumberOfProblems: number;
  /** Indentation per section level when formatting: a number of spaces, or "tab". */
  'format.indent': number | 'tab';
  /** The Mozilla TLS profile (knowledge/tlsProfiles.json) that TLS findings and fixes judge against; `off` keeps only what is insecure under any profile. */
  tlsProfile: TlsProfileSetting;
  /** Ask the installed `openssl ciphers` which suites a cipher string enables; off: judge the string's words only. */
  expandCiphers: boolean;
  /** A certificate that expires within this many days is reported (cert/expires-soon). */
  'certificates.expiryWarningDays': number;
  /** The program that runs Apache's config test; empty: apache2ctl, apachectl or httpd, whichever is installed. */
  'configTest.command': string;
  /** Its arguments (the main config is added as `-f` when known). */
  'configTest.arguments': string[];
  /** Run the config test when a configuration file is saved (only in a trusted workspace). */
  'configTest.onSave': boolean;
  /** The config test is stopped after this many seconds. */
  'configTest.timeoutSeconds': number;
}

export type TlsProfileSetting = 'modern' | 'intermediate' | 'off';

export const DEFAULT_SETTINGS: ServerSettings = {
  ...DEFAULT_MODEL_SETTINGS,
  rules: {},
  maxNumberOfProblems: 1000,
  'format.indent': 4,
  tlsProfile: 'intermediate',
  expandCiphers: true,
  'certificates.expiryWarningDays': 30,
  'configTest.command': '',
  'configTest.arguments': ['-t'],
  'configTest.onSave': false,
  'configTest.timeoutSeconds': 10,
};

/** Reads a settings object as a client sends it, keeping defaults for anything missing or malformed. */
export function normalizeSettings(raw: unknown): ServerSettings {
  const source = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, RuleSetting> = {};
  if (typeof source.rules === 'object' && source.rules !== null) {
    for (const [id, value] of Object.entries(source.rules)) {
      if (value === 'off' || value === 'warning' || value === 'error') rules[id] = value;
    }
  }
  const max = source.maxNumberOfProblems;
  const format = typeof source.format === 'object' && source.format !== null ? (source.format as Record<string, unknown>) : {};
  const indent = format.indent;
  const certificates = typeof source.certificates === 'object' && source.certificates !== null ? (source.certificates as Record<string, unknown>) : {};
  const expiryDays = certificates.expiryWarningDays;
  const configTest = typeof source.configTest === 'object' && source.configTest !== null ? (source.configTest as Record<string, unknown>) : {};
  const testArguments = configTest.arguments;
  const testTimeout = configTest.timeoutSeconds;
  const text = (key: keyof ModelSettings): string => {
    const value = source[key];
    return typeof value === 'string' ? value.trim() : (DEFAULT_MODEL_SETTINGS[key] as string);
  };
  const defines = Array.isArray(source.defines) ? source.defines.filter((d): d is string => typeof d === 'string' && d !== '') : [];
  return {
    mainConfig: text('mainConfig'),
    serverRoot: text('serverRoot'),
    defines,
    environmentFile: text('environmentFile'),
    httpdVersion: /^\d+\.\d+\.\d+$/.test(text('httpdVersion')) ? text('httpdVersion') : DEFAULT_MODEL_SETTINGS.httpdVersion,
    'format.indent':
      indent === 'tab' || (typeof indent === 'number' && Number.isInteger(indent) && indent >= 1 && indent <= 16)
        ? indent
        : DEFAULT_SETTINGS['format.indent'],
    rules,
    maxNumberOfProblems:
      typeof max === 'number' && Number.isInteger(max) && max > 0 ? max : DEFAULT_SETTINGS.maxNumberOfProblems,
    tlsProfile:
      source.tlsProfile === 'modern' || source.tlsProfile === 'intermediate' || source.tlsProfile === 'off'
        ? source.tlsProfile
        : DEFAULT_SETTINGS.tlsProfile,
    expandCiphers: typeof source.expandCiphers === 'boolean' ? source.expandCiphers : DEFAULT_SETTINGS.expandCiphers,
    'certificates.expiryWarningDays':
      typeof expiryDays === 'number' && Number.isInteger(expiryDays) && expiryDays >= 0 && expiryDays <= 3650
        ? expiryDays
        : DEFAULT_SETTINGS['certificates.expiryWarningDays'],
    'configTest.command': typeof configTest.command === 'string' ? configTest.command.trim() : DEFAULT_SETTINGS['configTest.command'],
    'configTest.arguments':
      Array.isArray(testArguments) && testArguments.every((a): a is string => typeof a === 'string') ? testArguments : DEFAULT_SETTINGS['configTest.arguments'],
    'configTest.onSave': typeof configTest.onSave === 'boolean' ? configTest.onSave : DEFAULT_SETTINGS['configTest.onSave'],
    'configTest.timeoutSeconds':
      typeof testTimeout === 'number' && testTimeout >= 1 && testTimeout <= 120 ? testTimeout : DEFAULT_SETTINGS['configTest.timeoutSeconds'],
  };
}

/** The text of one indentation level. */
export function indentText(settings: ServerSettings): string {
  const indent = settings['format.indent'];
  return indent === 'tab' ? '\t' : ' '.repeat(indent);
}
