// Maps a path inside the parsed rubric (["behaviours", "apology", "weight"]) to a 1-based
// line:column in the YAML source, using the node ranges `yaml` keeps.
import type { Document, LineCounter, Node } from 'yaml';
import { loadYaml } from '../lazy-deps.js';

export type PathKey = string | number;

export interface Position {
  line: number;
  column: number;
}

interface Located {
  /** The value node at the path (absent when the key is missing). */
  value?: Node;
  /** The key node of the last map step on the way (for "unknown key" and "missing key"). */
  key?: Node;
}

function walk(doc: Document, path: readonly PathKey[]): Located {
  const { isMap, isPair, isScalar, isSeq } = loadYaml();
  let node: unknown = doc.contents;
  let key: Node | undefined;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) return { key };
      key = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
      if (node === undefined) return { key };
    } else {
      return { key };
    }
  }
  return { value: (node ?? undefined) as Node | undefined, key };
}

function at(counter: LineCounter, offset: number | undefined): Position {
  if (offset === undefined) return { line: 1, column: 1 };
  const { line, col } = counter.linePos(offset);
  return { line, column: col };
}

/** Position of the value at `path`, or of the nearest enclosing key when it is missing. */
export function locateValue(doc: Document, counter: LineCounter, path: readonly PathKey[]): Position {
  const found = walk(doc, path);
  const node = found.value ?? found.key;
  return at(counter, node?.range?.[0]);
}

/** Position of the key `name` inside the map at `mapPath` (for unknown keys). */
export function locateKey(doc: Document, counter: LineCounter, mapPath: readonly PathKey[], name: string): Position {
  const found = walk(doc, [...mapPath, name]);
  const node = found.key ?? walk(doc, mapPath).value;
  return at(counter, node?.range?.[0]);
}
