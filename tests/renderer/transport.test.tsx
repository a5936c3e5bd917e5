import { describe, expect, it, vi } from 'vitest';
import { detectTransport, takeBrowserToken, TOKEN_STORAGE_KEY } from '../../src-renderer/app/transport';

function browser(url: string) {
  const parsed = new URL(url);
  const storage = new Map<string, string>();
  const replaceState = vi.fn();
  return {
    env: {
      location: { search: parsed.search, pathname: parsed.pathname, hash: parsed.hash },
      history: { replaceState, state: null },
      sessionStorage: {
        getItem: (key: string) => storage.get(key) ?? null,
        setItem: (key: string, value: string) => void storage.set(key, value),
      },
    },
    storage,
    replaceState,
  };
}

describe('browser-mode token', () => {
  it('is read from the URL, kept in sessionStorage and removed from the address bar', () => {
    const { env, storage, replaceState } = browser('http://127.0.0.1:4321/?token=s3cr3t-token&lang=fr#/cases');
    expect(takeBrowserToken(env)).toBe('s3cr3t-token');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('s3cr3t-token');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/?lang=fr#/cases');
  });

  it('is found again in sessionStorage after a reload', () => {
    const { env, storage, replaceState } = browser('http://127.0.0.1:4321/#/');
    storage.set(TOKEN_STORAGE_KEY, 'kept');
    expect(takeBrowserToken(env)).toBe('kept');
    expect(replaceState).not.toHaveBeenCalled();
  });

  it('is absent when neither has it', () => {
    expect(takeBrowserToken(browser('http://127.0.0.1:4321/').env)).toBeNull();
  });
});

describe('transport choice', () => {
  it('uses IPC when the Electron preload exposed its bridge, HTTP otherwise', () => {
    expect(detectTransport({ electronTRPC: {} })).toBe('electron');
    expect(detectTransport({})).toBe('browser');
  });
});
