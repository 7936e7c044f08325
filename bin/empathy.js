#!/usr/bin/env node
// Each call's analysis is allocated in a burst and dies with the call. V8's allocation-site pretenuring took those
// objects for long-lived ones and allocated them in the old generation, so minor GCs promoted ~1 MB each and major
// GCs had to collect them (bench/README.md, "Garbage collection"). Off before any module allocates; V8 flags are
// per process, so the worker threads get it too.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-allocation-site-pretenuring');
await import('../dist/cli/main.js');
