// Call ids must be unique within a run (finding ids, baselines and --group-by call key on them). A repeated id —
// typically the same call id in two exported files — keeps both calls: the later one is renamed after its file,
// with a warning, never silently merged or dropped.
import type { Transcript } from '../types.js';
import { StringMap } from './compact-strings.js';

export interface UniqueIds {
  /**
   * Renames `transcript` in place when its id was already used; returns the warning to show, if any. `fileNo` numbers
   * the input the call came from (the run's file list index), so the table stores a number, not a path, per id.
   */
  claim(transcript: Transcript, fileNo: number): string | undefined;
}

/** `fileName` turns a file number back into the name shown in warnings. */
export function createUniqueIds(fileName: (fileNo: number) => string): UniqueIds {
  // Every id of the run stays here until it ends (an endless stdin stream too): packed, ~30 bytes per id.
  const firstFile = new StringMap();
  return {
    claim(transcript, fileNo) {
      const { id } = transcript;
      const earlier = firstFile.get(id);
      if (earlier === undefined) {
        firstFile.add(id, fileNo);
        return undefined;
      }
      let renamed = `${id}@${transcript.source.file}`;
      for (let n = 2; firstFile.has(renamed); n++) renamed = `${id}@${transcript.source.file}#${n}`;
      firstFile.add(renamed, fileNo);
      transcript.id = renamed;
      const line = transcript.source.line === undefined ? '' : `:${transcript.source.line}`;
      return `${transcript.source.file}${line}: call id "${id}" was already read from ${fileName(earlier)}; this call is scored as "${renamed}"`;
    },
  };
}
