import { afterEach, describe, expect, it } from 'vitest';
import { scopeOf } from '../../src-shared/sync';
import { scopeViolations } from './checks';
import { simCity } from './city';
import { cutWorkspace } from './cut-workspace';
import { memorySimServer } from './sim-server';

const opened: { close(): void }[] = [];
afterEach(() => {
  while (opened.length > 0) opened.pop()?.close();
});

/**
 * The per-page scope check judges an event held without its case by the event's department on the server.
 * Two workspaces: the desk changes a Voirie case after opening it, and a field agent of État civil and
 * Voirie pulls pages of one version, cut after the first: the replica holds the case's first event alone.
 */
async function eventAheadOfItsCase() {
  const city = simCity();
  const { voirie, etatCivil, proprete } = city.ids as { voirie: string; etatCivil: string; proprete: string };
  const server = memorySimServer();
  await server.load(city);
  const [counter, mobileAgent] = [city.agents.find((a) => a.name === 'Accueil')!, city.agents.find((a) => a.name === 'Terrain mobile')!];
  await server.setAgentRoles(mobileAgent.id, [
    { departmentId: etatCivil, role: 'field' },
    { departmentId: voirie, role: 'field' },
  ]);
  const desk = cutWorkspace(server, counter);
  const mobile = cutWorkspace(server, mobileAgent, 1);
  opened.push(desk, mobile);
  await desk.sync();
  await mobile.sync();
  const category = (departmentId: string) => city.categories.find((candidate) => candidate.departmentId === departmentId)!.id;
  const { id } = desk.services.cases.open(desk.signedIn(), { categoryId: category(voirie), channel: 'counter', subject: 'Nid-de-poule' });
  desk.services.cases.update(desk.signedIn(), { caseId: id, expectedVersion: 1, priority: 'urgent' });
  await desk.sync();
  await mobile.syncCutAfter(1);
  expect(mobile.eventsWithoutCase()).toBe(1);
  const scope = await server.agentScope(mobileAgent.id);
  const transfer = async () => {
    desk.services.cases.transfer(desk.signedIn(), {
      caseId: id,
      expectedDepartmentId: voirie,
      categoryId: category(proprete),
      comment: 'Mauvais service',
    });
    await desk.sync();
  };
  return { server, desk, mobile, scope, transfer, caseId: id };
}

describe('the per-page scope check', () => {
  it('does not flag an event whose case left the agent’s departments after the replica’s cursor: a later page deletes it', async () => {
    const { server, mobile, scope, transfer } = await eventAheadOfItsCase();
    await transfer();
    expect(await scopeViolations(mobile, scope, { server })).toEqual([]);
    await mobile.sync();
    expect(await mobile.outsideScope()).toEqual([]);
    expect(await mobile.converged()).toBe(true);
  });

  it('flags an event held without its case when the case is outside the agent’s departments and nothing will delete it', async () => {
    const { server, mobile, caseId } = await eventAheadOfItsCase();
    const narrower = scopeOf({ roles: [{ departmentId: simCity().ids.etatCivil!, role: 'field' }] });
    const held = mobile.count(`SELECT count(*) FROM case_events WHERE case_id = '${caseId}'`);
    expect(held).toBe(1);
    expect(await scopeViolations(mobile, narrower, { server })).toEqual([
      expect.stringMatching(/^Terrain mobile holds event .* of a case outside its departments$/),
    ]);
  });
});
