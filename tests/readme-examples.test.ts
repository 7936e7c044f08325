// The README's terminal examples are what the built CLI prints (scripts/readme-examples.mjs runs every block marked
// `<!-- example -->`): an example that goes stale fails here; `node scripts/readme-examples.mjs --write` renews them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module script without types
import { parseExamples, README, staleExamples } from '../scripts/readme-examples.mjs';

describe('README examples', () => {
  it('marks the runnable examples (fixtures only, whole output shown)', () => {
    const blocks = parseExamples(readFileSync(README, 'utf8'));
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    for (const b of blocks) for (const c of b.commands) expect(c.command).not.toMatch(/\.\.\/shared|bench\/corpus/);
  });

  it('shows what each command prints today', () => {
    const stale = staleExamples();
    expect(stale.map((s: { line: number; command: string }) => `README.md:${s.line}: $ ${s.command}`)).toEqual([]);
  }, 60_000);

  it('parses commands, their output and line continuations, and rejects a marker without a block', () => {
    const text = ['intro', '<!-- example -->', '```', '$ empathy one \\', '  --two', 'out 1', 'out 2', '$ echo $?', '0', '```'].join('\n');
    const [block] = parseExamples(text);
    expect(block.commands.map((c: { command: string; output: string[] }) => [c.command, c.output])).toEqual([
      ['empathy one \\\n  --two', ['out 1', 'out 2']],
      ['echo $?', ['0']],
    ]);
    expect(() => parseExamples('<!-- example -->\ntext')).toThrow(/followed by a fenced block/);
  });
});
