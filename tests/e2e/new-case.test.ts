import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentPicker } from './pages/agent-picker';
import { WorkspaceShell } from './pages/workspace-shell';
import { openGuichet, type GuichetSession } from './support/session';

describe('a counter agent filing cases one after another', () => {
  let session: GuichetSession;

  beforeEach(async () => {
    session = await openGuichet();
  });

  afterEach(async () => {
    await session?.close();
  });

  it('gets a blank form from the navigation’s "Nouvelle demande" while the last case’s tracking code is on screen', async () => {
    await new AgentPicker(session.page).chooseAgent('Camille Accueil');
    const shell = new WorkspaceShell(session.page);
    const first = await shell.startNewCase();
    await first.chooseCategory('Nid-de-poule');
    await first.fill({ subject: 'Nid-de-poule rue des Lilas' });
    await first.save();
    const code = await first.readTrackingCode();

    const second = await shell.startNewCase();
    expect(await second.subject()).toBe('');
    await second.chooseCategory('Nid-de-poule');
    await second.fill({ subject: 'Nid-de-poule place du Marché' });
    await second.save();
    expect(await second.readTrackingCode()).not.toBe(code);
  });
});
