import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyCollectors, surveyResponses, surveys } from '../../src-central/db/schema';
import { publicPaths } from '../../src-shared/http/public-paths';
import { linksOf } from '../support/smtp-test-server';
import { KioskScreen, PublicSurveyPage } from './pages/public-survey-pages';
import { SignInPage } from './pages/sign-in-page';
import { StoredSurveyPage } from './pages/survey-page';
import { SyncPanel } from './pages/sync-panel';
import { WorkspaceShell } from './pages/workspace-shell';
import { literal } from './support/accessible';
import { launchChromium, type LaunchedBrowser } from './support/chromium';
import { startSyncedWorkspace, type SyncedWorkspace } from './support/synced-workspaces';
import { consentingCitizens, consentingPostalCode, startVoiceCentral, type VoiceCentral } from './support/voice-central';

const title = 'Travaux de la rue Jean-Jaurès';
const purpose =
  'La Ville recueille votre avis sur les travaux de la rue Jean-Jaurès pour mieux informer les riverains. Réponses anonymes, conservées deux ans.';
const bothered = 'Avez-vous été gêné par les travaux ?';
const information = 'Comment jugez-vous l’information donnée pendant les travaux ?';
const kioskPlace = 'Hall de la mairie';
const campaignLabel = 'Riverains de la rue Jean-Jaurès';

type Answers = { gene: 'oui'; information: number } | { gene: 'non' };

/**
 * Issue 12 §5 in one walk, against real parts: a designer's workspace synced with a central service (PGlite)
 * serving the public pages and sending campaigns through a loopback SMTP server; citizens in another Chromium.
 */
