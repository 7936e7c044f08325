// Sentence pools for the synthetic benchmark corpus. Templates use {slot} placeholders filled per call
// (see generate.js); the pools are deliberately varied so the text is not trivially repetitive for a
// scanner, and they contain the hard negatives the detectors must reject.

export const TEAMS = ['billing', 'tech-support', 'logistics', 'retention', 'claims'];

export const FIRST_NAMES = [
  'Alice', 'Daniel', 'Maria', 'Priya', 'Tom', 'Grace', 'Omar', 'Chloe', 'Liam', 'Fatima', 'Ben', 'Sofia',
  'Kwame', 'Hannah', 'Jack', 'Mei', 'Rosa', 'Ivan', 'Leah', 'Samir', 'Nadia', 'Owen', 'Ruth', 'Yusuf',
  'Ella', 'Marcus', 'Zara', 'Peter', 'Aisha', 'George', 'Lucy', 'Raj', 'Beatrice', 'Hugo', 'Ines', 'Callum',
];
export const SURNAMES = [
  'Jones', 'Okafor', 'Garcia', 'Patel', 'Nguyen', 'Smith', 'Khan', 'Murphy', 'Kowalski', 'Haddad', 'Brown',
  'Rossi', 'Mensah', 'Lang', 'Taylor', 'Chen', 'Silva', 'Petrov', 'Cohen', 'Ali', 'Novak', 'Evans', 'Walsh',
  'Nwosu', 'Fischer', 'Reid', 'Ahmed', 'Doyle', 'Moreau', 'Clarke', 'Singh', 'Berg',
];

export const FILL = {
  month: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  weekday: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  duration: ['two weeks', 'ten days', 'nearly a month', 'three weeks', 'since Tuesday', 'over an hour', 'six weeks', 'all weekend'],
  waited: ['forty minutes', 'half an hour', 'an hour', 'twenty minutes', 'fifty minutes'],
  times: ['twice', 'three times', 'four times', 'twice already', 'three times this week'],
  stake: ['that money is for my rent', 'I work from home', 'my daughter has exams this week', 'I run a small business from here',
    'I have a hospital appointment tomorrow', 'I am on a fixed income', 'it was a birthday present', 'I need it for work on Monday'],
  timeframe: ['by Friday', 'within 24 hours', 'within 48 hours', 'by the end of the day', 'tomorrow morning', 'by Thursday', 'early next week', 'within three working days'],
  channel: ['email', 'text message', 'call'],
  step: ['restart the router', 'unplug the power cable for thirty seconds', 'check the cable at the back', 'clear your browser cache',
    'open the app again', 'switch the device to the other network', 'hold the reset button for ten seconds', 'log out on every device'],
  colour: ['orange', 'red', 'flashing green', 'blue', 'white'],
  item: ['a coffee machine', 'a pair of trainers', 'a desk lamp', 'a laptop bag', 'some bedding', 'a birthday present', 'a phone case', 'a set of pans'],
  plan: ['the premium plan', 'the family bundle', 'the basic package', 'the sport add-on', 'the unlimited plan', 'the annual membership'],
  claimItem: ['the MRI scan', 'the physiotherapy sessions', 'the emergency room visit', 'the dental work', 'the repair to the car', 'the water damage in the kitchen', 'the stolen bicycle'],
  system: ['the online portal', 'the mobile app', 'the customer account', 'the banking app', 'the email account', 'the web login'],
  town: ['Leeds', 'Bristol', 'Manchester', 'Cardiff', 'Glasgow', 'Norwich', 'York', 'Brighton', 'Derby', 'Exeter'],
  street: ['Mill Lane', 'Station Road', 'Church Street', 'Park Avenue', 'Victoria Road', 'Green Close', 'High Street', 'Elm Grove'],
  years: ['three', 'five', 'seven', 'ten', 'twelve', 'two'],
};

