import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentPicker } from './pages/agent-picker';
import { WorkspaceShell } from './pages/workspace-shell';
import { openGuichet, type GuichetSession } from './support/session';

describe('the case detail', () => {
  let session: GuichetSession;

  beforeEach(async () => {
    session = await openGuichet();
  });

  afterEach(async () => {
    await session?.close();
  });

  it('asks in a dialog for what an action needs: an agent to assign, a comment for the citizen', async () => {
    await new AgentPicker(session.page).chooseAgent('Responsable Voirie');
    const newCase = await new WorkspaceShell(session.page).startNewCase();
    expect(await newCase.citizen()).toBe('');
    await newCase.chooseCategory('Nid-de-poule');
    await newCase.fill({ subject: 'Nid-de-poule avenue des Tilleuls', channel: 'Téléphone', priority: 'Haute' });
    await newCase.save();
    const detail = await newCase.openCase();
    expect(await detail.fact('Usager')).toBe('Sans usager');
    expect(await detail.fact('Canal')).toBe('Téléphone');
    expect(await detail.availableActions()).toEqual(['Qualifier', 'Affecter', 'Rejeter', 'Annuler la demande']);

    await detail.apply('Affecter', { assignee: 'Agent de terrain Voirie 1' });
    expect(await detail.status()).toBe('Affectée');
    expect(await detail.fact('Affectée à')).toBe('Agent de terrain Voirie 1');

    await detail.apply('Démarrer');
    expect(await detail.status()).toBe('En cours');

    await detail.apply("Mettre en attente de l'usager", { comment: 'Merci de préciser le numéro de la rue.' });
    expect(await detail.status()).toBe("En attente de l'usager");
    expect(await detail.timelineText()).toContain('Merci de préciser le numéro de la rue.');
  });
});
