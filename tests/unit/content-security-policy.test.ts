import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, httpOrigin } from '../../src-main/web/content-security-policy';

const directive = (policy: string, name: string) => policy.split('; ').find((part) => part.startsWith(`${name} `));

describe('the workspace page’s images', () => {
  it('come from the app itself unless an origin is named (the public address of the survey QR codes)', () => {
    expect(directive(contentSecurityPolicy(), 'img-src')).toBe("img-src 'self' data: blob:");
    expect(directive(contentSecurityPolicy({ imageSources: ['https://participer.ville.fr'] }), 'img-src')).toBe(
      "img-src 'self' data: blob: https://participer.ville.fr",
    );
    // Naming an image origin opens nothing else.
    expect(directive(contentSecurityPolicy({ imageSources: ['https://participer.ville.fr'] }), 'connect-src')).toBe("connect-src 'self'");
  });

  it.each([
    ['https://participer.ville.fr/', 'https://participer.ville.fr'],
    ['http://127.0.0.1:8787/sondages', 'http://127.0.0.1:8787'],
    ["https://a.fr; script-src 'unsafe-eval'", null],
    ['javascript:alert(1)', null],
    ['data:image/png;base64,AA', null],
    [null, null],
  ])('reads %s as the origin %s', (url, origin) => {
    expect(httpOrigin(url)).toBe(origin);
  });
});