// Per domain: company names, the customer's issue with a paraphrase of it (so restatements overlap the
// customer's words), and domain sentences for the long middle of the call.
export const DOMAINS = {
  billing: {
    team: 'billing', prefix: 'BILL', weight: 22,
    companies: ['Northwind Energy', 'Harbour Water', 'Brightline Broadband'],
    issues: [
      ['I have been charged twice for my {month} bill, {amount} each time.', 'you were charged twice for the {month} bill, {amount} both times'],
      ['My direct debit went up to {amount} this month and nobody told me why.', 'your direct debit went up to {amount} without any explanation'],
      ['I closed my account when I moved and I still have not had my credit refund of {amount}.', 'you closed the account when you moved and the {amount} credit refund has not arrived'],
      ['The bill says I used far more than usual in {month}, it is {amount} when it is normally half that.', 'your {month} bill is {amount}, about double what you normally pay'],
      ['I was promised a discount on my bill in {month} and it has not been applied.', 'the discount you were promised in {month} has not been applied to the bill'],
    ],
    customer: [
      'The payment came out on the {n}th and then again two days later.',
      'I checked my bank statement this morning and there it was.',
      'I have been with you for {years} years and this has never happened before.',
      'My meter reading was {meter} on the first of {month}.',
      'I set up the direct debit online when I moved in.',
      'The letter said the amount would stay the same for the year.',
      'I can send you a photo of the statement if that helps.',
      'My partner usually deals with the bills but she is away this week.',
      'It is the account at {houseNo} {street}, {town}.',
      'I just want to know what I am actually paying for.',
      'The last bill before that was about {amount2}.',
      'I never received a paper bill for {month}, only the email.',
    ],
    agent: [
      'I can see two payments of {amount} on the account for {month}.',
      'The second collection looks like it was triggered by a system rerun.',
      'Your tariff changed on the first of {month}, which is why the amount moved.',
      'I am going to raise a refund for the duplicate payment now.',
      'The refund normally takes three to five working days to reach your bank.',
      'I have added a note to the account so the next bill is checked by hand.',
      'Your estimated reading was higher than the real one, so I will rebill it.',
      'The balance on the account after the correction will be {amount2} in credit.',
      'I can also move your payment date if the {n}th is awkward for you.',
      'Can I confirm the last four digits of the bank account the payment came from?',
      'I will send a corrected statement to the email address we hold.',
      'Your discount code is on the account, it just was not applied to the {month} bill.',
    ],
  },
  outage: {
    team: 'tech-support', prefix: 'TECH', weight: 18,
    companies: ['Brightline Broadband', 'Metro Fibre', 'Northwind Energy'],
    issues: [
      ['My internet has been completely down since {time} this morning and all the lights on the router are {colour}.', 'your internet has been down since {time} this morning and the router lights are {colour}'],
      ['The connection keeps dropping every evening, it cuts out for ten minutes at a time.', 'the connection drops out every evening for about ten minutes at a time'],
      ['We have had no power on the whole street since last night.', 'the whole street has been without power since last night'],
      ['The broadband speed is about a tenth of what I am paying for.', 'the broadband is running at around a tenth of the speed you pay for'],
      ['My landline has no dial tone and the internet went at the same time.', 'the landline has no dial tone and the internet went down at the same time'],
    ],
    customer: [
      'I have already tried turning the router off and on again.',
      'The light on the front has been {colour} since it started.',
      'My neighbours at number {houseNo} seem to have the same problem.',
      'I am on a video call for work most of the day.',
      'The speed test said {speed} megabits this morning.',
      'It is plugged straight into the wall socket, not an extension.',
      'I moved the router to the hallway last month, could that matter?',
      'The phone line crackles as well when it rains.',
      'We have three laptops and two phones connected to it.',
      'It was fine until the engineer visited on {weekday}.',
      'The postcode is {postcode}.',
      'I tried the cable from the old router as well.',
    ],
    agent: [
      'I can see a fault reported in the {town} area from {time} this morning.',
      'Could you {step} for me while I run a line test?',
      'The line test is showing some noise on the connection.',
      'Our engineers are already working on a damaged cable near the exchange.',
      'The current estimate for the repair is {timeframe}.',
      'I am going to reset the port at our end, it takes about two minutes.',
      'Your router firmware is out of date, I will push an update now.',
      'If the light turns white, that means the sync is back.',
      'I have booked an engineer visit for {weekday} between eight and one.',
      'You may be entitled to compensation for each full day without service.',
      'Can you tell me what the lights on the router are doing now?',
      'I will add a credit to the account for the days you have been without service.',
    ],
  },
  delivery: {
    team: 'logistics', prefix: 'DLV', weight: 18,
    companies: ['Parcelpoint', 'Cartwell Home', 'Swift Couriers'],
    issues: [
      ['My order {order} was meant to arrive on {weekday} and it still has not come.', 'order {order} was due on {weekday} and it still has not arrived'],
      ['The tracking says the parcel was delivered but there is nothing here.', 'the tracking shows the parcel as delivered but nothing reached you'],
      ['I ordered {item} and the box arrived completely smashed.', 'the box with {item} arrived badly damaged'],
      ['The courier left my parcel with a neighbour I do not even know.', 'the courier left the parcel with a neighbour you do not know'],
      ['I was sent the wrong item, I ordered {item} and got something else entirely.', 'you ordered {item} but received a different item'],
    ],
    customer: [
      'The order number is {order}.',
      'I was in all day and nobody knocked.',
      'The photo on the tracking page is not even my front door.',
      'I paid extra for next day delivery.',
      'It was supposed to be a present for {weekday}.',
      'My address is {houseNo} {street}, {town}.',
      'The driver did not leave a card or anything.',
      'I have checked with the neighbours on both sides.',
      'The box was open at one end and soaking wet.',
      'I ordered it on the {n}th so it has been a while.',
      'Can I get it sent to my work address instead?',
      'I do not want a voucher, I just want the item.',
    ],
    agent: [
      'I can see order {order} left our {town} depot on {weekday}.',
      'The driver marked it as handed to a neighbour at number {houseNo}.',
      'I am going to open an investigation with the courier.',
      'I can send a replacement out today on the express service.',
      'The replacement should reach you {timeframe}.',
      'I will refund the delivery charge as well.',
      'Could you send us a photo of the damaged box for the claim?',
      'The GPS location on the scan is about two streets away from you.',
      'I have flagged your address so the driver needs a signature next time.',
      'You will not need to send the damaged item back.',
      'Can I confirm the best phone number for the courier to call?',
      'Your refund of {amount} has been approved on our side.',
    ],
  },
  cancellation: {
    team: 'retention', prefix: 'RET', weight: 14,
    companies: ['StreamBox', 'Brightline Broadband', 'FitLife Gyms'],
    issues: [
      ['I want to cancel {plan}, I asked to cancel last month and I am still being charged.', 'you asked to cancel {plan} last month and are still being charged'],
      ['I need to close my account, my husband passed away and it was in his name.', 'you need to close the account that was in your late husband\'s name'],
      ['The price went up to {amount} and I cannot afford it any more, so I want to leave.', 'the price rose to {amount}, which you can no longer afford, so you want to leave'],
      ['I am moving abroad next month and need to end the contract.', 'you are moving abroad next month and need to end the contract'],
      ['I was signed up to {plan} without agreeing to it and I want it cancelled.', 'you were put on {plan} without agreeing to it and want it cancelled'],
    ],
    customer: [
      'I sent an email on the {n}th and never heard back.',
      'I have been a customer for {years} years.',
      'I do not want any offers, I just want it closed.',
      'The early exit fee was never mentioned when I signed up.',
      'I have the confirmation number from the last call somewhere.',
      'My bank says I can stop the direct debit myself.',
      'I only use it a couple of times a month now.',
      'The contract was meant to end in {month}.',
      'I need a letter confirming the account is closed.',
      'Can you make sure nobody calls me to sell me something else?',
      'The account holder was {custName}.',
      'I have returned the equipment already, I have the receipt.',
    ],
    agent: [
      'I can see the cancellation request from {month} was never processed.',
      'I will cancel {plan} with effect from today.',
      'Your final bill will be {amount2}, and I will waive the exit fee.',
      'I can offer you {plan} at half price for six months if you would like to stay.',
      'I will refund the charges taken since you first asked to cancel.',
      'You will receive a cancellation confirmation with the reference number.',
      'For a bereavement we just need a copy of the death certificate, there is no rush.',
      'The equipment return is logged, so there is nothing more to pay.',
      'I have removed the account from all marketing lists.',
      'Your contract ends on the {n}th of {month}, so there is no early exit fee.',
      'Can I confirm the forwarding address for the final bill?',
      'I have set the account to close automatically once the refund is paid.',
    ],
  },
  insurance: {
    team: 'claims', prefix: 'CLM', weight: 14,
    companies: ['Cedar Mutual', 'Oakhill Insurance', 'Harbour Health'],
    issues: [
      ['My claim for {claimItem} was rejected and I do not understand why.', 'your claim for {claimItem} was turned down without a clear reason'],
      ['I submitted a claim for {claimItem} {duration} ago and have heard nothing.', 'you sent in the claim for {claimItem} {duration} ago and have had no response'],
      ['You only paid {amount} for {claimItem} when the bill was much higher.', 'you were paid {amount} for {claimItem}, well short of the bill'],
      ['I was told {claimItem} was covered and now you are saying it is not.', 'you were told {claimItem} was covered and now it is being refused'],
      ['I need to make a claim for {claimItem} and I do not know where to start.', 'you need to claim for {claimItem} and are not sure how to begin'],
    ],
    customer: [
      'The policy number is {order}.',
      'I have all the receipts and the doctor\'s letter.',
      'The form online kept timing out when I tried to upload the documents.',
      'I rang on the {n}th and was told it would take five days.',
      'The invoice from the clinic came to {amount2}.',
      'I have paid my premium every month for {years} years.',
      'The letter just said the claim did not meet the criteria.',
      'My GP referred me, it was not something I chose to do.',
      'It happened on {weekday} the {n}th.',
      'I can email the photos of the damage today.',
      'Nobody told me I needed pre-authorisation.',
      'I am not in a position to pay that myself.',
    ],
    agent: [
      'I can see the claim was declined because the pre-authorisation was missing.',
      'Your policy does cover {claimItem} up to {amount2} a year.',
      'I am going to send the claim back for review with the referral letter.',
      'The assessor needs the itemised invoice rather than the summary.',
      'Claims normally take ten working days once everything is in.',
      'I have uploaded the documents you emailed to the claim file.',
      'The excess on your policy is {amount}, which is taken off the payment.',
      'Can you confirm the date of the treatment for me?',
      'I have marked the claim as urgent given the amount involved.',
      'You can also appeal the decision in writing within thirty days.',
      'I will ask the medical team to look at the referral today.',
      'The payment will go to the bank account ending {last4}.',
    ],
  },
  password: {
    team: 'tech-support', prefix: 'ACC', weight: 14,
    companies: ['Ledgerly Bank', 'CloudDesk', 'Brightline Broadband'],
    issues: [
      ['I am locked out of {system}, it says my password is wrong but I know it is right.', 'you are locked out of {system} even though you are sure the password is right'],
      ['The password reset email never arrives, I have tried {times}.', 'the password reset email has not arrived after trying {times}'],
      ['I got a text saying someone changed my password and it was not me.', 'you had a text saying your password was changed and it was not you'],
      ['The two-step code goes to my old phone number and I cannot log in.', 'the two-step code is going to your old number so you cannot log in'],
      ['My account was suspended overnight and I need it for work.', 'your account was suspended overnight and you need it for work'],
    ],
    customer: [
      'I changed my phone number in {month}.',
      'The username is my email address.',
      'I have checked the spam folder as well.',
      'It says too many attempts, try again later.',
      'I have not shared the password with anyone.',
      'I use the same device every day, nothing has changed.',
      'The last time I logged in was on {weekday}.',
      'I need to pay an invoice through it by {weekday}.',
      'Is my money safe?',
      'The error code is {errCode}.',
      'I tried it on my laptop and on the app.',
      'My date of birth is the {n}th of {month}.',
    ],
    agent: [
      'For security I need to ask you a few questions first.',
      'I can see {n} failed login attempts on the account this morning.',
      'I have locked the account to protect it while we check.',
      'I am sending a one-time code to the number ending {last4}.',
      'Could you read the six-digit code back to me when it arrives?',
      'I have reset the password, you will be asked to choose a new one.',
      'The reset emails were going to an old address on the account.',
      'I have updated the phone number for two-step verification.',
      'Please {step} and then try logging in again.',
      'Nothing was changed on the account apart from the password.',
      'Your account is active again as of now.',
      'I would recommend turning on app notifications for new logins.',
    ],
  },
};

