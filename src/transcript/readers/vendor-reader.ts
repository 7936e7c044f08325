// A Reader for one vendor JSON shape: sniffed by its field names, read as one document or an array of them.
import { InputError } from '../input-error.js';
import { stripBom } from '../util.js';
import { isObject, parseJson } from './json-parse.js';
import { describeUnknownShape, type ShapeHint } from './shapes.js';
import type { DocumentPosition, ReadContext, ReadOutput, Reader } from './types.js';

interface VendorSpec {
  name: string;
  /** How the format is named in messages and which keys tell it apart (see JsonShape). */
  shape: ShapeHint;
  description: string;
  detection: string;
  fields: string;
  /** Every pattern must occur in the file head. */
  signature: RegExp[];
  matches(value: unknown): boolean;
  convert(value: unknown, ctx: ReadContext, position: DocumentPosition): ReadOutput;
}

export function vendorReader(spec: VendorSpec): Reader {
  return {
    name: spec.name,
    description: spec.description,
    extensions: ['.json'],
    detection: spec.detection,
    fields: spec.fields,
    json: { ...spec.shape, matches: spec.matches, convert: spec.convert },
    sniff(head) {
      return /^\s*[{[]/.test(stripBom(head)) && spec.signature.every((re) => re.test(head));
    },
    read(text, ctx) {
      const value = parseJson(text, ctx.file);
      if (spec.matches(value)) return spec.convert(value, ctx, {});
      if (Array.isArray(value) && value.length > 0 && value.every(isObject)) {
        const out: ReadOutput = { transcripts: [], problems: [], warnings: [] };
        value.forEach((item, i) => {
          if (!spec.matches(item)) {
            out.problems.push(new InputError(ctx.file, `item ${i}: ${describeUnknownShape(item, [spec.shape])}`).toProblem());
            return;
          }
          const one = spec.convert(item, ctx, { suffix: i + 1 });
          out.transcripts.push(...one.transcripts);
          out.warnings.push(...one.warnings);
        });
        return out;
      }
      throw new InputError(ctx.file, describeUnknownShape(value, [spec.shape]));
    },
  };
}
