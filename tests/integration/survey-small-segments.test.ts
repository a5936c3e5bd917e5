import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Replica } from '../../src-main/db/open-replica';
import type { SurveyResponse } from '../../src-shared/schemas/surveys';
import type { SynthesisFilter } from '../../src-shared/surveys/synthesis';
const remainderKey = '@rest';
import { createTestDb } from '../support/test-db';
import { seedSynthesisSurvey } from './support/synthesis-survey';

/**
 * The small-segment rule where one table's hidden count could be read back from another's (docs/surveys.md,
 * "Small segments"): channels against collectors, a cross-tab's remainder, the open answers' channels, the
 * exports and a campaign's card.
 */
let replica: Replica;
afterEach(() => replica.close());

const noFilter: SynthesisFilter = { from: null, to: null, channel: null, collectorId: null };

function setup() {
  replica = createTestDb();
  const seeded = seedSynthesisSurvey(replica);
  // A second kiosk, created after the fixture's collectors.
  const library = { ...seeded.kiosk, id: uuidv7(), label: 'Médiathèque', createdAt: '2026-11-02T10:00:00.000Z' };
  seeded.apply({ surveyCollectors: [library] });
  return { ...seeded, library };
}

const times = (n: number, make: () => SurveyResponse) => Array.from({ length: n }, make);

async function csvRows(supervisor: Awaited<ReturnType<ReturnType<typeof setup>['as']>>, surveyId: string) {
  const file = await supervisor.surveySynthesis.exportSurvey({ surveyId, format: 'csv', language: 'fr' });
  const text = Buffer.from(file.base64, 'base64').toString('utf8').slice(1);
  return Papa.parse<Record<string, string>>(text, { header: true, delimiter: ';', skipEmptyLines: true }).data;
}

