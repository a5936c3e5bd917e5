import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentPicker } from './pages/agent-picker';
import { WorkspaceShell } from './pages/workspace-shell';
import { openGuichet, type GuichetSession } from './support/session';

/** Far below the demo's 10,000 cases: what a grid that renders only the rows on screen keeps in the page. */
const MAX_RENDERED_ROWS = 200;

describe('the case list', () => {
  let session: GuichetSession;

  beforeEach(async () => {
    session = await openGuichet();
  });

  afterEach(async () => {
    await session?.close();
  });

  it('announces every matching row but renders only those on screen, down to the last one', async () => {
    await new AgentPicker(session.page).chooseAgent('Camille Accueil');
    const list = await new WorkspaceShell(session.page).openCaseList();

    const total = await list.total();
    expect(total).toBe(10_000);
    expect(await list.gridRowCount()).toBe(total + 1);
    const top = await list.renderedRows();
    expect(top[0]?.rowIndex).toBe(2);
    expect(top.length).toBeLessThan(MAX_RENDERED_ROWS);

    const last = await list.jumpToLastRow();
    expect(last.rowIndex).toBe(total + 1);
    expect(last.trackingCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(await list.focusedRow()).toBe(total + 1);
    const bottom = await list.renderedRows();
    expect(bottom.length).toBeLessThan(MAX_RENDERED_ROWS);
    expect(bottom.some((row) => row.rowIndex === 2)).toBe(false);

    await list.jumpToFirstRow();
    expect(await list.focusedRow()).toBe(2);

    const scrolled = await list.scrollToBottom();
    expect(scrolled).toEqual(last);
    expect((await list.renderedRows()).length).toBeLessThan(MAX_RENDERED_ROWS);

    const detail = await list.openCase(last.trackingCode);
    expect(await detail.trackingCode()).toBe(last.trackingCode);
  });
});
