import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants';
import config, { electronFuses } from '../../forge.config';
import {
  appUpdateYml,
  installerSignatureValid,
  readUpdateFeedUrl,
  readUpdateSigning,
  signatureUrl,
  UPDATE_SIGNING_FILE,
} from '../../src-main/electron/update-policy';

/** The desktop shell's packaging and update policy, in plain Node: Electron itself never runs here. */

type AfterCopyHook = (config: unknown, buildPath: string, electronVersion: string, platform: string, arch: string) => Promise<void>;

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'guichet-shell-'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

describe('Electron fuses in forge.config.ts', () => {
  it.each([
    ['RunAsNode', false],
    ['EnableNodeOptionsEnvironmentVariable', false],
    ['EnableNodeCliInspectArguments', false],
    ['EnableCookieEncryption', true],
    ['EnableEmbeddedAsarIntegrityValidation', true],
    ['OnlyLoadAppFromAsar', true],
    ['GrantFileProtocolExtraPrivileges', false],
  ])('sets %s to %s', (fuse, value) => {
    expect((electronFuses as Record<string, boolean> | undefined)?.[fuse]).toBe(value);
  });

  it('packages from an ASAR archive, which integrity validation and app-only-from-ASAR need', () => {
    expect(config.packagerConfig?.asar).toBeTruthy();
  });

  it('flips them in the packaged binary, through the Fuses plugin Forge runs after copying the app', async () => {
    // A stand-in for Electron's binary: its fuse wire as Electron ships it (every fuse of version 1 enabled
    // but the three that are off by default), after the sentinel @electron/fuses looks for.
    const shipped = Buffer.from([1, 8, ...'11110101'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0))));
    const resources = join(root, 'Guichet-linux-x64', 'resources', 'app');
    mkdirSync(resources, { recursive: true });
    const binary = join(root, 'Guichet-linux-x64', 'electron');
    writeFileSync(binary, Buffer.concat([randomBytes(64), Buffer.from(SENTINEL), shipped, randomBytes(64)]));
    const fuses = (config.plugins ?? []).find((plugin) => (plugin as { name?: string }).name === 'fuses') as
      { getHooks(): { packageAfterCopy: (task: unknown, ...args: unknown[]) => Promise<void> } } | undefined;
    expect(fuses).toBeDefined();

    await fuses!.getHooks().packageAfterCopy.call(null, { packagerConfig: {} }, resources, '45.5.0', 'linux', 'x64');

    const wire = await getCurrentFuseWire(binary);
    for (const [name, value] of Object.entries(electronFuses)) {
      expect([name, wire[FuseV1Options[name as keyof typeof FuseV1Options]]]).toEqual([name, value ? FuseState.ENABLE : FuseState.DISABLE]);
    }
  });
});

describe('the Windows installer and the updater agree', () => {
  it('configures no Squirrel.Windows maker, which electron-updater cannot update', () => {
    const makers = (config.makers ?? []).map((maker) => (maker as { name?: string }).name);

    expect(makers).not.toContain('squirrel');
    expect(makers.length).toBeGreaterThan(0);
  });

  it('writes into a Windows package the pinned publisher electron-updater checks each NSIS installer against', async () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    vi.stubEnv('GUICHET_UPDATE_PUBLIC_KEY', pem);
    vi.stubEnv('GUICHET_WINDOWS_PUBLISHER', 'Ville de Rivebelle; Rivebelle DSI');
    const buildPath = join(root, 'resources', 'app');
    mkdirSync(buildPath, { recursive: true });

    await (config.hooks?.packageAfterCopy as AfterCopyHook)(config, buildPath, '45.5.0', 'win32', 'x64');

    const yml = readFileSync(join(root, 'resources', 'app-update.yml'), 'utf8');
    expect(yml).toBe(appUpdateYml(['Ville de Rivebelle', 'Rivebelle DSI']));
    expect(yml).toContain('publisherName:\n  - "Ville de Rivebelle"\n  - "Rivebelle DSI"\n');
    expect(readUpdateSigning(join(root, 'resources'), 'win32')).toEqual({
      publicKey: pem.trim(),
      windowsPublisherNames: ['Ville de Rivebelle', 'Rivebelle DSI'],
    });
  });

  it('ships nothing to verify with when the release machine gave no key: that build never updates', async () => {
    vi.stubEnv('GUICHET_UPDATE_PUBLIC_KEY', '');
    const buildPath = join(root, 'resources', 'app');
    mkdirSync(buildPath, { recursive: true });

    await (config.hooks?.packageAfterCopy as AfterCopyHook)(config, buildPath, '45.5.0', 'linux', 'x64');

    expect(readFileSync(join(root, 'resources', 'package-type'), 'utf8')).toBe('deb\n');
    expect(existsSync(join(root, 'resources', UPDATE_SIGNING_FILE))).toBe(false);
    expect(readUpdateSigning(join(root, 'resources'), 'linux', () => undefined)).toBeNull();
  });
});

describe('update verification beyond the feed', () => {
  const keys = generateKeyPairSync('ed25519');
  const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const installer = randomBytes(200_000);
  const signature = sign(null, installer, keys.privateKey);

  it('accepts an installer signed with the key shipped in the app, raw or base64', () => {
    expect(installerSignatureValid(installer, signature, publicKey)).toBe(true);
    expect(installerSignatureValid(installer, Buffer.from(signature.toString('base64')), publicKey)).toBe(true);
  });

  it('refuses an installer changed after signing (the feed can rewrite its own hash, not the signature)', () => {
    const tampered = Buffer.from(installer);
    tampered[100_000] = tampered[100_000]! ^ 0xff;

    expect(installerSignatureValid(tampered, signature, publicKey)).toBe(false);
  });

  it('refuses a signature made with another key, and garbage', () => {
    const other = generateKeyPairSync('ed25519');

    expect(installerSignatureValid(installer, sign(null, installer, other.privateKey), publicKey)).toBe(false);
    expect(installerSignatureValid(installer, Buffer.from('not a signature'), publicKey)).toBe(false);
  });

  it.each([
    ['no pinned publisher on Windows', { publicKey, windowsPublisherNames: [] }, 'win32'],
    [
      'a key that is not Ed25519',
      {
        publicKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        windowsPublisherNames: ['x'],
      },
      'linux',
    ],
    ['no key', { windowsPublisherNames: ['x'] }, 'darwin'],
  ] as const)('keeps updates off with %s', (_label, content, platform) => {
    writeFileSync(join(root, UPDATE_SIGNING_FILE), JSON.stringify(content));
    const warnings: string[] = [];

    expect(readUpdateSigning(root, platform, (message) => warnings.push(message))).toBeNull();
    expect(warnings).toHaveLength(1);
  });

  it('finds the signature beside the installer on the feed, and takes https feeds only', () => {
    expect(signatureUrl('https://central.ville.example/updates', 'Guichet Setup 0.2.0.exe')).toBe(
      'https://central.ville.example/updates/Guichet%20Setup%200.2.0.exe.sig',
    );
    expect(readUpdateFeedUrl({ GUICHET_UPDATE_URL: 'https://central.ville.example/updates/' }, root)).toBe(
      'https://central.ville.example/updates/',
    );
    expect(readUpdateFeedUrl({ GUICHET_UPDATE_URL: 'http://central.ville.example/updates/' }, root, () => undefined)).toBeNull();
  });
});
