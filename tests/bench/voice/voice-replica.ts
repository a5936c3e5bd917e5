/**
 * The replica `npm run bench:voice` measures: a 20-question survey (every closed kind, two open questions)
 * with 100,000 responses over six months, written through the sync's own apply path (`upsertSteps`, so each
 * response's value rows and counts are made as a pull page makes them). Deterministic (seeded PRNG) and
 * cached under tests/bench/.cache: generating takes minutes on 2 cores.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openReplica, type Replica } from '../../../src-main/db/open-replica';
import { runSteps, upsertSteps } from '../../../src-main/sync/replica-apply';
import type { SurveyChannel, SurveyCollector, SurveyResponse, Survey } from '../../../src-shared/schemas/surveys';
import { isGuichetError } from '../../../src-shared/errors';
import { benchKey, cacheDir, migrationsFolder } from '../bench-replica';
import { createPrng } from '../../../src-shared/demo/prng';

/** Bumped when the generator's output changes, so an older cached replica is rebuilt. */
const GENERATOR_VERSION = 3;
const SEED = 12;
const log = (line: string) => process.stdout.write(`${line}\n`);

/** Fixed ids, so a cached replica is addressed the same way by every run. */
const id = (n: number) => `01950000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
export const voiceIds = {
  survey: id(1),
  department: id(2),
  otherDepartments: [id(3), id(4), id(5)],
  agent: id(6),
  collectors: {
    campaign: id(10),
    campaign2: id(11),
    kioskHall: id(12),
    kioskLibrary: id(13),
    kioskPool: id(14),
    meetingNorth: id(15),
    meetingSouth: id(16),
  },
} as const;

const choices = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ value: `${prefix}${i + 1}`, text: { default: `${prefix} ${i + 1}`, fr: `${prefix} ${i + 1}` } }));

/** Twenty questions: every closed kind the synthesis counts, conditional ones, two open ones. */
export const voiceDefinition = {
  title: { default: 'City services 2026', fr: 'Services municipaux 2026' },
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'q01', title: 'Service', choices: choices('service', 5) },
        { type: 'dropdown', name: 'q02', title: 'Quartier', choices: choices('quartier', 8) },
        { type: 'radiogroup', name: 'q03', title: 'Moyen', choices: choices('moyen', 4), showOtherItem: true },
        { type: 'checkbox', name: 'q04', title: 'Usages', choices: choices('usage', 6), showOtherItem: true },
        { type: 'checkbox', name: 'q05', title: 'Attentes', choices: choices('attente', 4) },
        { type: 'rating', name: 'q06', title: 'Accueil', rateType: 'stars', rateMax: 5 },
        { type: 'rating', name: 'q07', title: 'Délais', rateType: 'smileys', rateMax: 5 },
        { type: 'rating', name: 'q08', title: 'Clarté', rateType: 'stars', rateMax: 10 },
        { type: 'rating', name: 'q09', title: 'Recommandation', rateMin: 0, rateMax: 10 },
        { type: 'boolean', name: 'q10', title: 'Déjà venu ?' },
      ],
    },
    {
      name: 'p2',
      elements: [
        { type: 'boolean', name: 'q11', title: 'Satisfait ?', visibleIf: '{q10} = true' },
        { type: 'text', name: 'q12', title: 'Visites par an', inputType: 'number' },
        { type: 'text', name: 'q13', title: 'Minutes d’attente', inputType: 'number' },
        { type: 'matrix', name: 'q14', title: 'Horaires', rows: choices('jour', 4), columns: choices('note', 5) },
        { type: 'matrix', name: 'q15', title: 'Canaux', rows: choices('canal', 3), columns: choices('avis', 3) },
        { type: 'radiogroup', name: 'q16', title: 'Pourquoi pas ?', choices: choices('raison', 5), visibleIf: '{q10} = false' },
        { type: 'rating', name: 'q17', title: 'Propreté', rateType: 'smileys', rateMax: 3 },
        { type: 'rating', name: 'q18', title: 'Recommandation (proches)', rateMin: 0, rateMax: 10 },
        { type: 'text', name: 'q19', title: 'Un mot' },
        { type: 'comment', name: 'q20', title: 'Suggestions' },
      ],
    },
  ],
};

const words = [
  'accueil',
  'attente',
  'horaires',
  'parking',
  'propreté',
  'personnel',
  'démarches',
  'site',
  'téléphone',
  'samedi',
  'enfants',
  'bruit',
];

/** The demo city's PRNG (mulberry32): the same responses at every run. */
const random = (seed: number) => createPrng(seed).float;

function generateResponses(count: number, write: (batch: SurveyResponse[]) => void): void {
  const next = random(SEED);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const int = (from: number, to: number) => from + Math.floor(next() * (to - from + 1));
  const c = voiceIds.collectors;
  const sources: { channel: SurveyChannel; collectorId: string | null; weight: number }[] = [
    { channel: 'link', collectorId: null, weight: 30 },
    { channel: 'email', collectorId: c.campaign, weight: 25 },
    { channel: 'email', collectorId: c.campaign2, weight: 10 },
    { channel: 'kiosk', collectorId: c.kioskHall, weight: 10 },
    { channel: 'kiosk', collectorId: c.kioskLibrary, weight: 6 },
    { channel: 'kiosk', collectorId: c.kioskPool, weight: 4 },
    { channel: 'counter', collectorId: null, weight: 6 },
    { channel: 'phone', collectorId: null, weight: 4 },
    { channel: 'meeting', collectorId: c.meetingNorth, weight: 3 },
    { channel: 'meeting', collectorId: c.meetingSouth, weight: 2 },
  ];
  const weights = sources.reduce((sum, source) => sum + source.weight, 0);
  const source = () => {
    let draw = next() * weights;
    for (const candidate of sources) if ((draw -= candidate.weight) < 0) return candidate;
    return sources[0] as (typeof sources)[number];
  };
  const departments = [voiceIds.department, ...voiceIds.otherDepartments];
  const start = Date.parse('2026-05-01T06:00:00.000Z');
  let batch: SurveyResponse[] = [];
  for (let n = 0; n < count; n++) {
    const visited = next() < 0.75;
    const answers: SurveyResponse['answers'] = {
      q01: `service${int(1, 5)}`,
      q02: `quartier${int(1, 8)}`,
      q06: int(1, 5),
      q07: int(1, 5),
      q08: int(1, 10),
      q09: int(0, 10),
      q10: visited,
      q12: int(0, 52),
      q14: { jour1: `note${int(1, 5)}`, jour2: `note${int(1, 5)}`, jour3: `note${int(1, 5)}`, jour4: `note${int(1, 5)}` },
      q17: int(1, 3),
    };
    const means = next() < 0.1 ? 'other' : `moyen${int(1, 4)}`;
    answers.q03 = means;
    if (means === 'other') answers['q03-Comment'] = `${pick(words)} ${pick(words)}`;
    const uses = ['usage1', 'usage2', 'usage3', 'usage4', 'usage5', 'usage6', 'other'].filter(() => next() < 0.3);
    if (uses.length > 0) answers.q04 = uses;
    if (uses.includes('other')) answers['q04-Comment'] = `${pick(words)} le ${pick(words)}`;
    const expectations = ['attente1', 'attente2', 'attente3', 'attente4'].filter(() => next() < 0.4);
    if (expectations.length > 0) answers.q05 = expectations;
    if (visited) answers.q11 = next() < 0.7;
    else answers.q16 = `raison${int(1, 5)}`;
    if (next() < 0.6) answers.q13 = int(0, 90);
    if (next() < 0.8) answers.q15 = { canal1: `avis${int(1, 3)}`, canal2: `avis${int(1, 3)}`, canal3: `avis${int(1, 3)}` };
    if (next() < 0.9) answers.q18 = int(0, 10);
    if (next() < 0.4) answers.q19 = pick(words);
    if (next() < 0.3) answers.q20 = `Plus de ${pick(words)}, moins de ${pick(words)} et un meilleur ${pick(words)}.`;
    const from = source();
    // Campaign answers of an anonymous survey carry a profile (docs/surveys.md: identity or profile, never both).
    const profiled = next() < 0.6;
    batch.push({
      id: `01960000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`,
      surveyId: voiceIds.survey,
      departmentId: voiceIds.department,
      channel: from.channel,
      collectorId: from.collectorId,
      caseId: null,
      citizenId: null,
      agentId: null,
      answers,
      note: null,
      profile: profiled
        ? { departmentsWithCase: departments.filter(() => next() < 0.3), area: `750${String(int(1, 20)).padStart(2, '0')}` }
        : null,
      submittedAt: new Date(start + Math.floor(next() * 183 * 86_400_000)).toISOString(),
    });
    if (batch.length === 1000) {
      write(batch);
      batch = [];
    }
  }
  if (batch.length > 0) write(batch);
}

function seedReference(replica: Replica): void {
  const now = '2026-04-01T08:00:00.000Z';
  const survey: Survey = {
    id: voiceIds.survey,
    departmentId: voiceIds.department,
    status: 'open',
    opensOn: '2026-05-01',
    closesOn: null,
    anonymity: 'anonymous',
    purpose: { fr: 'Mesurer la satisfaction', en: '' },
    definition: voiceDefinition,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const stats = { recipients: 60_000, sent: 58_000, failed: 200, reminded: 0, unsubscribed: 120, responded: 25_000, problem: null };
  const c = voiceIds.collectors;
  const collector = (collectorId: string, label: string, settings: SurveyCollector['settings']): SurveyCollector => ({
    id: collectorId,
    surveyId: survey.id,
    departmentId: voiceIds.department,
    label,
    settings,
    status: 'active',
    stats,
    createdAt: now,
    updatedAt: now,
  });
  const segment = { departmentIds: [], categoryIds: [], sinceMonths: null, postalCodes: [], channels: [] };
  const departments = [voiceIds.department, ...voiceIds.otherDepartments].map((departmentId, index) => ({
    id: departmentId,
    code: `D${index + 1}`,
    name: ['Relations citoyennes', 'Voirie', 'État civil', 'Petite enfance'][index] ?? `Service ${index + 1}`,
  }));
  const steps = upsertSteps({
    departments,
    agents: [
      {
        id: voiceIds.agent,
        name: 'Responsable',
        email: 'responsable@ville.test',
        roles: [{ departmentId: voiceIds.department, role: 'supervisor' }],
      },
    ],
    surveys: [survey],
    surveyCollectors: [
      collector(c.campaign, 'Campagne de mai', { kind: 'email', segment, ratePerMinute: 600, reminderAfterDays: 7 }),
      collector(c.campaign2, 'Relance de septembre', { kind: 'email', segment, ratePerMinute: 600, reminderAfterDays: null }),
      collector(c.kioskHall, 'Hall de la mairie', { kind: 'kiosk' }),
      collector(c.kioskLibrary, 'Médiathèque', { kind: 'kiosk' }),
      collector(c.kioskPool, 'Piscine Jean-Bouin', { kind: 'kiosk' }),
      collector(c.meetingNorth, 'Réunion publique Nord', { kind: 'meeting', date: '2026-06-12' }),
      collector(c.meetingSouth, 'Réunion publique Sud', { kind: 'meeting', date: '2026-09-18' }),
    ],
  } as Parameters<typeof upsertSteps>[0]);
  replica.db.$client.transaction(() => runSteps(replica.db.$client, steps))();
}

export interface VoiceReplica {
  replica: Replica;
  responses: number;
  answerValues: number;
  generationSeconds: number;
}

export function openVoiceReplica(responses: number): VoiceReplica {
  const key = benchKey();
  const name = `voice-v${GENERATOR_VERSION}-${responses}r`;
  const file = join(cacheDir, `${name}.db`);
  const manifestFile = join(cacheDir, `${name}.json`);
  if (existsSync(file) && existsSync(manifestFile)) {
    try {
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Omit<VoiceReplica, 'replica'>;
      const replica = openReplica({ file, key, migrationsFolder });
      log(
        `Using cached replica ${file} (${(statSync(file).size / 1048576).toFixed(0)} MB; generated in ${manifest.generationSeconds.toFixed(0)} s)`,
      );
      return { ...manifest, replica };
    } catch (error) {
      if (!isGuichetError(error) && !(error instanceof SyntaxError)) throw error;
      log('Cached replica refused; generating it again.');
    }
  }
  const building = `${file}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  const replica = openReplica({ file: building, key, migrationsFolder });
  const client = replica.db.$client;
  client.pragma('synchronous = OFF');
  client.pragma('cache_size = -262144');
  const started = performance.now();
  seedReference(replica);
  // As the bulk bootstrap does for its full-text tables: the counts' trigger and the join index are set
  // aside while the rows go in, then the counts are filled in one statement each and both come back. The
  // rows are the ones the sync's apply path writes (upsertSteps), the counts the ones the trigger keeps.
  const setAside = client
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE name IN ('survey_answer_values_count', 'survey_answer_values_join')`)
    .all() as { type: string; name: string; sql: string }[];
  for (const entry of setAside) client.exec(`DROP ${entry.type === 'trigger' ? 'TRIGGER' : 'INDEX'} ${entry.name}`);
  let done = 0;
  let lastPrint = 0;
  log(`Generating ${responses.toLocaleString('en')} responses…`);
  generateResponses(responses, (batch) => {
    client.transaction(() => runSteps(client, upsertSteps({ surveyResponses: batch })))();
    done += batch.length;
    const elapsed = (performance.now() - started) / 1000;
    if (elapsed - lastPrint >= 10 || done === responses) {
      lastPrint = elapsed;
      log(`  ${done.toLocaleString('en')} / ${responses.toLocaleString('en')} responses, ${elapsed.toFixed(0)} s`);
    }
  });
  log('Counting…');
  const totalKey = 'survey_id, question, item, value, channel, collector_id';
  client.exec(
    `INSERT INTO survey_answer_totals (${totalKey}, n) SELECT ${totalKey}, count(*) FROM survey_answer_values GROUP BY ${totalKey}`,
  );
  const dayKey = 'survey_id, question, item, value, day, channel, collector_id';
  client.exec(`INSERT INTO survey_answer_counts (${dayKey}, n) SELECT ${dayKey}, count(*) FROM survey_answer_values GROUP BY ${dayKey}`);
  for (const entry of setAside) client.exec(entry.sql);
  const answerValues = client.prepare('SELECT count(*) FROM survey_answer_values').pluck().get() as number;
  client.pragma('wal_checkpoint(TRUNCATE)');
  replica.close();
  const generationSeconds = (performance.now() - started) / 1000;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  renameSync(building, file);
  writeFileSync(manifestFile, `${JSON.stringify({ responses, answerValues, generationSeconds }, null, 2)}\n`);
  log(`Generated in ${generationSeconds.toFixed(1)} s: ${answerValues.toLocaleString('en')} answer values`);
  return { replica: openReplica({ file, key, migrationsFolder }), responses, answerValues, generationSeconds };
}
