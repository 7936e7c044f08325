// Call ids must be unique within a run (finding ids, baselines and --group-by call key on them). A repeated id —
// typically the same call id in two exported files — keeps both calls: the later one is renamed after its file,
// with a warning, never silently merged or dropped.
import type { Transcript } from '../types.js';

export interface UniqueIds {
  /** Renames `transcript` in place when its id was already used; returns the warning to show, if any. */
  claim(transcript: Transcript): string | undefined;
}

export function createUniqueIds(): UniqueIds {
  const firstFile = new Map<string, string>();
  return {
    claim(transcript) {
      const { id } = transcript;
      const earlier = firstFile.get(id);
      if (earlier === undefined) {
        firstFile.set(id, transcript.source.file);
        return undefined;
      }
      let renamed = `${id}@${transcript.source.file}`;
      for (let n = 2; firstFile.has(renamed); n++) renamed = `${id}@${transcript.source.file}#${n}`;
      firstFile.set(renamed, transcript.source.file);
      transcript.id = renamed;
      const line = transcript.source.line === undefined ? '' : `:${transcript.source.line}`;
      return `${transcript.source.file}${line}: call id "${id}" was already read from ${earlier}; this call is scored as "${renamed}"`;
    },
  };
}
