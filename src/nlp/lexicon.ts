// English word classes the analyser needs, as plain data: stop words, other function words, irregular lemmas.
// The stop-word list is the one wink-eng-lite-web-model flags (spaCy's English list), so content-word overlap behaves
// as it did when every turn went through wink; the lemma table covers the forms a Porter stem cannot join to their
// base (ran/run, bought/buy, children/child) — regular inflections meet at the stem anyway.

export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "'d 'll 'm 're 's 've a about above across after afterwards again against ai all almost alone along already also " +
    'although always am among amongst amount an and another any anyhow anyone anything anyway anywhere are around as ' +
    'at back be became because become becomes becoming been before beforehand behind being below beside besides ' +
    'between beyond both bottom but by ca call can cannot could da did dis do does doin doing done down due during ' +
    'each eight either eleven else elsewhere empty enough etc even ever every everyone everywhere except few fifteen ' +
    'fifty first five for former forty four from front full further get give go had has have he hence her here hers ' +
    'herself him himself his how however hundred i if in inc indeed into is it its itself just keep last latter ' +
    'least less made make many may me meanwhile might mine more moreover most mostly move much must my myself ' +
    "n't nah name namely neither never nevertheless next nine no nobody none nope nor not nothing now nowhere nt of " +
    'off often on once one only onto or other otherwise our ours ourselves out over own part per perhaps please put ' +
    'quite rather re really regarding same say see seem seemed seeming seems serious seven several she should show ' +
    'side since six sixty so some somehow someone something sometime sometimes somewhere still such take ten than ' +
    'that the their them themselves then there thereafter therefore these they third this those though three ' +
    'through throughout thru thus to together too top toward towards twelve twenty two under unless until up upon ' +
    'us used using various ve very via was we well were what whatever when whenever where whereas whereby wherein ' +
    'wherever whether which while who whoever whole whom whose why will with within without wo would yet you your ' +
    'yours yourself yourselves'
  ).split(' '),
);