describe('the citizens’ voice, from the designer to the export', () => {
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

  const responsesOf = (surveyId: string) =>
    voice.central.database.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId));
  /** What the central service holds of a survey the workspace pushed: its status, or null before it arrives. */
  const centralStatusOf = async (surveyId: string) =>
    (await voice.central.database.db.select({ status: surveys.status }).from(surveys).where(eq(surveys.id, surveyId)))[0]?.status ?? null;
  const centralCollectorOf = async (collectorId: string) =>
    (
      await voice.central.database.db
        .select({ status: surveyCollectors.status })
        .from(surveyCollectors)
        .where(eq(surveyCollectors.id, collectorId))
    )[0]?.status ?? null;

  /** An answer sent the way the public page sends it, for counts the small-segment rule lets the synthesis show. */
  const postAnswer = async (surveyId: string, answers: Answers, extra: { channel: 'link' } | { channel: 'kiosk'; collectorId: string }) => {
    const response = await fetch(`${voice.url}${publicPaths.responses(surveyId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: randomUUID(), answers, ...extra }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
  };

  it('designs, opens, collects on every channel, synthesises and exports a survey', async () => {
    // 1. The designer signs in; the first sync fills the replica.
    await agent.goto(workspace.url);
    await new SignInPage(agent).ready().then((signIn) => signIn.signIn('responsable.voirie@rivebelle.example', 'demo'));
    const sync = new SyncPanel(agent);
    await sync.waitForState('En ligne');

    // 2. A survey with a conditional question, designed in the workspace and opened.
    const designer = await (await new WorkspaceShell(agent).openSurveys()).startNewSurvey();
    await designer.setTitle(title);
    await designer.setPurpose(purpose);
    const first = await designer.addQuestion('Choix unique');
    await first.setName('gene');
    await first.setTitle(bothered);
    await first.setRequired(true);
    await first.setChoice(1, 'oui', 'Oui');
    await first.setChoice(2, 'non', 'Non');
    const second = await designer.addQuestion('Note (étoiles ou visages)');
    await second.setName('information');
    await second.setTitle(information);
    await second.setRequired(true);
    await second.showIf(bothered, 'est', 'Oui');
    expect(await designer.problems()).toEqual([]);
    await designer.save();
    const surveyPage = await new StoredSurveyPage(agent).ready(title);
    await surveyPage.waitForStatus('Brouillon');
    await (await surveyPage.openDesign()).openToAnswers();
    await surveyPage.waitForStatus('Ouvert');

    // 3. A citizen answers through the public link: the conditional question shows once "Oui" is chosen.
    const diffusion = await surveyPage.openDiffusion();
    const link = await diffusion.publicLink();
    expect(link).toMatch(new RegExp(`^${literal(voice.url)}/s/[0-9a-f-]{36}$`));
    const surveyId = link.slice(link.lastIndexOf('/') + 1);
    // The workspace pushes the opening on its own; citizens find the survey once the central service has it.
    await expect.poll(() => centralStatusOf(surveyId), { timeout: 60_000 }).toBe('open');
    const citizen = await citizenBrowser.context.newPage();
    await citizen.goto(link);
    const publicPage = await new PublicSurveyPage(citizen).ready();
    expect(await publicPage.title()).toBe(title);
    expect(await publicPage.purpose()).toContain(purpose);
    await publicPage.waitForQuestion(bothered);
    expect(await publicPage.isShown(information)).toBe(false);
    await publicPage.choose(bothered, 'Oui');
    await expect.poll(() => publicPage.isShown(information)).toBe(true);
    await publicPage.rate(information, 4);
    expect(await publicPage.finish()).toContain('Merci pour votre participation');
    expect((await responsesOf(surveyId)).map((row) => [row.channel, row.answers])).toEqual([['link', { gene: 'oui', information: 4 }]]);

    // 4. A kiosk made in the Diffusion tab, answered twice while offline, counted once each when back online.
    const kioskUrl = await diffusion.addKiosk(kioskPlace);
    expect(kioskUrl).toMatch(new RegExp(`^${literal(voice.url)}/k/[0-9a-f-]{36}$`));
    const kioskId = kioskUrl.slice(kioskUrl.lastIndexOf('/') + 1);
    await expect.poll(() => centralCollectorOf(kioskId), { timeout: 60_000 }).toBe('active');
    const tablet = await citizenBrowser.context.newPage();
    await tablet.goto(kioskUrl);
    const kiosk = await new KioskScreen(tablet).ready();
    await kiosk.waitUntilOfflineReady();
    await citizenBrowser.context.setOffline(true);
    await kiosk.choose(bothered, 'Oui');
    await kiosk.next();
    await kiosk.rate(information, 5);
    await kiosk.finishAndRestart();
    await kiosk.choose(bothered, 'Non');
    await kiosk.finishAndRestart();
    expect(await kiosk.outbox()).toBe('hors ligne — 2 réponses en attente');
    expect((await responsesOf(surveyId)).filter((row) => row.channel === 'kiosk')).toEqual([]);
    // Back online, the service's reply to the first answer sent is lost on the way (it stored the answer):
    // the kiosk sends it again, with the same id.
    const answersRoute = `**${publicPaths.responses(surveyId)}`;
    let lostReplies = 0;
    await citizenBrowser.context.route(answersRoute, async (route) => {
      if (lostReplies > 0) return route.continue();
      lostReplies++;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await citizenBrowser.context.setOffline(false);
    await kiosk.waitUntilSent();
    await citizenBrowser.context.unroute(answersRoute);
    expect(lostReplies).toBe(1);
    const kioskRows = (await responsesOf(surveyId)).filter((row) => row.channel === 'kiosk');
    expect(
      kioskRows.map((row) => [row.collectorId, row.answers]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([
      [kioskId, { gene: 'non' }],
      [kioskId, { gene: 'oui', information: 5 }],
    ]);

    // 5. An email campaign to the three citizens who consented; one answers from the link in their email.
    await diffusion.addCampaign({ label: campaignLabel, postalCodes: consentingPostalCode, ratePerMinute: 600 });
    await diffusion.launchCampaign();
    await expect.poll(() => voice.smtp.messages.length, { timeout: 60_000 }).toBe(3);
    expect(voice.smtp.messages.flatMap((message) => message.to).sort()).toEqual(consentingCitizens.map((person) => person.email).sort());
    await expect
      .poll(() => diffusion.campaignCounts(), { timeout: 60_000 })
      .toMatchObject({ recipients: 3, sent: 3, failed: 0, responded: '< 5' });
    await expect.poll(() => diffusion.campaignStatus(), { timeout: 60_000 }).toBe('Terminé');
    const email = voice.smtp.messages[0]!;
    expect(email.subject).toContain(title);
    const emailed = linksOf(email);
    expect(emailed.surveyId).toBe(surveyId);
    const fromEmail = await citizenBrowser.context.newPage();
    await fromEmail.goto(emailed.answer);
    const emailedPage = await new PublicSurveyPage(fromEmail).ready();
    await emailedPage.choose(bothered, 'Oui');
    await emailedPage.rate(information, 2);
    expect(await emailedPage.finish()).toContain('Merci pour votre participation');
    const emailRows = (await responsesOf(surveyId)).filter((row) => row.channel === 'email');
    expect(emailRows.map((row) => row.answers)).toEqual([{ gene: 'oui', information: 2 }]);
    // The emailed link is single-use.
    const again = await fromEmail.goto(emailed.answer);
    expect(again?.status()).toBe(409);
    expect(await emailedPage.title()).toBe('Vous avez déjà répondu, merci');

    // More answers on the link and the kiosk, so that the synthesis has counts of 5 and more to show.
    for (const answers of [{ gene: 'oui', information: 3 }, { gene: 'oui', information: 5 }, { gene: 'non' }, { gene: 'non' }] as const)
      await postAnswer(surveyId, answers, { channel: 'link' });
    for (const answers of [
      { gene: 'oui', information: 4 },
      { gene: 'non' },
      { gene: 'oui', information: 2 },
      { gene: 'oui', information: 1 },
    ] as const)
      await postAnswer(surveyId, answers, { channel: 'kiosk', collectorId: kioskId });
    expect(await responsesOf(surveyId)).toHaveLength(12);

    // 6. Every answer in the Synthèse tab, once the workspace has pulled them: the kiosk's six (two of them
    // kept offline) counted once each. The email's single answer is under 5, and the link's 5 would give it
    // back by subtraction from the total: both are hidden.
    const synthesis = await surveyPage.openSynthesis();
    await synthesis.waitForTotal('12 réponses');
    expect((await synthesis.channels()).sort()).toEqual(['Borne', 'Campagne d’envoi', 'Lien public']);
    expect(await synthesis.channelCount('Borne')).toBe('6');
    expect(await synthesis.channelCount('Lien public')).toBe('< 5');
    expect(await synthesis.channelCount('Campagne d’envoi')).toBe('< 5');
    expect(await synthesis.collectorCount(kioskPlace)).toBe('6');
    expect(await synthesis.collectorCount(campaignLabel)).toBe('< 5');
    expect(await synthesis.questionSummary(bothered)).toContain('12 ont répondu');
    const informationSummary = await synthesis.questionSummary(information);
    expect(informationSummary).toContain('8 ont répondu');
    expect(informationSummary).toContain('Moyenne : 3,25');

    // 7. The XLSX export, read back: one column per question, the conditional one empty where it was not shown.
    const download = await synthesis.exportXlsx();
    expect(download.suggestedFilename()).toBe('Travaux-de-la-rue-Jean-Jaures.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0]!;
    const header = sheet.getRow(1).values as unknown[];
    const columns = header.slice(1).map(String);
    expect(columns).toEqual(['Réponse', 'Date', 'Canal', 'Point de collecte', 'Note', bothered, information]);
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, index) =>
      columns.map((_, column) => sheet.getRow(index + 2).getCell(column + 1).value),
    );
    expect(rows).toHaveLength(12);
    const central = await responsesOf(surveyId);
    expect(rows.map((row) => row[0]).sort()).toEqual(central.map((row) => row.id).sort());
    expect(rows.filter((row) => row[5] === 'Non').map((row) => row[6])).toEqual([null, null, null, null]);
    const summary = rows.map((row) =>
      [row[2], row[3], row[4], row[5], row[6]].map((cell) => (cell === null ? '' : String(cell))).join(' | '),
    );
    expect(summary.sort()).toEqual(
      [
        // The link and the campaign are hidden in the synthesis, and so the responses without a collector
        // (the link's 5, which would give the link back): their cells read « < 5 », as on screen.
        `< 5 | < 5 |  | Oui | 4`,
        `< 5 | < 5 |  | Oui | 3`,
        `< 5 | < 5 |  | Oui | 5`,
        `< 5 | < 5 |  | Non | `,
        `< 5 | < 5 |  | Non | `,
        `Borne | ${kioskPlace} |  | Oui | 5`,
        `Borne | ${kioskPlace} |  | Non | `,
        `Borne | ${kioskPlace} |  | Oui | 4`,
        `Borne | ${kioskPlace} |  | Non | `,
        `Borne | ${kioskPlace} |  | Oui | 2`,
        `Borne | ${kioskPlace} |  | Oui | 1`,
        `< 5 | < 5 |  | Oui | 2`,
      ].sort(),
    );
  }, 600_000);
});
