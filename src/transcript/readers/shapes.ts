// Explains an unrecognised JSON document: the known format it most resembles and the field it lacks.
import { isObject } from './json-parse.js';
import type { JsonShape } from './types.js';

export type ShapeHint = Pick<JsonShape, 'format' | 'short' | 'required' | 'keys'>;

/**
 * One line: "looks like <closest format> but "<field>" is missing" (or "is not a list"). `shapes` are the registered
 * JSON shapes, the first winning ties (a document with no familiar key is described against it).
 */
export function describeUnknownShape(value: unknown, shapes: readonly ShapeHint[]): string {
  if (!isObject(value)) {
    const got = Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
    const kinds = shapes.map((s) => `${s.short} "${s.required}"`);
    const list = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}` : kinds.join('');
    return `expected a transcript object (${list}), got ${got}`;
  }
  const keys = Object.keys(value);
  let best = shapes[0]!;
  let bestScore = 0;
  for (const shape of shapes) {
    const score = shape.keys.filter((k) => k in value).length;
    if (score > bestScore) {
      best = shape;
      bestScore = score;
    }
  }
  if (best.required in value) return `looks like ${best.format} but "${best.required}" is not a list`;
  const found = keys.slice(0, 5).map((k) => `"${k}"`).join(', ');
  return `looks like ${best.format} but "${best.required}" is missing (found ${found || 'no keys'})`;
}
