import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingError } from '../../src-shared/errors';
import { centralUrlOf } from '../../src-main/core/central-url';

/** Which central service a workspace syncs with: the desktop shell and browser mode both ask this. */
describe('centralUrlOf', () => {
  let dir: string;
  let settingsFile: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-central-url-'));
    settingsFile = join(dir, 'settings.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes GUICHET_CENTRAL_URL first, without its trailing slash', () => {
    writeFileSync(settingsFile, JSON.stringify({ centralUrl: 'https://other.example' }));
    expect(centralUrlOf({ env: { GUICHET_CENTRAL_URL: 'https://gru.ville.example/' }, settingsFile })).toBe('https://gru.ville.example');
  });

  it("reads the data folder's settings file when the variable is unset or empty", () => {
    writeFileSync(settingsFile, JSON.stringify({ centralUrl: 'https://gru.ville.example:8443' }));
    expect(centralUrlOf({ env: {}, settingsFile })).toBe('https://gru.ville.example:8443');
    expect(centralUrlOf({ env: { GUICHET_CENTRAL_URL: '' }, settingsFile })).toBe('https://gru.ville.example:8443');
  });

  it('is none without either: the workspace works alone on its demo replica', () => {
    expect(centralUrlOf({ env: {}, settingsFile })).toBeNull();
    expect(centralUrlOf({ env: {} })).toBeNull();
    writeFileSync(settingsFile, JSON.stringify({ language: 'fr' }));
    expect(centralUrlOf({ env: {}, settingsFile })).toBeNull();
  });

  it.each([
    [{ GUICHET_CENTRAL_URL: 'gru.ville.example' }, null, /GUICHET_CENTRAL_URL is not a URL/],
    [{ GUICHET_CENTRAL_URL: 'file:///etc/passwd' }, null, /not an http\(s\) URL/],
    [{}, '{"centralUrl": 8787}', /is not a text/],
    [{}, '{centralUrl: "http://x"}', /is not valid JSON/],
    [{}, '{"centralUrl": "javascript:alert(1)"}', /not an http\(s\) URL/],
  ])('refuses %j / %s with a sentence naming where the value came from', (env, settings, message) => {
    if (settings !== null) writeFileSync(settingsFile, settings);
    expect(() => centralUrlOf({ env, settingsFile })).toThrow(SettingError);
    expect(() => centralUrlOf({ env, settingsFile })).toThrow(message);
  });
});
