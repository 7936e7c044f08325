// The options of score and report that change how inputs are read and who the agent is: written once, here.
// program.ts adds them to both commands; `empathy formats` (commands/formats.ts) lists them with the same words.
import { Option } from 'commander';
import { READERS } from '../transcript/readers/index.js';
import { parseAgentId, parseChannelMapOption, parseColumns, parseEncoding, parseNameList } from './options.js';

export function readingOptions(): Option[] {
  return [
    new Option('--input-format <format>', 'read every input as this format instead of sniffing').choices(READERS.map((r) => r.name)),
    new Option('--columns <map>', 'CSV/TSV column mapping, e.g. role=Party,text=Utterance (role, text, call_id, agent_id, timestamp, …; with --thread-by: id, author, inbound)').argParser(parseColumns),
    new Option('--encoding <label>', 'decode every input with this encoding (windows-1252, latin1, utf-16le, …) instead of detecting UTF-8/UTF-16').argParser(parseEncoding),
    new Option('--agent-names <names>', 'speaker names that are agents, e.g. "Jane,Tom"').argParser(parseNameList),
    new Option('--role-map <file>', 'YAML speaker → role (and agentId) map'),
    new Option('--channel-map <map>', 'audio channel → role for channel-only inputs (Twilio), e.g. 1=customer,2=agent').argParser(parseChannelMapOption),
    new Option('--agent-id <id>', 'agent id for every agent turn, overriding the input').argParser(parseAgentId),
    new Option('--contacts <file>', 'contact metadata (CSV or JSON lines: contact_id, agent, team/queue, date; Amazon Connect ContactId, Agent.Username, Queue.Name, InitiationTimestamp) joined to calls by contact id'),
    new Option('--contact-columns <map>', 'column mapping for --contacts, e.g. contact_id=CallRef,agent=Rep,team=Group,date=When').argParser(parseColumns),
    new Option('--thread-by <column>', 'CSV threads (social, chat): rows join the call of the parent their reply-to column names, e.g. in_response_to_tweet_id'),
    new Option('--agent-from-signature', 'with --thread-by: a trailing signature (^MM, /AY, - Mike) names the agent (<signature>@<handle>)'),
  ];
}
