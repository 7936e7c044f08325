import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandPaths, readInputs, type InputEvent } from '../../src/transcript/read-inputs.js';
import { globToRegExp } from '../../src/transcript/expand-paths.js';

let dir: string;

const TEXT = 'Call-Id: T-1\nAgent-Id: a.jones\n\nAgent: Hello, how can I help?\nCustomer: My bill is wrong.\n';
const CSV = 'call_id,speaker,text\nC-1,Agent,Hi.\nC-1,Customer,\nC-2,Agent,Hello.\n';
const JSONL = '{"id":"J-1","turns":[{"role":"agent","speaker":"Agent","text":"Hi."}]}\n{"id":"J-2","turns":[]}\n{"broken":\n';

async function collect(paths: string[], options = {}): Promise<InputEvent[]> {
  const events: InputEvent[] = [];
  for await (const event of readInputs(paths, options)) events.push(event);
  return events;
}

function summary(events: InputEvent[]): string[] {
  return events.map((e) =>
    e.type === 'transcript'
      ? `transcript ${e.transcript.id}`
      : `${e.type} ${e.problem.file.replace(dir, '')}${e.problem.line ? `:${e.problem.line}` : ''} ${e.problem.reason}`,
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'empathy-read-'));
  await mkdir(join(dir, 'calls', 'sub'), { recursive: true });
  await mkdir(join(dir, 'calls', 'node_modules'));
  await mkdir(join(dir, 'calls', '.hidden'));
  await writeFile(join(dir, 'calls', 'a.txt'), TEXT);
  await writeFile(join(dir, 'calls', 'b.csv'), CSV);
  await writeFile(join(dir, 'calls', 'sub', 'c.jsonl'), JSONL);
  await writeFile(join(dir, 'calls', 'sub', 'empty.srt'), '\n\n');
  await writeFile(join(dir, 'calls', 'notes.md'), '# not a transcript');
  await writeFile(join(dir, 'calls', 'node_modules', 'x.txt'), TEXT);
  await writeFile(join(dir, 'calls', '.hidden', 'y.txt'), TEXT);
  await writeFile(join(dir, 'calls', '.dot.txt'), TEXT);
  await symlink(join(dir, 'calls'), join(dir, 'calls', 'sub', 'loop'));
  // UTF-16 LE with BOM, UTF-16 BE with BOM, binary, Latin-1.
  await writeFile(join(dir, 'u16le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]));
  const be = Buffer.from(TEXT, 'utf16le').swap16();
  await writeFile(join(dir, 'u16be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
  await writeFile(join(dir, 'blob.txt'), Buffer.from([0x41, 0x00, 0x42, 0x00, 0x01]));
  await writeFile(join(dir, 'latin1.txt'), Buffer.from('Agent: ok\nCustomer: caf\xe9\n', 'latin1'));
  await writeFile(join(dir, 'bom.txt'), `\uFEFF${TEXT}`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readInputs', () => {
  it('reads a mixed directory recursively, in sorted order, with one event per record', async () => {
    const events = await collect([join(dir, 'calls'), join(dir, 'missing.txt')]);
    expect(summary(events)).toEqual([
      'failed /missing.txt no such file or directory',
      'transcript T-1',
      'failed /calls/b.csv:3 row 3: missing text in column "text"',
      'transcript C-1',
      'transcript C-2',
      expect.stringMatching(/^failed \/calls\/sub\/c\.jsonl:3 invalid JSON/),
      'transcript J-1',
      'skipped /calls/sub/c.jsonl:2 no turns in transcript J-2',
      'skipped /calls/sub/empty.srt empty file',
    ]);
  });

  it('decodes UTF-16 with a BOM and UTF-8 with a BOM; refuses binary and non-UTF-8 text', async () => {
    const events = await collect(['u16le.txt', 'u16be.txt', 'bom.txt', 'blob.txt', 'latin1.txt'].map((f) => join(dir, f)));
    expect(summary(events)).toEqual([
      'transcript T-1',
      // The same call id in three files: later ones are renamed after their file (src/transcript/unique-ids.ts).
      `transcript T-1@${join(dir, 'u16be.txt')}`,
      `transcript T-1@${join(dir, 'bom.txt')}`,
      'failed /blob.txt binary file (contains NUL bytes; UTF-16 text needs a byte-order mark)',
      'failed /latin1.txt:2 not valid UTF-8 text (an export from Windows or Excel is often Windows-1252: pass --encoding windows-1252, or convert the file to UTF-8)',
    ]);
    const first = events[0]!;
    expect(first.type === 'transcript' && first.transcript.turns[1]!.text).toBe('My bill is wrong.');
  });

  it('reads stdin for "-" and sniffs its format', async () => {
    const stdin = Readable.from([Buffer.from('speaker,text\nAgent,Hi there.\n')]);
    const events = await collect(['-'], { stdin });
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.type).toBe('transcript');
    if (event.type === 'transcript') {
      expect(event.transcript.source.file).toBe('<stdin>');
      expect(event.transcript.turns[0]!.role).toBe('agent');
    }
  });

  it('honours --input-format and reports an unknown one', async () => {
    const events = await collect([join(dir, 'calls', 'b.csv')], { inputFormat: 'text' });
    expect(events[0]!.type).toBe('failed');
    const unknown = await collect([join(dir, 'calls', 'a.txt')], { inputFormat: 'docx' });
    expect(summary(unknown)[0]).toMatch(/^failed \/calls\/a\.txt unknown input format "docx"/);
  });

  it('passes warnings along with the transcript', async () => {
    await writeFile(join(dir, 'warn.txt'), 'Ann: Hello.\nBen: Hi.\nAnn: Bye.\nBen: Bye.\n');
    const [event] = await collect([join(dir, 'warn.txt')]);
    expect(event!.type === 'transcript' && event!.warnings.length).toBe(2);
  });
});

describe('expandPaths', () => {
  it('expands globs with ** and *, skipping dotfiles, node_modules and non-transcript extensions', async () => {
    const patterns = [join(dir, 'calls', '**', '*.*'), join(dir, 'calls', '*.t?t'), join(dir, 'calls', '*.md')];
    const { files, problems } = await expandPaths(patterns);
    // "*.md" names its extension, so the user gets it; "*.*" only picks transcript extensions.
    expect(files.map((f) => f.replace(dir, ''))).toEqual([
      '/calls/a.txt',
      '/calls/b.csv',
      '/calls/sub/c.jsonl',
      '/calls/sub/empty.srt',
      '/calls/notes.md',
    ]);
    expect(problems).toEqual([]);
  });

  it('reports a glob that matches nothing and de-duplicates repeated paths', async () => {
    const a = join(dir, 'calls', 'a.txt');
    const { files, problems } = await expandPaths([a, a, join(dir, 'nothing', '*.txt')]);
    expect(files).toEqual([a]);
    expect(problems).toEqual([{ file: join(dir, 'nothing', '*.txt'), reason: 'no files match this pattern' }]);
  });

  it('lists a tree in the code-unit order of the full paths, whatever the names (walked one directory at a time)', async () => {
    // Names mixing characters that sort before "/" ("-", ".", " ", "!") with ones after it, nested up to three deep.
    const name = fc.stringMatching(/^[a-b][-a-b. !]{0,3}$/);
    const tree = fc.uniqueArray(fc.array(name, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12, selector: (p) => p.join('/') });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(tree, async (paths) => {
        const root = join(dir, `order-${run++}`);
        const written: string[] = [];
        for (const parts of paths) {
          const file = join(root, ...parts) + '.txt';
          // A path whose prefix is already a file (or the reverse) cannot exist: skip it.
          try {
            await mkdir(join(root, ...parts.slice(0, -1)), { recursive: true });
            await writeFile(file, TEXT, { flag: 'wx' });
            written.push(file);
          } catch {
            // taken
          }
        }
        const { files } = await expandPaths([root]);
        const { files: globbed } = await expandPaths([join(root, '**', '*.txt')]);
        const expected = [...written].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(files).toEqual(expected);
        expect(globbed).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('globToRegExp keeps * inside one directory level', () => {
    expect(globToRegExp('*.txt').test('a.txt')).toBe(true);
    expect(globToRegExp('*.txt').test('d/a.txt')).toBe(false);
    expect(globToRegExp('**/*.txt').test('a.txt')).toBe(true);
    expect(globToRegExp('**/*.txt').test('d/e/a.txt')).toBe(true);
    expect(globToRegExp('call-[0-9].csv').test('call-7.csv')).toBe(true);
    expect(globToRegExp('call-[!0-9].csv').test('call-7.csv')).toBe(false);
  });
});
