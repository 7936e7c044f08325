import { describe, expect, it } from 'vitest';
import { runScore } from '../../src/pipeline.js';
import { formatRubricProblem, RubricError } from '../../src/rubric/errors.js';
import { loadRubric, parseRubric } from '../../src/rubric/load.js';
import { scoreCall } from '../../src/scoring/call.js';
import type { Finding, Transcript } from '../../src/types.js';

const BASE = `name: t
behaviours:
  apology: { weight: 50, expect: on-distress, kinds: [inconvenience] }
  appreciation: { weight: 50, expect: once }
`;

function problemsOf(text: string): string[] {
  try {
    parseRubric(text, 'r.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(RubricError);
    return (err as RubricError).problems.map(formatRubricProblem);
  }
  throw new Error('expected a RubricError');
}

describe('rubric repeats option', () => {
  it('applies a top-level default and lets a behaviour override it', () => {
    const rubric = parseRubric(
      `name: t
repeats: { diminishing: 0.5 }
behaviours:
  apology: { weight: 50, expect: on-distress, repeats: { diminishing: 0.25 } }
  appreciation: { weight: 50, expect: once }
`,
      'r.yaml',
    );
    expect(rubric.behaviours.apology.diminishing).toBe(0.25);
    expect(rubric.behaviours.appreciation.diminishing).toBe(0.5);
    expect(rubric.behaviours.paraphrasing.diminishing).toBe(0.5);
    expect(parseRubric(BASE, 'r.yaml').behaviours.apology.diminishing).toBeUndefined();
  });

  it('reports a bad value and an unknown key with line:column', () => {
    expect(problemsOf(`${BASE}repeats: { diminishing: 1.5 }\n`)).toEqual([
      'r.yaml:5:25: `repeats.diminishing` is 1.5, out of range: must be at most 1',
    ]);
    expect(problemsOf(BASE.replace('kinds: [inconvenience] }', 'repeats: { diminishng: 0.5 } }'))).toEqual([
      'r.yaml:3:47: missing required key `diminishing` in `behaviours.apology.repeats`',
      'r.yaml:3:58: unknown key `diminishng` in `behaviours.apology.repeats` (did you mean `diminishing`?)',
    ]);
  });

  it('the built-in rubrics still load and give full credit for repeats', () => {
    for (const name of ['default', 'strict', 'support']) {
      expect(Object.values(loadRubric(name).behaviours).every((b) => b.diminishing === undefined)).toBe(true);
    }
  });
});

/** Three distress moments, each answered with the same apology (or a different one). */
function threeApologies(replies: string[]): { transcript: Transcript; findings: Finding[] } {
  const lines = ['This is ridiculous.', replies[0]!, "It's still broken, I'm furious.", replies[1]!, 'I am fed up.', replies[2]!];
  const transcript: Transcript = {
    id: 'rep',
    source: { file: 'rep.txt' },
    agentId: 'a1',
    turns: lines.map((text, index) =>
      index % 2 === 0
        ? { index, role: 'customer', speaker: 'Customer', text }
        : { index, role: 'agent', speaker: 'Agent', agentId: 'a1', text },
    ),
  };
  const findings: Finding[] = lines.map((text, turn) => {
    const behaviour = turn % 2 === 0 ? 'customer-distress' : 'apology';
    const kind = turn % 2 === 0 ? 'fault' : 'inconvenience';
    const f: Finding = {
      id: `rep#${turn}:0-${text.length}:${behaviour}`,
      behaviour,
      kind,
      transcriptId: 'rep',
      turn,
      span: [0, text.length],
      quote: text,
      rule: 'test',
      confidence: 0.9,
      message: '',
    };
    if (turn % 2 === 1) f.agentId = 'a1';
    return f;
  });
  return { transcript, findings };
}

describe('diminishing credit in scoring', () => {
  const same = Array(3).fill('I apologise for any inconvenience this may have caused.');
  const varied = ["I'm so sorry about that.", 'I apologise for the delay on this.', 'My apologies, that should never have happened.'];
  const rubric = (extra: string) =>
    parseRubric(`name: t\n${extra}behaviours:\n  apology: { weight: 100, expect: on-distress, kinds: [inconvenience] }\n`, 'r.yaml');

  it('three identical apologies earn 1 + 0.5 + 0.25 of 3 opportunities', () => {
    const { transcript, findings } = threeApologies(same);
    const full = scoreCall(transcript, findings, rubric(''));
    const halved = scoreCall(transcript, findings, rubric('repeats: { diminishing: 0.5 }\n'));
    expect(full.score).toBe(100);
    expect(halved.score).toBe(58.3); // 1.75 / 3
    const apology = halved.agents[0]!.behaviours.apology;
    expect(apology.met).toBe(3);
    expect(apology.credit).toBe(1.75);
    expect(apology.reason).toContain('repeated wording earns 1.75 of 3 (×0.5 per repeat)');
  });

  it('varied wording keeps full credit, and 0 gives repeats nothing', () => {
    const { transcript, findings } = threeApologies(varied);
    expect(scoreCall(transcript, findings, rubric('repeats: { diminishing: 0.5 }\n')).score).toBe(100);
    const { transcript: t2, findings: f2 } = threeApologies(same);
    expect(scoreCall(t2, f2, rubric('repeats: { diminishing: 0 }\n')).score).toBe(33.3);
  });

  it('changes the fixture call score as the README shows', async () => {
    const score = async (r: string) =>
      (await runScore(['fixtures/cases/repeats'], { rubric: r })).report.groups[0]!.meanScore;
    expect(await score('default')).toBe(65);
    expect(await score('fixtures/cases/repeats/diminishing.yaml')).toBe(44.2);
  });
});
