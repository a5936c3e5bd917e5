import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyInvitations, surveyResponses } from '../../src-central/db/schema';
import { publicPaths } from '../../src-shared/http/public-paths';
import { blockingViolations, describeViolations } from './support/axe';
import { launchChromium, type LaunchedBrowser } from './support/chromium';
import { emailSettings } from '../central/support/survey-builders';
import { startPublicCentral, type PublicCentral } from './support/public-central';

/** Content-Security-Policy refusals the page met (none expected: no eval, no inline script). */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

describe('public survey pages in Chromium', () => {
  let central: PublicCentral;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    central = await startPublicCentral();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await central?.close();
  });

  const responsesOf = (surveyId: string) => central.testDb.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId));

  it('answers through the public link: the purpose first, accessible, stored once', async () => {
    const survey = await central.build.buildSurvey();
    const page = await browser.context.newPage();
    const csp = await watchCsp(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${central.url}${publicPaths.survey(survey.id)}`);
    await page.locator('#root[data-state="ready"]').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Accueil en mairie');
    const purpose = page.getByRole('region', { name: 'Avant de commencer : vos données' });
    expect(await purpose.textContent()).toContain('La mairie recueille votre avis');
    const violations = await blockingViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // English, then back to French.
    await page.getByRole('button', { name: 'Read this page in English' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Town hall welcome');
    await page.getByRole('button', { name: 'Lire cette page en français' }).click();

    await page.locator('.sd-rating__item-star').nth(3).click();
    await page.getByRole('radio', { name: 'Mairie annexe' }).click({ force: true });
    await page.getByRole('button', { name: 'Terminer' }).click();
    await page.locator('#root[data-state="sent"]').waitFor();
    expect(await page.getByRole('status').textContent()).toContain('Merci pour votre participation');

    const rows = await responsesOf(survey.id);
    expect(rows.map((row) => [row.channel, row.answers])).toEqual([['link', { satisfaction: 4, venue: 'annexe' }]]);
    expect(csp).toEqual([]);
    await page.close();
  });

  it('shows a closed survey’s page and an unknown one’s, accessible', async () => {
    const closed = await central.build.buildSurvey({ status: 'closed' });
    const page = await browser.context.newPage();
    const response = await page.goto(`${central.url}${publicPaths.survey(closed.id)}`);
    expect(response?.status()).toBe(410);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ce questionnaire est clos');
    const violations = await blockingViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    const unknown = await page.goto(`${central.url}/s/not-a-survey`);
    expect(unknown?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Questionnaire introuvable');
    await page.close();
  });

  it('answers on a kiosk while offline, and counts each answer once when the network returns', async () => {
    const survey = await central.build.buildSurvey();
    const kiosk = await central.build.buildCollector(survey, { kind: 'kiosk' });
    const page = await browser.context.newPage();
    const csp = await watchCsp(page);
    await page.goto(`${central.url}${publicPaths.kiosk(kiosk.id)}`);
    await page.locator('#root[data-state="ready"]').waitFor();
    // The service worker holds the page, its assets and its survey.
    await page.locator('#root[data-offline-ready="true"]').waitFor();
    const violations = await blockingViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    const answerOnce = async (face: number) => {
      await page
        .locator('.sd-rating__item-smiley')
        .nth(face - 1)
        .click();
      await page.getByRole('button', { name: 'Suivant' }).click();
      await page.getByRole('radio', { name: 'Mairie' }).first().click({ force: true });
      await page.getByRole('button', { name: 'Suivant' }).click();
      await page.getByRole('button', { name: 'Terminer' }).click();
      await page.locator('#root[data-state="thanks"]').waitFor();
      await page.getByRole('button', { name: 'Nouvelle réponse' }).click();
      await page.locator('#root[data-state="ready"]').waitFor();
    };

    await browser.context.setOffline(true);
    await answerOnce(5);
    await expect.poll(() => page.locator('.kiosk-status').textContent()).toBe('hors ligne — 1 réponse en attente');
    // Restarted while offline (a power cut): the page, its survey and the waiting answer are still there.
    await page.reload();
    await page.locator('#root[data-state="ready"]').waitFor();
    await answerOnce(2);
    await expect.poll(() => page.locator('.kiosk-status').textContent()).toBe('hors ligne — 2 réponses en attente');
    expect(await responsesOf(survey.id)).toEqual([]);

    // The first send's answer is lost on the way back (the service stored it): the kiosk sends it again.
    let lost = 0;
    await browser.context.route(`**${publicPaths.responses(survey.id)}`, async (route) => {
      if (lost === 0) {
        lost++;
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await browser.context.setOffline(false);
    await page.locator('.kiosk-status').waitFor({ state: 'detached', timeout: 30_000 });
    await browser.context.unroute(`**${publicPaths.responses(survey.id)}`);

    expect(lost).toBe(1);
    const rows = await responsesOf(survey.id);
    expect(rows.map((row) => [row.channel, row.collectorId, row.answers.satisfaction]).sort()).toEqual([
      ['kiosk', kiosk.id, 2],
      ['kiosk', kiosk.id, 5],
    ]);
    expect(csp).toEqual([]);
    await page.close();
  });

  it('unsubscribes from the emailed link: confirmation, done and unknown pages, each accessible', async () => {
    const survey = await central.build.buildSurvey();
    const campaign = await central.build.buildCollector(survey, emailSettings, 'Campagne de printemps');
    const citizen = await central.build.buildCitizen();
    const token = await central.build.buildInvitation(campaign, citizen.id);
    const page = await browser.context.newPage();
    const accessible = async () => {
      const violations = await blockingViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    };

    // Opening the link (as a mail scanner would) changes nothing: the page asks.
    expect((await page.goto(`${central.url}/u/${token}`))?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ne plus recevoir les questionnaires de la ville');
    await accessible();
    const statusOf = async () =>
      (await central.testDb.db.select().from(surveyInvitations).where(eq(surveyInvitations.citizenId, citizen.id)))[0]?.status;
    expect(await statusOf()).toBe('sent');

    await page.getByRole('button', { name: 'Me désinscrire' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('C’est noté');
    await accessible();
    expect(await statusOf()).toBe('unsubscribed');

    expect((await page.goto(`${central.url}/u/not-a-token`))?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ce lien n’est pas valide');
    await accessible();
    await page.close();
  });
});