describe('the small-segment rule across channels and collectors', () => {
  it('hides a kiosk’s sibling rather than another channel’s collector: the kiosk channel less what is shown gives nothing back', async () => {
    const { city, survey, kiosk, library, meeting, campaign, apply, response, as } = setup();
    const hall = times(20, () => response({ channel: 'kiosk', collectorId: kiosk.id }));
    const few = times(3, () => response({ channel: 'kiosk', collectorId: library.id }));
    apply({
      surveyResponses: [
        ...times(30, () => response({ channel: 'link', collectorId: null })),
        ...hall,
        ...few,
        ...times(6, () => response({ channel: 'meeting', collectorId: meeting.id })),
        ...times(12, () => response({ channel: 'email', collectorId: campaign.id })),
      ],
    });
    const supervisor = await as(city.supervisor.id);
    const overview = await supervisor.surveySynthesis.overview({ surveyId: survey.id, filter: noFilter });
    expect(overview.channels.find((row) => row.channel === 'kiosk')?.count).toBe(23);
    const count = (id: string) => overview.collectors.find((row) => row.id === id)?.count;
    // Before, the collectors' list hid the library's 3 and the meeting's 6, and 23 − 20 gave the 3 back.
    expect([count(kiosk.id), count(library.id)]).toEqual([null, null]);
    expect([count(meeting.id), count(campaign.id)]).toEqual([6, 12]);

    // The cross-tabs by channel and by collector are the two sides of one table too.
    const crosstab = (kind: 'channel' | 'collector') =>
      supervisor.surveySynthesis.crosstab({
        surveyId: survey.id,
        filter: noFilter,
        question: 'cleanliness',
        item: null,
        segment: { kind },
      });
    const byChannel = await crosstab('channel');
    expect(byChannel.table.segments.find((s) => s.key === 'kiosk')?.size).toBe(23);
    const byCollector = await crosstab('collector');
    const sizes = Object.fromEntries(byCollector.table.segments.map((s) => [s.key, s.size]));
    expect([sizes[kiosk.id], sizes[library.id]]).toEqual([null, null]);
    expect(byCollector.table.segments.find((s) => s.key === kiosk.id)?.cells).toBeNull();

    // The export masks both kiosks' cells: counting rows gives neither back.
    const rows = await csvRows(supervisor, survey.id);
    const collectorOf = (id: string) => rows.find((row) => row['Réponse'] === id)?.['Point de collecte'];
    expect(new Set([...hall, ...few].map((r) => collectorOf(r.id)))).toEqual(new Set(['< 5']));
    expect(rows.filter((row) => row['Point de collecte'] === 'Médiathèque')).toHaveLength(0);
    expect(rows.filter((row) => row['Point de collecte'] === meeting.label)).toHaveLength(6);
  });

  it('hides a channel that the responses without a collector would give back, in the list, its texts’ labels and the export', async () => {
    const { city, survey, kiosk, campaign, apply, response, as } = setup();
    const phone = times(3, () =>
      response({
        channel: 'phone',
        collectorId: null,
        answers: { visited: false, cleanliness: 2, whyNot: 'Pas de place pour les poussettes' },
      }),
    );
    const emailed = times(12, () =>
      response({ channel: 'email', collectorId: campaign.id, answers: { visited: false, cleanliness: 3, whyNot: 'Trop cher' } }),
    );
    apply({
      surveyResponses: [
        ...times(30, () => response({ channel: 'link', collectorId: null, answers: { visited: true, cleanliness: 4 } })),
        ...phone,
        ...emailed,
        ...times(9, () => response({ channel: 'kiosk', collectorId: kiosk.id })),
      ],
    });
    const supervisor = await as(city.supervisor.id);
    const overview = await supervisor.surveySynthesis.overview({ surveyId: survey.id, filter: noFilter });
    const channel = (name: string) => overview.channels.find((row) => row.channel === name)?.count;
    expect(channel('phone')).toBeNull();
    // The 33 without a collector (the total less the collectors' counts) less the link's 30 gave the phone's 3
    // back: the link is hidden with it.
    expect(channel('link')).toBeNull();
    expect(overview.collectors.map((row) => row.count)).toEqual([12, 9, null, null]);

    // The open answers name no hidden channel: the phone's texts (and the link's) carry none.
    const open = await supervisor.voice.openAnswers({
      surveyId: survey.id,
      filter: noFilter,
      question: 'whyNot',
      search: '',
      theme: null,
      offset: 0,
      limit: 50,
    });
    const channelOf = new Map(open.answers.map((answer) => [answer.responseId, answer.channel]));
    expect(phone.map((r) => channelOf.get(r.id))).toEqual([null, null, null]);
    expect(new Set(emailed.map((r) => channelOf.get(r.id)))).toEqual(new Set(['email']));

    // The export reads the same: the phone's rows say « < 5 » for their channel.
    const rows = await csvRows(supervisor, survey.id);
    const channelCell = (id: string) => rows.find((row) => row['Réponse'] === id)?.['Canal'];
    expect(new Set(phone.map((r) => channelCell(r.id)))).toEqual(new Set(['< 5']));
    expect(rows.filter((row) => row['Canal'] === 'Téléphone')).toHaveLength(0);
    expect(new Set(emailed.map((r) => channelCell(r.id)))).toEqual(new Set(['Campagne d’envoi']));
  });

  it('gives no hidden channel back through a filter on a shown one, nor through the export’s rows (a meeting’s QR code)', async () => {
    // The public link 30; the meeting's collector 17 by its QR code (link) and 3 typed in (meeting); phone 2.
    const { city, survey, meeting, apply, response, as } = setup();
    const typedIn = times(3, () => response({ channel: 'meeting', collectorId: meeting.id }));
    const phone = times(2, () => response({ channel: 'phone', collectorId: null }));
    apply({
      surveyResponses: [
        ...times(30, () => response({ channel: 'link', collectorId: null })),
        ...times(17, () => response({ channel: 'link', collectorId: meeting.id })),
        ...typedIn,
        ...phone,
      ],
    });
    const supervisor = await as(city.supervisor.id);
    const overview = (filter: Partial<SynthesisFilter>) =>
      supervisor.surveySynthesis.overview({ surveyId: survey.id, filter: { ...noFilter, ...filter } });
    const whole = await overview({});
    expect(whole.channels.map((row) => [row.channel, row.count])).toEqual([
      ['link', 47],
      ['meeting', null],
      ['phone', null],
    ]);
    expect(whole.collectors.find((row) => row.id === meeting.id)?.count).toBe(20);

    // Filtered on the link, the meeting's 17 (20 − 17 = the meeting channel's 3) and, through the total, the
    // 30 without a collector (32 − 30 = the phone's 2) are hidden.
    const link = await overview({ channel: 'link' });
    expect(link.total).toBe(47);
    expect(link.collectors.find((row) => row.id === meeting.id)?.count).toBeNull();
    // On the link and the meeting's collector both, the total would be that 17.
    expect((await overview({ channel: 'link', collectorId: meeting.id })).total).toBeNull();
    // Nor the cross-tab by collector on the link's respondents.
    const byCollector = await supervisor.surveySynthesis.crosstab({
      surveyId: survey.id,
      filter: { ...noFilter, channel: 'link' },
      question: 'cleanliness',
      item: null,
      segment: { kind: 'collector' },
    });
    expect(byCollector.table.segments.find((s) => s.key === meeting.id)?.size ?? null).toBeNull();

    // The export: a row of a hidden channel, collector or cell reads « < 5 » for both, so counting the rows by
    // collector (or by channel) gives no hidden count back.
    const rows = await csvRows(supervisor, survey.id);
    const cells = (id: string) => {
      const row = rows.find((candidate) => candidate['Réponse'] === id);
      return [row?.['Canal'], row?.['Point de collecte']];
    };
    expect(new Set([...typedIn, ...phone].map((r) => cells(r.id).join('|')))).toEqual(new Set(['< 5|< 5']));
    expect(rows.filter((row) => row['Point de collecte'] === meeting.label)).toHaveLength(0);
  });

  it('hides a campaign’s respondents on its Diffusion card when the synthesis hides its count', async () => {
    const { city, survey, meeting, campaign, apply, response, as } = setup();
    apply({
      surveyResponses: [
        ...times(30, () => response({ channel: 'link', collectorId: null })),
        ...times(12, () => response({ channel: 'email', collectorId: campaign.id })),
        ...times(3, () => response({ channel: 'meeting', collectorId: meeting.id })),
      ],
    });
    const supervisor = await as(city.supervisor.id);
    const overview = await supervisor.surveySynthesis.overview({ surveyId: survey.id, filter: noFilter });
    expect(overview.collectors.find((row) => row.id === campaign.id)).toMatchObject({ count: null, responded: null });
    const detail = await supervisor.survey.detail({ id: survey.id });
    // Its 40 respondents (the central service's count) would give the hidden 12 back with the meeting's 3.
    expect(detail.collectors.find((row) => row.id === campaign.id)).toMatchObject({ stats: { responded: 40 }, responded: null });
  });
});

