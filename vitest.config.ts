import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const DIST = fileURLToPath(new URL('./dist/', import.meta.url));

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30000,
    hookTimeout: 30000,
    pool: 'forks',
    // vitest's default in `run` mode is one worker fewer than the cores, so a 2-core CI ran one test file at a time
    // while most files keep about one core busy (one thread waiting on one CLI run). Two workers there: the same
    // suite took ~25% less wall time on 2 cores. More cores keep the default.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    server: {
      deps: {
        // dist/ is the built CLI (plain ESM, also what its worker threads load): imported natively, not through vitest's
        // transform, which cost ~1.2 s per test file that runs the CLI in-process (tests/helpers/cli-in-process.ts).
        external: [new RegExp(`^${DIST.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)],
      },
    },
  },
});