/** Function words outside the stop list (interjections, pronouns, prepositions): never content. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    'okay ok uh um er erm hmm mm mhm yes yeah yep yup yea yah ya ye oh ah aw ooh ohh wow hey hi hello bye goodbye ' +
    'ugh ouch oops whoa amen lol haha hah like somebody everybody anybody nobody y\'all ought shall outside inside ' +
    'near till unto underneath versus plus minus despite unlike theirs ourself whichever whats thats gonna wanna ' +
    'gotta kinda sorta dunno'
  ).split(' '),
);

/** Irregular inflections → lemma (lower-case). Regular -s/-ed/-ing forms are left to the stemmer. */
export const IRREGULAR_LEMMAS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    // be, have, do, modals and contraction pieces
    am: 'be', is: 'be', are: 'be', was: 'be', were: 'be', been: 'be', being: 'be', "'m": 'be', "'re": 'be', "'s": 'be',
    ai: 'be', has: 'have', had: 'have', "'ve": 'have', does: 'do', did: 'do', done: 'do', "n't": 'not', nt: 'not',
    "'ll": 'will', wo: 'will', "'d": 'would', ca: 'can', cannot: 'can',
    // irregular verbs: past and participle forms
    arose: 'arise', arisen: 'arise', awoke: 'awake', awoken: 'awake', bore: 'bear', born: 'bear', borne: 'bear',
    beat: 'beat', beaten: 'beat', became: 'become', began: 'begin', begun: 'begin', bent: 'bend', bet: 'bet',
    bit: 'bite', bitten: 'bite', bled: 'bleed', blew: 'blow', blown: 'blow', broke: 'break', broken: 'break',
    bred: 'breed', brought: 'bring', built: 'build', burnt: 'burn', burst: 'burst', bought: 'buy', caught: 'catch',
    chose: 'choose', chosen: 'choose', clung: 'cling', came: 'come', cost: 'cost', crept: 'creep', dealt: 'deal',
    dug: 'dig', drew: 'draw', drawn: 'draw', dreamt: 'dream', drank: 'drink', drunk: 'drink', drove: 'drive',
    driven: 'drive', ate: 'eat', eaten: 'eat', fell: 'fall', fallen: 'fall', fed: 'feed', felt: 'feel',
    fought: 'fight', found: 'find', fled: 'flee', flew: 'fly', flown: 'fly', forbade: 'forbid', forbidden: 'forbid',
    forgot: 'forget', forgotten: 'forget', forgave: 'forgive', forgiven: 'forgive', froze: 'freeze', frozen: 'freeze',
    got: 'get', gotten: 'get', gave: 'give', given: 'give', went: 'go', gone: 'go', goes: 'go', ground: 'grind',
    grew: 'grow', grown: 'grow', hung: 'hang', heard: 'hear', hid: 'hide', hidden: 'hide', hit: 'hit', held: 'hold',
    hurt: 'hurt', kept: 'keep', knelt: 'kneel', knew: 'know', known: 'know', laid: 'lay', led: 'lead', leant: 'lean',
    learnt: 'learn', left: 'leave', lent: 'lend', let: 'let', lay: 'lie', lain: 'lie', lit: 'light', lost: 'lose',
    made: 'make', meant: 'mean', met: 'meet', mistook: 'mistake', mistaken: 'mistake', paid: 'pay', proven: 'prove',
    put: 'put', quit: 'quit', read: 'read', rode: 'ride', ridden: 'ride', rang: 'ring', rung: 'ring', rose: 'rise',
    risen: 'rise', ran: 'run', said: 'say', saw: 'see', seen: 'see', sought: 'seek', sold: 'sell', sent: 'send',
    set: 'set', shook: 'shake', shaken: 'shake', shone: 'shine', shot: 'shoot', shown: 'show', shrank: 'shrink',
    shut: 'shut', sang: 'sing', sung: 'sing', sank: 'sink', sunk: 'sink', sat: 'sit', slept: 'sleep', slid: 'slide',
    spoke: 'speak', spoken: 'speak', sped: 'speed', spent: 'spend', spilt: 'spill', spun: 'spin', split: 'split',
    spread: 'spread', sprang: 'spring', stood: 'stand', stole: 'steal', stolen: 'steal', stuck: 'stick',
    stung: 'sting', stank: 'stink', struck: 'strike', strove: 'strive', swore: 'swear', sworn: 'swear',
    swept: 'sweep', swam: 'swim', swum: 'swim', swung: 'swing', took: 'take', taken: 'take', taught: 'teach',
    tore: 'tear', torn: 'tear', told: 'tell', thought: 'think', threw: 'throw', thrown: 'throw',
    understood: 'understand', undertook: 'undertake', upset: 'upset', woke: 'wake', woken: 'wake', wore: 'wear',
    worn: 'wear', wove: 'weave', woven: 'weave', wept: 'weep', won: 'win', wound: 'wind', withdrew: 'withdraw',
    withdrawn: 'withdraw', wrote: 'write', written: 'write', overcame: 'overcome', overtook: 'overtake',
    mislaid: 'mislay', misled: 'mislead', misunderstood: 'misunderstand', rebuilt: 'rebuild', redid: 'redo',
    resent: 'resend', resold: 'resell', retold: 'retell', rewrote: 'rewrite', rewritten: 'rewrite', upheld: 'uphold',
    // irregular plurals and comparison
    children: 'child', grandchildren: 'grandchild', men: 'man', women: 'woman', people: 'person', feet: 'foot',
    teeth: 'tooth', mice: 'mouse', geese: 'goose', wives: 'wife', knives: 'knife', lives: 'life', halves: 'half',
    thieves: 'thief', shelves: 'shelf', leaves: 'leaf', selves: 'self', data: 'datum', criteria: 'criterion',
    better: 'good', best: 'good', worse: 'bad', worst: 'bad', further: 'far', furthest: 'far', farther: 'far',
    // informal forms
    yep: 'yes', yeah: 'yes', ya: 'yes', nope: 'no', thru: 'through', y: 'you',
  }),
);

/** Number words as speech-to-text writes digits ("eight eight two oh one four"); not "one" or "oh", which are also words. */
export const NUMBER_WORDS: ReadonlySet<string> = new Set(
  'zero two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand double triple'.split(' '),
);
