// The readers of one vendor JSON document shape, in the order the json/jsonl readers try them (after the canonical
// shape). Adding a NICE or Five9 export is one vendorReader file added here and in the registry (./index.ts).
import { transcribeReader } from './transcribe.js';
import { twilioReader } from './twilio.js';
import type { Reader } from './types.js';
import { ccaiReader, genesysReader } from './vendors.js';

export const JSON_SHAPE_READERS: readonly Reader[] = [transcribeReader, genesysReader, ccaiReader, twilioReader];
