/**
 * The synthesis figures of `npm run bench:voice`: the full synthesis and cross-tabs of a 20-question survey
 * with 100,000 responses, through the real tRPC procedures, each beside the raw SQL of the same counts
 * (prepared better-sqlite3 statements, no service, no result building), the CPU each call took (the wall
 * time on a shared machine also counts the waits for a core), and the longest block of the loop.
 */
import {
  createSynthesisRepository,
  emptyJoinedCounts,
  keySlices,
  type JoinSegment,
} from '../../../src-main/features/survey-synthesis/synthesis-repository';
import { crosstabSlices } from '../../../src-main/features/survey-synthesis/synthesis-service';
import { createServices } from '../../../src-main/services/services';
import { createCaller } from '../../../src-main/trpc/root';
import type { CrosstabInput, SynthesisFilter } from '../../../src-shared/surveys/synthesis';
import { atMost, type Measured } from '../sync-report';
import { percentile } from '../measure';
import { measureLoop } from '../main-loop-probe';
import { openVoiceReplica, voiceIds } from './voice-replica';

export interface SynthesisOptions {
  responses: number;
  iterations: number;
  warmup: number;
  log: (line: string) => void;
}

const noFilter: SynthesisFilter = { from: null, to: null, channel: null, collectorId: null };
const questions = Array.from({ length: 20 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`);
const closed = questions.filter((name) => name !== 'q19' && name !== 'q20');
const open = ['q19', 'q20'];

/**
 * Wall time per call, and the process's CPU time per call (all threads): on a shared machine the first
 * counts the waits for a core, the second what the call cost.
 */
async function timed(iterations: number, warmup: number, fn: () => unknown): Promise<{ times: number[]; cpu: number[] }> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const startedCpu = process.cpuUsage();
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
    const used = process.cpuUsage(startedCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return { times, cpu };
}

export async function measureSynthesis(options: SynthesisOptions): Promise<Measured[]> {
  const { log, iterations, warmup } = options;
  const bench = openVoiceReplica(options.responses);
  log(`Replica: ${bench.responses.toLocaleString('en')} responses, ${bench.answerValues.toLocaleString('en')} answer values`);
  try {
    const services = createServices(bench.replica.db, {});
    const caller = createCaller(() => ({ services, agent: services.session.currentAgent() }));
    await caller.session.choose({ agentId: voiceIds.agent });
    const repo = createSynthesisRepository(bench.replica.db.$client);
    const survey = voiceIds.survey;
    const scale = `${bench.responses.toLocaleString('en')} responses`;
    const lines: Measured[] = [];

    const measure = async (name: string, limit: number, procedure: () => Promise<unknown>, raw: () => unknown) => {
      log(`Timing ${name}: ${warmup} warm-up + ${iterations} timed calls…`);
      const { result: called, blocks } = await measureLoop(() => timed(iterations, warmup, procedure));
      const rawCalled = await timed(iterations, warmup, raw);
      lines.push({
        name: `${name} p95, 20 questions × ${scale}`,
        value: percentile(called.times, 95),
        unit: 'ms',
        raw: percentile(rawCalled.times, 95),
        target: atMost(limit, 'ms'),
        note: 'raw: the same counts as prepared statements',
      });
      lines.push({
        name: `${name}: CPU per call, p50`,
        value: percentile(called.cpu, 50),
        unit: 'ms',
        raw: percentile(rawCalled.cpu, 50),
        target: null,
      });
      lines.push({ name: `${name}: main loop blocked, max`, value: blocks.maxMs, unit: 'ms', raw: null, target: null });
    };

    // The same slices of the two questions' value rows the procedure reads, one after the other without a turn.
    const slices = keySlices(crosstabSlices);
    const joined = (question: string, segments: JoinSegment[]) => {
      const counts = emptyJoinedCounts();
      for (const slice of slices) repo.joinedSlice(survey, question, [''], segments, noFilter, slice, counts);
      return counts;
    };
    const filtered: SynthesisFilter = { from: '2026-06-01', to: '2026-08-31', channel: 'email', collectorId: null };
    await measure(
      'full synthesis',
      200,
      () => caller.surveySynthesis.overview({ surveyId: survey, filter: noFilter }),
      () => (repo.responsesBy(survey, noFilter), repo.valueCounts(survey, closed, noFilter), repo.answeredCounts(survey, open, noFilter)),
    );
    await measure(
      'full synthesis, filtered (3 months, one channel)',
      200,
      () => caller.surveySynthesis.overview({ surveyId: survey, filter: filtered }),
      () => (repo.responsesBy(survey, filtered), repo.valueCounts(survey, closed, filtered), repo.answeredCounts(survey, open, filtered)),
    );
    const crosstab = (input: Omit<CrosstabInput, 'surveyId' | 'filter'>) => () =>
      caller.surveySynthesis.crosstab({ surveyId: survey, filter: noFilter, ...input });
    await measure('crosstab by channel', 300, crosstab({ question: 'q06', item: null, segment: { kind: 'channel' } }), () =>
      repo.countsBy(survey, 'q06', [''], 'channel', noFilter),
    );
    await measure(
      'crosstab by another question',
      300,
      crosstab({ question: 'q06', item: null, segment: { kind: 'question', question: 'q01', item: null } }),
      () => joined('q06', [{ question: 'q01', item: '', value: null }]),
    );
    await measure(
      'crosstab across departments',
      300,
      crosstab({ question: 'q09', item: null, segment: { kind: 'department', departmentId: voiceIds.otherDepartments[0] } }),
      () =>
        joined('q09', [
          { question: '@department', item: '', value: voiceIds.otherDepartments[0] },
          { question: '@profile', item: '', value: null },
        ]),
    );
    return lines;
  } finally {
    bench.replica.close();
  }
}
