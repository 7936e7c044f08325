// Run-wide string tables (the input file list, the call ids seen so far) kept as UTF-8 bytes outside the V8 heap.
// Held as JS strings they cost ~100 bytes each on the heap, and V8 sizes the heap as a multiple of what is live, so a
// 100k-file run would need tens of MB more than a 10k one; packed, a path costs its bytes plus 4.

const INITIAL_BYTES = 4096;
const INITIAL_COUNT = 256;

/** An append-only list of strings; `get` decodes one on demand. */
export class StringList implements Iterable<string> {
  private bytes = Buffer.allocUnsafe(INITIAL_BYTES);
  private used = 0;
  /** ends[i] is the byte offset just past string i. */
  private ends = new Uint32Array(INITIAL_COUNT);
  private count = 0;

  static from(strings: Iterable<string>): StringList {
    const list = new StringList();
    for (const s of strings) list.push(s);
    return list;
  }

  get length(): number {
    return this.count;
  }

  /** Appends `s`; returns its index. */
  push(s: string): number {
    const size = Buffer.byteLength(s, 'utf8');
    if (this.used + size > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + size));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.used += this.bytes.write(s, this.used, 'utf8');
    this.ends[this.count] = this.used;
    return this.count++;
  }

  get(index: number): string {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) throw new RangeError(`no string at ${index}`);
    const start = index === 0 ? 0 : this.ends[index - 1]!;
    return this.bytes.toString('utf8', start, this.ends[index]);
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let i = 0; i < this.count; i++) yield this.get(i);
  }

  /** Gives back the room kept for growth; returns the list. */
  trim(): this {
    if (this.bytes.length > this.used) this.bytes = Buffer.from(this.bytes.subarray(0, this.used));
    if (this.ends.length > this.count) this.ends = this.ends.slice(0, Math.max(this.count, 1));
    return this;
  }

  toArray(): string[] {
    return Array.from(this);
  }
}

/**
 * A list of file paths stored as (directory, name): each distinct directory once, then only the names. Sorted inputs
 * from one tree share few directories, so a path costs little more than its file name (~20 bytes instead of ~55 in
 * the bench corpus). Any string round-trips: the split is after the last "/" or "\\", and a path without one has
 * an empty directory.
 */
export class PathList implements Iterable<string> {
  private readonly dirs = new StringList();
  private readonly dirIndex = new StringMap();
  private readonly names = new StringList();
  private dirOf = new Uint32Array(INITIAL_COUNT);
  private lastDir = '';
  private lastDirNo = -1;

  static from(paths: Iterable<string>): PathList {
    const list = new PathList();
    for (const p of paths) list.push(p);
    return list;
  }

  get length(): number {
    return this.names.length;
  }

  /** Appends `path`; returns its index. */
  push(path: string): number {
    const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1;
    const dir = path.slice(0, cut);
    if (dir !== this.lastDir || this.lastDirNo < 0) {
      let no = this.dirIndex.get(dir);
      if (no === undefined) {
        no = this.dirs.push(dir);
        this.dirIndex.add(dir, no);
      }
      this.lastDir = dir;
      this.lastDirNo = no;
    }
    const index = this.names.push(path.slice(cut));
    if (index === this.dirOf.length) this.dirOf = grow(this.dirOf);
    this.dirOf[index] = this.lastDirNo;
    return index;
  }

  get(index: number): string {
    const name = this.names.get(index);
    return this.dirs.get(this.dirOf[index]!) + name;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  /** Gives back the room kept for growth; returns the list. */
  trim(): this {
    this.names.trim();
    this.dirs.trim();
    if (this.dirOf.length > this.length) this.dirOf = this.dirOf.slice(0, Math.max(this.length, 1));
    return this;
  }

  toArray(): string[] {
    return Array.from(this);
  }
}

/** A set of strings with a value per string (a uint32), stored as a StringList plus an open-addressing hash table. */
export class StringMap {
  private readonly keys = new StringList();
  private values = new Uint32Array(INITIAL_COUNT);
  private hashes = new Uint32Array(INITIAL_COUNT);
  /** Slot → key index + 1; 0 marks an empty slot. Kept at most half full. */
  private slots = new Uint32Array(INITIAL_COUNT * 2);

  get size(): number {
    return this.keys.length;
  }

  has(key: string): boolean {
    key = wellFormed(key);
    return this.find(key, hashOf(key)) >= 0;
  }

  /** The value stored for `key`, or undefined. */
  get(key: string): number | undefined {
    key = wellFormed(key);
    const at = this.find(key, hashOf(key));
    return at < 0 ? undefined : this.values[at];
  }

  /** Stores `value` under `key` unless the key is already present; returns whether it was added. */
  add(key: string, value: number): boolean {
    key = wellFormed(key);
    const hash = hashOf(key);
    if (this.find(key, hash) >= 0) return false;
    const index = this.keys.push(key);
    if (index === this.values.length) {
      this.values = grow(this.values);
      this.hashes = grow(this.hashes);
    }
    this.values[index] = value;
    this.hashes[index] = hash;
    if ((index + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(index, hash);
    return true;
  }

  /** Index of `key` among the keys, or -1. Only keys whose full hash matches are decoded and compared. */
  private find(key: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === 0) return -1;
      const index = entry - 1;
      if (this.hashes[index] === hash && this.keys.get(index) === key) return index;
    }
  }

  private place(index: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = index + 1;
  }

  private rehash(size: number): void {
    this.slots = new Uint32Array(size);
    for (let i = 0; i < this.keys.length; i++) this.place(i, this.hashes[i]!);
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * Keys are stored as UTF-8, which cannot hold a lone surrogate: such a key is compared with U+FFFD in its place, so
 * two keys differing only there count as the same (for call ids: the later call is renamed, never merged).
 */
function wellFormed(s: string): string {
  return LONE_SURROGATE.test(s) ? s.replace(LONE_SURROGATES, '\uFFFD') : s;
}

function grow(array: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const grown = new Uint32Array(array.length * 2);
  grown.set(array);
  return grown;
}

/** FNV-1a over UTF-16 code units, finished with a murmur3 mix so nearby keys spread over the table. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
