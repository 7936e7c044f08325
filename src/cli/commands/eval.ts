// `empathy eval <gold.jsonl...>`: detector agreement with human labels per turn and per call (DESIGN §11, §12).
import { readGoldFile, type GoldTranscript } from '../../eval/gold.js';
import { belowF1, formatEvalJson, formatEvalTable } from '../../eval/format.js';
import { evaluate } from '../../eval/run.js';
import { loadRubric } from '../../rubric/load.js';
import type { CliIO } from '../io.js';
import { writeResult } from '../write-output.js';

export interface EvalCommandOptions {
  rubric: string;
  format: 'table' | 'json';
  errors: number;
  output?: string;
  failBelowF1?: number;
}

export async function runEvalCommand(files: string[], options: EvalCommandOptions, io: CliIO): Promise<number> {
  const rubric = loadRubric(options.rubric);
  // readGoldFile throws InputError naming the file and line; main turns it into one stderr line, exit 2.
  const transcripts: GoldTranscript[] = files.flatMap((file) => readGoldFile(file));
  const result = evaluate(transcripts, rubric);
  const text = options.format === 'json' ? formatEvalJson(result, options.errors) : formatEvalTable(result, options.errors);
  await writeResult(text, options.output, io.stdout);
  if (options.failBelowF1 === undefined) return 0;
  const failing = belowF1(result, options.failBelowF1);
  if (failing.length === 0) return 0;
  io.stderr.write(`F1 below ${options.failBelowF1}: ${failing.join(', ')}\n`);
  return 1;
}
