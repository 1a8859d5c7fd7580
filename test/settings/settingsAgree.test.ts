// package.json `contributes.configuration` and the server's typed defaults must agree.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/analysis/registry';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/settings';

interface Property {
  type: string;
  default: unknown;
  enum?: string[];
  additionalProperties?: { enum?: string[] };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const properties: Record<string, Property> = manifest.contributes.configuration.properties;
/** Read by the VS Code client itself, never sent to the server. */
const CLIENT_ONLY = ['apacheSsl.detectByContent', 'apacheSsl.trace.server'];

test('every server setting is declared in package.json with the same default', () => {
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    const property = properties[`apacheSsl.${key}`];
    assert.ok(property, `apacheSsl.${key} is missing from package.json`);
    assert.deepEqual(property.default, value, `default of apacheSsl.${key}`);
  }
});

test('every declared setting is read by the server or listed as client-only', () => {
  for (const key of Object.keys(properties)) {
    assert.ok(key.startsWith('apacheSsl.'), `${key} is outside the apacheSsl namespace`);
    const name = key.slice('apacheSsl.'.length);
    assert.ok(name in DEFAULT_SETTINGS || CLIENT_ONLY.includes(key), `${key} is declared but nothing reads it`);
  }
});

test('per-rule settings accept exactly what the server understands', () => {
  assert.deepEqual(properties['apacheSsl.rules'].additionalProperties?.enum, ['off', 'warning', 'error']);
  const rules = Object.fromEntries(RULES.map((rule) => [rule.id, 'off']));
  assert.deepEqual(normalizeSettings({ rules }).rules, rules);
  assert.deepEqual(normalizeSettings({ rules: { 'syntax/stray-close': 'loud' } }).rules, {});
});

test('malformed settings fall back to the defaults', () => {
  assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(normalizeSettings({ maxNumberOfProblems: -3, rules: 'x' }), DEFAULT_SETTINGS);
});

test('rule ids are unique and shaped like RULES.md ids', () => {
  const ids = RULES.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of RULES) {
    assert.match(rule.id, /^[a-z]+\/[a-z0-9-]+$/);
    assert.match(rule.docUrl, /^https:\/\/httpd\.apache\.org\/docs\/2\.4\//);
  }
});