describe('a cross-tab’s remainder', () => {
  it('is a segment of its own: three respondents without an area are not total − the area', async () => {
    const { city, survey, apply, response, as } = setup();
    apply({
      surveyResponses: [
        ...times(20, () => response({ profile: { departmentsWithCase: [], area: '75011' } })),
        ...times(3, () => response({ profile: null })),
      ],
    });
    const supervisor = await as(city.supervisor.id);
    const byArea = await supervisor.surveySynthesis.crosstab({
      surveyId: survey.id,
      filter: noFilter,
      question: 'cleanliness',
      item: null,
      segment: { kind: 'area' },
    });
    expect(byArea.table.total).toBe(23);
    expect(byArea.table.segments.map((s) => [s.key, s.size, s.cells])).toEqual([
      ['75011', null, null],
      [remainderKey, null, null],
    ]);
  });

  it('protects those who skipped a multiple choice: its choices overlap, so with the remainder hidden they are all hidden', async () => {
    const { city, survey, apply, response, as } = setup();
    apply({
      surveyResponses: [
        ...times(20, () => response({ answers: { visited: true, cleanliness: 3, activities: ['swim'] } })),
        ...times(3, () => response({ answers: { visited: false, cleanliness: 1 } })),
      ],
    });
    const supervisor = await as(city.supervisor.id);
    const byActivity = await supervisor.surveySynthesis.crosstab({
      surveyId: survey.id,
      filter: noFilter,
      question: 'cleanliness',
      item: null,
      segment: { kind: 'question', question: 'activities', item: null },
    });
    // Everyone who answered chose "swim": shown, it was the union, and 23 − 20 gave the 3 back.
    expect(byActivity.table.total).toBe(23);
    expect(byActivity.table.segments.map((s) => [s.key, s.size])).toEqual([
      ['swim', null],
      [remainderKey, null],
    ]);
  });
});

describe('a survey’s response count', () => {
  it('is « < 5 » (null) in the list and on its page under 5 responses, as the synthesis’s total, and the count from 5', async () => {
    const { city, survey, apply, response, as } = setup();
    apply({ surveyResponses: times(3, () => response({ channel: 'link', collectorId: null })) });
    const supervisor = await as(city.supervisor.id);
    const overview = await supervisor.surveySynthesis.overview({ surveyId: survey.id, filter: noFilter });
    expect(overview.total).toBeNull();
    expect((await supervisor.survey.list()).find((row) => row.id === survey.id)?.responses).toBeNull();
    expect((await supervisor.survey.detail({ id: survey.id })).responses).toBeNull();

    apply({ surveyResponses: times(2, () => response({ channel: 'link', collectorId: null })) });
    expect((await supervisor.survey.list()).find((row) => row.id === survey.id)?.responses).toBe(5);
    expect((await supervisor.survey.detail({ id: survey.id })).responses).toBe(5);
  });
});
