import { describe, expect, it } from 'vitest';
import { appSyncRegistry, createSyncRegistry, entityRegistry, extendSyncRegistry } from '../../src-shared/sync';
import { noticeBoardSync, noticePostSchema } from '../fixtures/notice-board';
import { noticeMutations } from '../fixtures/notice-board/mutators';
import { noticePostEntity } from '../fixtures/notice-board/notice-post';

const departmentId = '0190f000-0000-7000-8000-000000000001';
const agent = { id: '0190f000-0000-7000-8000-000000000201', name: 'Accueil', email: 'a@sim.example', roles: [] };
const ctx = { agent: { ...agent, roles: [{ departmentId, role: 'counter' as const }] }, now: new Date('2026-03-02T09:00:00.000Z') };
const noRows = { case: () => null, citizen: () => null, category: () => null, agent: () => null, row: () => null };
const post = {
  id: '0190f000-0000-7000-8000-000000000900',
  departmentId,
  authorId: agent.id,
  body: 'Note',
  pinnedAt: ctx.now.toISOString(),
};

describe('a sync registry', () => {
  it('is the app’s by default, and an extended one adds lists after the app’s', () => {
    expect(appSyncRegistry.entities).toBe(entityRegistry);
    expect(noticeBoardSync.lists).toEqual([...appSyncRegistry.lists, 'noticePosts']);
    expect(Object.keys(noticeBoardSync.emptyRowSet())).toEqual(noticeBoardSync.lists);
    expect(noticeBoardSync.childrenOf('case').map((child) => child.name)).toEqual(['caseEvent', 'caseTag']);
  });

  it('validates pages with its own lists: the app’s schema strips an injected list, the extended one checks it', () => {
    const page = { ...noticeBoardSync.emptyRowSet(), noticePosts: [post] };
    expect(appSyncRegistry.schemas.rowSet.parse(page)).not.toHaveProperty('noticePosts');
    expect(noticeBoardSync.schemas.rowSet.parse(page)).toMatchObject({ noticePosts: [post] });
    expect(() => noticeBoardSync.schemas.rowSet.parse({ ...page, noticePosts: [{ ...post, body: '' }] })).toThrow();
    expect(noticeBoardSync.schemas.entityName.parse('noticePost')).toBe('noticePost');
    expect(() => appSyncRegistry.schemas.entityName.parse('noticePost')).toThrow();
    expect(noticePostSchema.parse(post)).toEqual(post);
  });

  it('decides the mutations it holds and refuses the others by code', () => {
    const args = { id: post.id, departmentId, body: 'Note' };
    expect(noticeBoardSync.decide({ ...ctx, read: noRows }, 'notice.pin', args).effects).toEqual([
      { op: 'insert', entity: 'noticePost', row: post },
    ]);
    expect(() => appSyncRegistry.decide({ ...ctx, read: noRows }, 'notice.pin', args)).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_MUTATION' }),
    );
    expect(() => noticeBoardSync.decide({ ...ctx, read: noRows }, 'notice.pin', { ...args, body: '' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('refuses two entities of one name or list, and a mutation registered twice', () => {
    expect(() => createSyncRegistry([...entityRegistry, noticePostEntity, noticePostEntity], {})).toThrow(/share a name or a list/);
    expect(() => extendSyncRegistry(noticeBoardSync, { entities: [], mutations: noticeMutations })).toThrow(
      /notice.pin is registered twice/,
    );
  });
});
