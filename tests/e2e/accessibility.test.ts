import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentPicker } from './pages/agent-picker';
import { WorkspaceShell } from './pages/workspace-shell';
import { blockingViolations, describeViolations } from './support/axe';
import { openGuichet, type GuichetSession } from './support/session';

/** Each main screen, as an agent reaches it, checked by axe-core: no serious or critical violation. */
describe('accessibility of the main screens', () => {
  let session: GuichetSession;

  beforeEach(async () => {
    session = await openGuichet();
  });

  afterEach(async () => {
    await session?.close();
  });

  const expectNoBlockingViolation = async () => {
    const violations = await blockingViolations(session.page);
    expect(violations, describeViolations(violations)).toEqual([]);
  };

  const atWork = async () => {
    const desk = await new AgentPicker(session.page).chooseAgent('Responsable Voirie');
    return { desk, shell: new WorkspaceShell(session.page) };
  };

  it('agent picker', async () => {
    await new AgentPicker(session.page).ready();
    await expectNoBlockingViolation();
  });

  it('desk, with search results', async () => {
    const { desk } = await atWork();
    await desk.searchFor('Martin');
    await expectNoBlockingViolation();
  });

  it('search dialog, open with results', async () => {
    const { shell } = await atWork();
    const search = await shell.openSearchFromHeader();
    await search.searchFor('Moreau');
    await expectNoBlockingViolation();
  });

  it('citizen card', async () => {
    const { desk } = await atWork();
    const { citizens } = await desk.searchFor('Martin');
    await desk.openCitizen(citizens[0] ?? 'no citizen found');
    await expectNoBlockingViolation();
  });

  it('citizen form, with inline errors', async () => {
    const { shell } = await atWork();
    const form = await shell.startNewCitizen();
    await form.fill({ firstName: 'Lucia', email: 'lucia@', postalCode: '4521' });
    await form.submitExpectingErrors();
    await expectNoBlockingViolation();
  });

  it('new case, then its tracking code', async () => {
    const { shell } = await atWork();
    const newCase = await shell.startNewCase();
    await newCase.chooseCategory('Nid-de-poule');
    await expectNoBlockingViolation();
    await newCase.fill({ subject: 'Nid-de-poule rue des Lilas' });
    await newCase.save();
    await newCase.readTrackingCode();
    await expectNoBlockingViolation();
  });

  it('case list', async () => {
    const { shell } = await atWork();
    await shell.openCaseList();
    await expectNoBlockingViolation();
  });

  it('case detail', async () => {
    const { shell } = await atWork();
    const list = await shell.openCaseList();
    const [first] = await list.renderedRows();
    await list.openCase(first?.trackingCode ?? 'no case listed');
    await expectNoBlockingViolation();
  });
});
