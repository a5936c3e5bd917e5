import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentPicker } from './pages/agent-picker';
import { WorkspaceShell } from './pages/workspace-shell';
import { openGuichet, type GuichetSession } from './support/session';

/** Tracking codes avoid look-alike characters (no 0/O, 1/I/L, U). */
const trackingCodePattern = /^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;

describe("the counter agent's desk", () => {
  let session: GuichetSession;

  beforeEach(async () => {
    session = await openGuichet();
  });

  afterEach(async () => {
    await session?.close();
  });

  it('finds no citizen, creates one, opens a case from the card, moves it twice and finds it again by its code', async () => {
    const desk = await new AgentPicker(session.page).chooseAgent('Responsable Voirie');
    const shell = new WorkspaceShell(session.page);
    expect(await shell.currentAgent()).toBe('Responsable Voirie');

    const nobody = await desk.searchFor('Quintavalle');
    expect(nobody.citizens).toEqual([]);
    expect(await desk.searchSummary()).toBe('Aucun résultat.');

    const form = await desk.startNewCitizen();
    await form.fill({
      firstName: 'Lucia',
      lastName: 'Quintavalle',
      email: 'lucia.quintavalle@exemple.fr',
      phone: '06 47 19 82 53',
      line1: '12 rue des Lilas',
      postalCode: '45210',
      city: 'Rivebelle',
    });
    const card = await form.save();
    expect(await card.name()).toBe('Lucia Quintavalle');
    expect(await card.detail('Courriel')).toBe('lucia.quintavalle@exemple.fr');
    expect(await card.detail('Téléphone')).toBe('06 47 19 82 53');
    expect(await card.detail('Adresse postale')).toBe('12 rue des Lilas\n45210 Rivebelle');
    expect(await card.historyCount()).toBe(0);

    const newCase = await card.startNewCase();
    expect(await newCase.citizen()).toMatch(/^Lucia Quintavalle\b/);
    await newCase.chooseCategory('Nid-de-poule');
    expect(await newCase.categoryFacts()).toContain('Voirie');
    await newCase.fill({
      subject: 'Nid-de-poule devant le 12 rue des Lilas',
      description: 'Trou profond sur la chaussée, côté pair, près du passage piéton.',
      address: '12 rue des Lilas, Rivebelle',
    });
    await newCase.save();
    const code = await newCase.readTrackingCode();
    expect(code).toMatch(trackingCodePattern);
    expect(await newCase.trackingCodeFontSize()).toBeGreaterThanOrEqual(40);
    expect(await newCase.copyTrackingCode()).toBe(code);

    const detail = await newCase.openCase();
    expect(await detail.trackingCode()).toBe(code);
    expect(await detail.status()).toBe('Nouvelle');
    expect(await detail.fact('Usager')).toBe('Lucia Quintavalle');
    expect(await detail.fact('Service')).toBe('Voirie');
    expect(await detail.availableActions()).toContain('Qualifier');

    await detail.apply('Qualifier');
    expect(await detail.status()).toBe('Qualifiée');
    await detail.apply('Prendre en charge');
    expect(await detail.status()).toBe('Affectée');
    expect(await detail.fact('Affectée à')).toBe('Responsable Voirie');
    expect(await detail.timelineText()).toContain('Qualifiée → Affectée');

    await detail.addInternalNote('Trou d’environ 30 cm, vu avec l’usagère au guichet.');
    await detail.recordReply('Bonjour, votre signalement est pris en charge par le service Voirie.');
    expect(await detail.timelineText()).toContain('Pas encore envoyée (notifications à venir).');

    await shell.openDesk();
    const search = await shell.openSearchWithShortcut();
    const found = await search.typeTrackingCode(code);
    expect(await found.trackingCode()).toBe(code);
    expect(await found.status()).toBe('Affectée');

    const again = await found.openCitizen();
    expect(await again.historyTrackingCodes()).toEqual([code]);
  });

  it('searches with the keyboard only: arrows move, Enter opens, Escape closes', async () => {
    await new AgentPicker(session.page).chooseAgent('Camille Accueil');
    const shell = new WorkspaceShell(session.page);

    const search = await shell.openSearchFromHeader();
    const { citizens } = await search.searchFor('Martin');
    expect(citizens.length).toBeGreaterThan(1);
    expect(await search.highlighted()).toBe(citizens[0]);
    await search.moveHighlight('down');
    expect(await search.highlighted()).toBe(citizens[1]);
    const card = await search.openHighlightedCitizen();
    expect(await card.name()).toBe(citizens[1]);

    const again = await shell.openSearchWithShortcut();
    await again.close();
    expect(await card.name()).toBe(citizens[1]);
  });

  it('shows what is wrong in French next to each field, keeps everything typed, then warns of a likely duplicate', async () => {
    await new AgentPicker(session.page).chooseAgent('Camille Accueil');
    const form = await new WorkspaceShell(session.page).startNewCitizen();
    const typed = {
      firstName: 'Lucia',
      lastName: '',
      birthDate: '1987-03-14',
      email: 'lucia.quintavalle@',
      phone: '06 47 19',
      line1: '12 rue des Lilas',
      line2: 'Bâtiment B',
      postalCode: '4521',
      city: 'Rivebelle',
    };
    await form.fill(typed);
    await form.submitExpectingErrors();

    expect(await form.invalidFields()).toEqual(['lastName', 'email', 'phone', 'postalCode']);
    expect(await form.errorOf('lastName')).toBe('Champ obligatoire.');
    expect(await form.errorOf('email')).toBe('Adresse de courriel invalide.');
    expect(await form.errorOf('phone')).toContain('Numéro de téléphone invalide (exemple : 06 12 34 56 78).');
    expect(await form.errorOf('postalCode')).toBe('Code postal invalide (5 chiffres).');
    expect(await form.values()).toEqual(typed);
    expect(await form.heading()).toBe('Nouvel usager');

    await form.fill({ lastName: 'Quintavalle', email: 'lucia.quintavalle@exemple.fr', phone: '06 47 19 82 53', postalCode: '45210' });
    const card = await form.save();
    expect(await card.name()).toBe('Lucia Quintavalle');
    expect(await card.detail('Adresse postale')).toBe('12 rue des Lilas\nBâtiment B\n45210 Rivebelle');

    const second = await new WorkspaceShell(session.page).startNewCitizen();
    await second.fill({ firstName: 'Lucie', lastName: 'Quintaval', email: 'lucia.quintavalle@exemple.fr' });
    expect(await second.similarCitizens()).toEqual(['Lucia Quintavalle']);
    const existing = await second.openSimilarCitizen('Lucia Quintavalle');
    expect(await existing.name()).toBe('Lucia Quintavalle');
  });

  it('declares the language it shows, and follows the switch both ways', async () => {
    const picker = new AgentPicker(session.page);
    const shell = new WorkspaceShell(session.page);
    expect(await shell.documentLanguage()).toBe('fr');
    const desk = await picker.chooseAgent('Camille Accueil');

    await shell.chooseLanguage('en');
    expect(await shell.documentLanguage()).toBe('en');
    expect(await shell.isLanguagePressed('en')).toBe(true);
    expect(await desk.title()).toBe('Desk');
    expect(await shell.navigationLabels()).toEqual([
      'Desk',
      'Cases',
      'New case',
      'New citizen',
      'Surveys',
      'Enter an answer',
      'Indicators',
      'You said, we did',
    ]);

    await shell.chooseLanguage('fr');
    expect(await shell.documentLanguage()).toBe('fr');
    expect(await desk.title()).toBe('Accueil');
  });
});
