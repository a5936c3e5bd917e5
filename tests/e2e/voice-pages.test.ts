import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, departments, outcomes } from '../../src-central/db/schema';
import { nextVersion } from '../../src-central/db/versions';
import { blockingViolations, describeViolations } from './support/axe';
import { launchChromium, type LaunchedBrowser } from './support/chromium';
import { startVoiceCentral, type VoiceCentral } from './support/voice-central';

/**
 * The voice's script-free public pages as a citizen meets them on a phone, in Chromium: the feedback form
 * (`/avis`) and its thank-you, the published outcomes (`/resultats`). axe finds no serious or critical violation.
 */
describe('the feedback form and the outcomes page in Chromium', () => {
  let central: VoiceCentral;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    central = await startVoiceCentral();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await central?.close();
  });

  it('takes a feedback with its rating faces, accessible, and files it as a feedback case', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    expect((await page.goto(`${central.url}/avis`))?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Donner votre avis');
    let violations = await blockingViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    // The faces are drawn, not emoji a phone's fonts may lack; each choice is named by its words.
    expect(await page.locator('#rating svg.face').count()).toBe(5);

    await page.getByLabel('Service concerné').selectOption({ label: 'Sports (piscines) — Avis sur un équipement' });
    await page.getByRole('radio', { name: 'Satisfait', exact: true }).check();
    await page.getByLabel('Votre avis').fill('Les nouveaux horaires du bassin <b>conviennent</b> bien.');
    await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Merci pour votre avis');
    violations = await blockingViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    const text = 'Les nouveaux horaires du bassin <b>conviennent</b> bien.';
    const filed = await central.central.database.db.select().from(cases).where(eq(cases.description, text));
    expect(filed.map((row) => row.kind)).toEqual(['feedback']);
    await page.close();
  });

  it('shows the published outcomes, in French and English, accessible', async () => {
    const { db } = central.central.database;
    const [sports] = await db.select().from(departments).where(eq(departments.code, 'SPORTS'));
    if (sports === undefined) throw new Error('the demo city has no Sports department');
    const at = '2026-11-20T09:00:00.000Z';
    await db.transaction(async (tx) => {
      await tx.insert(outcomes).values({
        id: uuidv7(),
        departmentId: sports.id,
        title: { fr: 'La piscine ouvre le dimanche', en: 'The pool opens on Sundays' },
        body: { fr: 'Vous étiez nombreux à le demander : ouverture de 9 h à 13 h.', en: 'Many of you asked: open 9 am to 1 pm.' },
        surveyIds: [],
        caseIds: [],
        status: 'published',
        publishedAt: at,
        createdAt: at,
        updatedAt: at,
        version: 1,
        rowVersion: await nextVersion(tx),
      });
    });
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${central.url}/resultats`);
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toContain('La piscine ouvre le dimanche');
    let violations = await blockingViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.getByRole('link', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toContain('The pool opens on Sundays');
    violations = await blockingViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.close();
  });
});
