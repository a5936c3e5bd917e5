import { describe, expect, it } from 'vitest';
import { contentRefusal, storableArgs, storableName } from '../../src-central/sync/push-content';

const pg = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
// drizzle wraps the driver's error: the code is on the cause.
const wrapped = (cause: unknown) => new Error('Failed query: insert into …', { cause });

describe('which write failures are the mutation’s own content', () => {
  it.each([
    ['22P05 untranslatable character', pg('22P05'), 'CONTENT_REFUSED'],
    ['22021 invalid byte sequence, wrapped by drizzle', wrapped(pg('22021')), 'CONTENT_REFUSED'],
    ['22001 string data right truncation', wrapped(pg('22001')), 'CONTENT_REFUSED'],
    ['22P02 invalid JSON escape', pg('22P02'), 'CONTENT_REFUSED'],
    ['54000 program limit exceeded', pg('54000'), 'CONTENT_REFUSED'],
    ['54001 stack depth limit exceeded', wrapped(pg('54001')), 'CONTENT_REFUSED'],
    ['a stack overflow', new RangeError('Maximum call stack size exceeded'), 'CONTENT_REFUSED'],
    ['23505 unique violation', wrapped(pg('23505')), 'ID_TAKEN'],
    // Infrastructure faults stay a 5xx: the client retries them.
    ['08006 connection failure', wrapped(pg('08006')), null],
    ['57014 statement timeout', pg('57014'), null],
    ['40001 serialization failure', pg('40001'), null],
    ['53100 disk full', pg('53100'), null],
    ['ECONNRESET', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), null],
    ['EPIPE', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }), null],
    ['a plain error', new Error('boom'), null],
    ['not an error', 'boom', null],
  ])('%s', (_label, error, code) => {
    expect(contentRefusal(error)?.code ?? null).toBe(code);
  });
});

describe('what mutation_log stores', () => {
  it.each([
    ['storable arguments, as sent', { body: 'Rue \u200F😀 \uFEFF' }, null, false, { body: 'Rue \u200F😀 \uFEFF' }],
    ['NUL, as JSON text', { body: 'a\u0000b' }, null, false, { unstorable: '{"body":"a\\u0000b"}' }],
    ['a lone surrogate in a key, as JSON text', { ['k\uD800']: 1 }, null, false, { unstorable: '{"k\\ud800":1}' }],
    ['arguments too deep, as a marker only', [[[]]], { path: 'args', code: 'too_deep' }, false, { refused: 'too_deep' }],
    ['a content refusal, always as JSON text', { body: 'ok' }, null, true, { unstorable: '{"body":"ok"}' }],
  ])('%s', (_label, args, shape, contentRefused, stored) => {
    expect(storableArgs(args, shape, contentRefused)).toEqual(stored);
  });

  it('replaces what a text column cannot hold in a name', () => {
    expect(storableName('case.\u0000comment\uD800')).toBe('case.\uFFFDcomment\uFFFD');
    expect(storableName('case.comment')).toBe('case.comment');
  });
});
