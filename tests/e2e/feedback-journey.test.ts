import { and, eq, isNull } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, caseTags, outcomes } from '../../src-central/db/schema';
import type { CaseDetailPage } from './pages/case-detail-page';
import { SignInPage } from './pages/sign-in-page';
import { SyncPanel } from './pages/sync-panel';
import { WorkspaceShell } from './pages/workspace-shell';
import { launchChromium, type LaunchedBrowser } from './support/chromium';
import { startSyncedWorkspace, type SyncedWorkspace } from './support/synced-workspaces';
import { startVoiceCentral, type VoiceCentral } from './support/voice-central';

const author = 'lea.martin@exemple.fr';
const comment = 'Le bassin ferme trop tôt le samedi : impossible d’y aller après le travail.';
const reply = 'Merci pour votre avis : nous étudions des horaires plus tardifs le samedi.';
const theme = 'Horaires du bassin';
const outcomeTitle = 'Le bassin ouvre jusqu’à 20 h le samedi';
const outcomeBody = 'Vous étiez plusieurs à le demander : depuis le 1er décembre, le bassin ferme à 20 h le samedi.';

/**
 * Issue 12 §4 in one walk, against real parts: a citizen's feedback from `/avis` arrives as a feedback case;
 * the department's supervisor replies (emailed to the author, who consented), files it under a theme, sees
 * the theme counted beside the outcomes, links the theme's feedback to an outcome and publishes it: the
 * outcome is on `/resultats`, the author is emailed, and the outcome's card counts the email sent.
 */
describe('feedback, from the public form to the published outcome', () => {
  let voice: VoiceCentral;
  let workspace: SyncedWorkspace;
  let agentBrowser: LaunchedBrowser;
  let citizenBrowser: LaunchedBrowser;
  let agent: Page;

  beforeAll(async () => {
    voice = await startVoiceCentral();
    workspace = await startSyncedWorkspace(voice.url);
    agentBrowser = await launchChromium();
    citizenBrowser = await launchChromium();
    agent = agentBrowser.context.pages()[0] ?? (await agentBrowser.context.newPage());
  }, 180_000);
  afterAll(async () => {
    await citizenBrowser?.close();
    await agentBrowser?.close();
    await workspace?.close();
    await voice?.close();
  });

  const mailsTo = (address: string) => voice.smtp.messages.filter((message) => message.to.includes(address));

  it('files, answers, themes, links and publishes a citizen’s feedback', async () => {
    // 1. A citizen gives their opinion on the pool, leaves an address and consents to being written to.
    const citizen = await citizenBrowser.context.newPage();
    await citizen.setViewportSize({ width: 390, height: 844 });
    await citizen.goto(`${voice.url}/avis`);
    await citizen.getByLabel('Service concerné').selectOption({ label: 'Sports (piscines) — Avis sur un équipement' });
    await citizen.getByRole('radio', { name: 'Insatisfait', exact: true }).check();
    await citizen.getByLabel('Votre avis').fill(comment);
    await citizen.getByLabel(/^Votre adresse email/).fill(author);
    await citizen.getByRole('checkbox', { name: /^J'accepte que la ville me réponde/ }).check();
    await citizen.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await expect.poll(() => citizen.getByRole('heading', { level: 1 }).textContent()).toBe('Merci pour votre avis');
    const [filed] = await voice.central.database.db.select().from(cases).where(eq(cases.description, comment));
    expect(filed?.kind).toBe('feedback');
    const trackingCode = filed?.trackingCode ?? '';

    // 2. Sports' supervisor signs in; the first sync brings the feedback case.
    await agent.goto(workspace.url);
    await new SignInPage(agent).ready().then((signIn) => signIn.signIn('responsable.sports@rivebelle.example', 'demo'));
    await new SyncPanel(agent).waitForState('En ligne');
    const shell = new WorkspaceShell(agent);
    const feedback: CaseDetailPage = await (await shell.openSearchWithShortcut()).typeTrackingCode(trackingCode);
    expect(await feedback.themeNames()).toEqual([]);

    // 3. A public reply, emailed once to the author who consented.
    await feedback.recordReply(reply);
    await expect.poll(() => mailsTo(author).length, { timeout: 60_000 }).toBe(1);
    expect(mailsTo(author)[0]?.text).toContain(reply);

    // 4. Filed under a theme, counted beside the outcomes; the theme reaches the central service.
    await feedback.addTheme(theme);
    expect(await feedback.themeNames()).toEqual([theme]);
    await expect
      .poll(
        async () =>
          (
            await voice.central.database.db
              .select({ theme: caseTags.theme })
              .from(caseTags)
              .where(and(eq(caseTags.caseId, filed?.id ?? ''), isNull(caseTags.removedAt)))
          ).map((row) => row.theme),
        { timeout: 60_000 },
      )
      .toEqual([theme]);
    const outcomesPage = await shell.openOutcomes();
    expect(await outcomesPage.themeSummary(theme)).toBe(`${theme} 1 avis · note moyenne 2 / 5`);

    // 5. An outcome linked to the theme's feedback, saved and published.
    const editor = await outcomesPage.startOutcome();
    await editor.write(outcomeTitle, outcomeBody);
    await editor.linkFeedbackTheme(theme);
    expect(await editor.linkedCases()).toEqual([expect.stringMatching(new RegExp(`^${trackingCode} — `))]);
    await editor.save();
    await editor.publish();

    // 6. The central service has it published with its feedback; the public page shows it; the author is told.
    await expect
      .poll(async () => (await voice.central.database.db.select().from(outcomes)).map((row) => [row.status, row.caseIds, row.title.fr]), {
        timeout: 60_000,
      })
      .toEqual([['published', [filed?.id], outcomeTitle]]);
    await citizen.goto(`${voice.url}/resultats`);
    expect(await citizen.getByRole('heading', { level: 2 }).first().textContent()).toContain(outcomeTitle);
    await expect.poll(() => mailsTo(author).length, { timeout: 60_000 }).toBe(2);
    const told = mailsTo(author)[1];
    expect(`${told?.subject ?? ''}\n${told?.text ?? ''}`).toContain(outcomeTitle);

    // 7. The outcome's card counts the email, once the central service's count syncs back.
    const card = outcomesPage.card(outcomeTitle);
    await expect
      .poll(async () => (await card.innerText()).replace(/\s+/g, ' '), { timeout: 60_000 })
      .toMatch(/Emails aux participants Destinataires 1 Envoyés 1 Échecs 0/);
  });
});