// Conversation scaffolding shared by every domain.
export const GREETINGS = [
  'Good morning, {company}, you are speaking with {agentFirst}, how can I help?',
  '{company}, {agentFirst} speaking.',
  'Hello, you are through to {company}, my name is {agentFirst}. What can I do for you today?',
  'Good afternoon, this is {agentFirst} at {company}. How can I help you?',
  'Hi, {agentFirst} here from the {team} team at {company}. What is the call about today?',
];
export const THANKING_GREETINGS = [
  'Thank you for calling {company}, this is {agentFirst}, how can I help you today?',
  'Thanks for calling {company}, you are speaking with {agentFirst}.',
  'Hello, thanks for getting in touch with {company} today, my name is {agentFirst}. How can I help?',
];
export const CUSTOMER_OPENERS = ['Hi, yes.', 'Hello.', 'Morning.', 'Hi there, um.', 'Yes, hello.', 'Oh hi, right.', ''];

export const AGENT_GENERIC = [
  'Can I take the full name on the account, please?',
  'And can you confirm the first line of the address?',
  'Let me just bring that up on the system.',
  'Okay, I have the account open in front of me now.',
  'Bear with me one second while the page loads.',
  'I am just reading through the notes from the last call.',
  'The system is a little slow today.',
  'Can I check the email address we have for you is still current?',
  'Is this still the best number to reach you on?',
  'I can see what has happened here.',
  'That part is straightforward, I can do it now.',
  'I will explain what I am doing as I go.',
  'Right, that is all updated.',
  'There is one more thing I need to check.',
  'Okay, let me go through the options with you.',
  'What happened when you tried that?',
  'How long has it been like this?',
  'When did you first notice the problem?',
  'That gives me what I need.',
  'I am writing that down now.',
];
export const CUSTOMER_GENERIC = [
  'Yes, that is right.', 'It is {custName}.', 'Okay.', 'Yes, that is still the same.', 'Sure, go ahead.',
  'Sorry, I have it written down here somewhere.', 'It should be the mobile number.', 'I think so, yes.',
  'Hang on, let me find the letter.', 'Okay, that makes sense.', 'Right.', 'Mm-hm.', 'I did not know that.',
  'How long will that take?', 'And will that fix it for good?', 'That is fine.', 'Yes, please.',
  'Can you spell that for me?', 'It is {houseNo} {street}.', 'I just want it sorted, to be honest.',
  'That would be great.', 'The postcode is {postcode}.', 'No, nothing like that.', 'I am not sure, my son set it up.',
];
export const BACKCHANNELS = ['Okay.', 'I see.', 'Right.', 'Uh-huh.', 'Got it.', 'Sure.', 'Mm-hm.', 'Okay, thanks.'];

export const DISTRESS = [
  'This is the third time I have called about this.',
  'Honestly, this is ridiculous.',
  'I have been waiting {waited} on hold just to get through.',
  'I am really frustrated with the whole thing.',
  'I am so stressed about this, {stake}.',
  'This is completely unacceptable.',
  'I have called {times} and every time someone tells me something different.',
  'I am fed up with being passed from one department to another.',
  'I am actually really worried about it, {stake}.',
  'Nobody ever calls back when they say they will.',
  'I am at the end of my tether with this.',
  'I need this fixed today, {stake}.',
];
export const ACKNOWLEDGEMENTS = [
  'I understand how frustrating that must be.',
  'That must be really stressful, especially when {stakeShort}.',
  'I can imagine how worrying that is.',
  'I would be upset too, honestly.',
  'I am sorry to hear that.',
  'Oh no, that is awful.',
  'That is not the experience we want you to have.',
  'I can hear how upsetting this has been, {custFirst}.',
  'That sounds really difficult, and it is completely understandable that you are annoyed.',
  'I can tell how much this has been worrying you.',
];
export const APOLOGIES = [
  'I am sorry for the inconvenience.',
  'I apologize for the delay.',
  'Sorry about that.',
  'My apologies.',
  'That was our mistake, and I am sorry.',
  'I am really sorry about the wait today.',
  'I do apologise for the trouble this has caused.',
  'I am sorry that nobody got back to you.',
  'Apologies, that should have been sorted the first time.',
];
export const APPRECIATION = [
  'Thank you for your patience.',
  'Thanks for holding.',
  'I appreciate you bringing this to our attention.',
  'Thanks for bearing with me.',
  'Great question.',
  'Thank you for being with us for {years} years.',
  'I appreciate you checking that for me.',
  'Thank you for sending those details over.',
  'Thanks for waiting while I looked into that.',
];
export const PARAPHRASE_CUES = [
  'So just to confirm,', 'Just to make sure I have this right,', 'If I understand correctly,', 'So what you are saying is',
  'So,', 'It sounds like', 'In other words,', 'Let me check I have understood:',
];
export const PARAPHRASE_TAGS = ['', ', is that right?', ', correct?', ', have I got that right?'];
export const FOLLOW_UPS = [
  'I will call you back {timeframe} to confirm it is all done.',
  'I will email you the confirmation {timeframe}.',
  'I am going to escalate this and update you {timeframe}.',
  'Let me look into it and get back to you {timeframe}.',
  'I will send you a text as soon as it is done.',
  'I will personally check on it {timeframe} and give you a call.',
  'You will get an email from me {timeframe} with the reference number.',
];
export const HOLDS = [
  'Let me put you on hold for a moment.', 'I will be right back.', 'Can you hold for two minutes while I check?',
  'One moment, I will just check with my team leader.',
];
export const CLARIFICATIONS = [
  'Sorry, could you repeat that?', 'Sorry, I did not catch that, could you say it again?', 'Excuse me?',
  'Sorry, was that a B or a D?', 'Sorry, the line broke up there, what was the last part?',
];
// Phrases that look like behaviours but are not (DESIGN §2): non-apologies, causal thanks, vague offers,
// negated acknowledgement, negative language.
export const AGENT_HARD_NEGATIVES = [
  'I am sorry you feel that way, but that is the policy.',
  'Sorry, but there is nothing I can do about the fee.',
  'Thanks to the update last week, the system is a bit quicker now.',
  'You could call us again if it happens.',
  'I do not understand what you mean.',
  'That is not my department, to be fair.',
  'You need to read the terms and conditions.',
];
export const CUSTOMER_POLITE = [
  'Thank you so much.', 'Sorry, I am a bit flustered today.', 'No thanks, I am fine.', 'Thanks, I appreciate it.',
  'I will call you back if it happens again.', 'Sorry, I did not mean to snap.',
];
export const WRAP_UP_AGENT = [
  'Is there anything else I can help you with today?',
  'Is there anything else at all?',
  'Was there anything else you needed?',
];
export const WRAP_UP_CUSTOMER = [
  'No, that is everything, thanks.', 'No thanks, that is all.', 'No, I think that covers it.',
  'That is all, thank you for your help.', 'No, that is it.',
];
export const CLOSINGS = [
  'Thanks for calling, have a lovely day.', 'Thank you for calling {company}, take care.',
  'Lovely, you have a good rest of the day.', 'Okay, bye now.', 'Thanks for your time today, goodbye.',
];
export const CUSTOMER_BYES = ['Bye.', 'Thanks, bye.', 'You too, bye.', 'Cheers, bye bye.', 'Okay, thank you, bye.'];
