import { callLog, contactCreated, inboundMessage, lineEvent, media, typing, type MessageFields } from "./bodies";
import { demoCast, type DemoCast, type Person } from "./cast";
import { DemoScript, short, type ExpectedMessage, type ExpectedReaction } from "./script";

// What `npm run demo` posts: a photographer's studio line and a support line over about a
// minute, with everything Sendblue sends (README, "Point Sendblue at the inbox"): 1:1 and group chats,
// SMS fallbacks, every media kind, tapbacks, status updates duplicated and out of order, a
// blacklisted number, typing, calls, contacts and line events.

export type DemoPlan = {
  cast: DemoCast;
  steps: DemoScript["steps"];
  durationMs: number;
  expected: {
    directConversations: { line: string; contact: string }[];
    groupConversations: { groupId: string; name: string | null; participants: string[] }[];
    messages: ExpectedMessage[];
    reactions: ExpectedReaction[];
    mediaFiles: string[];
    calls: number;
    blockedLine: string;
    namedContacts: Person[];
  };
};

export function demoPlan(options: { seed: string; runId: string; start: Date }): DemoPlan {
  const c = demoCast(options.seed);
  const s = new DemoScript(options.start, options.runId);
  const { studio, support, spare } = c.lines;
  const mediaFiles: string[] = [];
  const mediaUrl = (name: string) => (mediaFiles.push(name), media(`${options.runId.slice(0, 8)}/${name}`));

  const receive = (
    key: string,
    from: Person | string,
    line: string,
    content: string,
    extra: Partial<MessageFields> = {},
  ) => {
    const contact = typeof from === "string" ? from : from.number;
    const handle = s.handle(key);
    const who = typeof from === "string" ? from : from.first;
    s.post(
      "receive",
      inboundMessage({ handle, line, contact, content, at: s.now(), ...extra }),
      `${who}: ${short(content)}`,
    );
    return handle;
  };
  const tapback = (
    key: string,
    from: Person,
    line: string,
    text: string,
    target: string,
    reaction: string,
    extra: Partial<MessageFields> = {},
  ) => {
    const handle = receive(key, from, line, text, extra);
    s.reactions.push({ handle, targetHandle: target, reaction });
  };
  const typingFor = (p: Person, line: string, on: boolean) =>
    s.post(
      "typing_indicator",
      typing(line, p.number, on, s.now()),
      `${p.first} ${on ? "is typing…" : "stopped typing"}`,
    );

  // Lines and contacts first, as when an account is set up.
  s.post(
    "line_assigned",
    lineEvent({ line: studio, assignment: "assigned", status: "ONLINE", at: s.now() }),
    "line assigned: studio",
  );
  s.wait(300).post(
    "line_assigned",
    lineEvent({ line: support, assignment: "shared", status: "ONLINE", at: s.now() }),
    "line assigned: support",
  );
  s.wait(300).post(
    "line_assigned",
    lineEvent({ line: spare, assignment: "grace_period", status: "DEGRADED", at: s.now() }),
    "line assigned: spare",
  );
  for (const p of [c.maya, c.daniel, c.priya, c.sam, c.jordan]) {
    const line = p === c.priya || p === c.sam ? support : studio;
    s.wait(250).post(
      "contact_created",
      contactCreated({
        number: p.number,
        line,
        firstName: p.first,
        lastName: p.last,
        company: p.company,
        tags: p.tags,
        at: s.now(),
      }),
      `contact created: ${p.first} ${p.last ?? ""}`.trim(),
    );
  }

  // Maya: an engagement shoot, iMessage, with a full and shuffled status sequence.
  s.wait(900);
  typingFor(c.maya, studio, true);
  s.wait(1800);
  const mayaFirst = inboundMessage({
    handle: s.handle("maya-1"),
    line: studio,
    contact: c.maya.number,
    at: s.now(),
    content: "Hi! Is the 14th still open for the engagement shoot? We're flexible on time.",
  });
  s.post("receive", mayaFirst, "Maya: Hi! Is the 14th still open…");
  typingFor(c.maya, studio, false);
  s.wait(1200);
  const goldenHour = "It is! Golden hour at Baker Beach works best — around 6:15pm.";
  const goldenHandle = s.sent(
    { key: "studio-1", line: studio, contact: c.maya.number, content: goldenHour },
    [
      ["QUEUED", 0],
      ["SENT", 400],
      ["DELIVERED", 700],
      ["SENT", 500, { lateFrom: "SENT" }],
      ["DELIVERED", 300],
    ],
    { status: "DELIVERED" },
  );
  // Sendblue retried the first message: same bytes, must change nothing.
  s.wait(600).post("receive", mayaFirst, "Maya: (retry of the first message)");
  s.wait(1500);
  tapback("maya-2", c.maya, studio, `Loved “${goldenHour}”`, goldenHandle, "love");
  s.wait(1400);
  receive("maya-3", c.maya, studio, "Here's the look we're going for", { mediaUrl: mediaUrl("moodboard.jpg") });
  s.wait(700);
  receive("maya-4", c.maya, studio, "", { mediaUrl: mediaUrl("IMG_4821.HEIC") });
  s.wait(1600);
  const biscuit = "Love it. Bring the dog if you want — Biscuit would absolutely steal the show 🐶";
  const biscuitHandle = s.sent(
    { key: "studio-2", line: studio, contact: c.maya.number, content: biscuit, sendStyle: "gentle" },
    [
      ["QUEUED", 0],
      ["DELIVERED", 900],
      ["SENT", 200, { lateFrom: "DELIVERED" }],
    ],
    { status: "DELIVERED" },
  );
  s.wait(2000);
  tapback(
    "maya-5",
    c.maya,
    studio,
    "Laughed at “Love it. Bring the dog if you want — Biscuit would…”",
    biscuitHandle,
    "laugh",
  );

  // Daniel: texts from Android, so everything falls back to SMS.
  s.wait(1500);
  receive(
    "daniel-1",
    c.daniel,
    studio,
    "hey this is daniel from the open house sunday, is the 2br on Alder St still available?",
    { service: "SMS" },
  );
  s.wait(1800);
  s.sent(
    {
      key: "studio-3",
      line: studio,
      contact: c.daniel.number,
      content: "Hi Daniel! It is. Want to see it again, or were you ready to apply?",
      service: "SMS",
      wasDowngraded: true,
    },
    [
      ["QUEUED", 0],
      ["SENT", 800],
    ],
    { status: "SENT" },
  );
  s.wait(2200);
  receive("daniel-2", c.daniel, studio, "see it again first. thursday after 5 work?", { service: "sms" });
  s.wait(1400);
  s.sent(
    {
      key: "studio-4",
      line: studio,
      contact: c.daniel.number,
      content: "Thursday 5:30 works. I'll text you the lockbox code that morning.",
      service: "SMS",
      wasDowngraded: true,
    },
    [
      ["QUEUED", 0],
      ["SENT", 600],
      ["SENT", 900],
    ],
    { status: "SENT" },
  );

  // The hike group on the studio line.
  const hike = {
    id: c.groups.hike,
    name: "Saturday hike 🥾",
    participants: [c.jordan.number, c.lee.number, c.maya.number, studio],
  };
  s.wait(1500);
  receive("hike-1", c.jordan, studio, "Trailhead at 8? Parking at Tennessee Valley fills up fast after 9", {
    group: hike,
  });
  s.wait(1300);
  receive("hike-2", c.lee, studio, "8 works. I'll bring coffee ☕", { group: hike });
  s.wait(1500);
  const driveText = "Count me in. I'll drive — room for 3.";
  const driveHandle = s.sent(
    { key: "hike-3", line: studio, contact: c.jordan.number, content: driveText, group: hike },
    [
      ["QUEUED", 0],
      ["SENT", 500],
      ["DELIVERED", 700],
    ],
    { status: "DELIVERED" },
  );
  s.wait(1200);
  tapback("hike-4", c.maya, studio, `Loved “${driveText}”`, driveHandle, "love", { group: hike });
  s.wait(900);
  receive("hike-5", c.lee, studio, "Route for the loop, about 5.5 mi", {
    group: hike,
    mediaUrl: mediaUrl("trail-map.png"),
  });
  s.wait(1000);
  tapback("hike-6", c.jordan, studio, "Reacted 👀 to “Route for the loop, about 5.5 mi”", s.handle("hike-5"), "emoji", {
    group: hike,
  });

  // Priya on the support line: a call, documents, a voice note, and a status callback.
  s.wait(1800);
  s.post(
    "call_log",
    callLog({
      line: support,
      contact: c.priya.number,
      direction: "inbound",
      disposition: "connected",
      durationSeconds: 184,
      at: s.now(),
      transcript:
        "Hi, this is Priya from Raman Family Dental. We were charged twice for November, the invoice number is 2291. Could someone take a look? Thanks.",
    }),
    "call from Priya (connected, 3m04s)",
  );
  s.wait(1600);
  receive("priya-1", c.priya, support, "Here's the invoice I mentioned on the phone", {
    mediaUrl: mediaUrl("invoice-2291.pdf"),
  });
  s.wait(900);
  receive("priya-2", c.priya, support, "And our office manager's card, in case she calls", {
    mediaUrl: mediaUrl("Dana%20Whitfield.vcf"),
  });
  s.wait(800);
  typingFor(c.priya, support, true);
  s.wait(1500);
  typingFor(c.priya, support, false);
  s.wait(1200);
  typingFor(c.priya, support, true);
  s.wait(2200);
  receive("priya-3", c.priya, support, "", { mediaUrl: mediaUrl("Audio%20Message.caf") });
  s.wait(1800);
  const refund = "Got it, thanks Priya. The duplicate charge is refunded — it takes 3–5 business days to show up.";
  const refundHandle = s.sent(
    { key: "support-1", line: support, contact: c.priya.number, content: refund },
    [
      ["QUEUED", 0],
      ["SENT", 500, { auth: "token" }],
      ["DELIVERED", 800, { auth: "token" }],
      ["DELIVERED", 400],
    ],
    { status: "DELIVERED" },
  );
  s.wait(1500);
  tapback("priya-4", c.priya, support, `Liked “${refund}”`, refundHandle, "like");

  // Sam: missed calls, then site videos and pictures.
  s.wait(1500);
  s.post(
    "call_log",
    callLog({
      line: support,
      contact: c.sam.number,
      direction: "outbound",
      disposition: "not_answered",
      durationSeconds: 0,
      transcript: null,
      at: s.now(),
    }),
    "call to Sam (not answered)",
  );
  s.wait(1500);
  s.post(
    "call_log",
    callLog({
      line: support,
      contact: c.sam.number,
      direction: "inbound",
      disposition: "voicemail",
      durationSeconds: 37,
      at: s.now(),
      transcript:
        "Hey, it's Sam. Sorry I missed you, I was up on a ladder. Sending the clips from the site visit now, call me back whenever.",
    }),
    "voicemail from Sam (37s)",
  );
  s.wait(1300);
  receive("sam-1", c.sam, support, "Clip from the site walkthrough", { mediaUrl: mediaUrl("site-walkthrough.mov") });
  s.wait(800);
  receive("sam-2", c.sam, support, "", { mediaUrl: mediaUrl("drone-pass.mp4") });
  s.wait(1200);
  receive("sam-3", c.sam, support, "Is this the latest floor plan?", { mediaUrl: mediaUrl("floorplan-v3.png") });
  s.wait(1500);
  const v3 = "Yes, v3 is final. The contractor starts Monday at 7.";
  const v3Handle = s.sent(
    { key: "support-2", line: support, contact: c.sam.number, content: v3 },
    [
      ["QUEUED", 0],
      ["SENT", 400],
      ["DELIVERED", 600],
    ],
    { status: "DELIVERED" },
  );
  s.wait(1000);
  tapback("sam-4", c.sam, support, `Emphasized “${v3}”`, v3Handle, "emphasize");
  s.wait(700);
  receive("sam-5", c.sam, support, "", { mediaUrl: mediaUrl("thumbs-up.gif") });

  // A reminder to a blacklisted number: error_code as a string on the status callback,
  // then the same failure again as a number on the account-wide webhook.
  s.wait(1500);
  s.sent(
    {
      key: "support-3",
      line: support,
      contact: c.stranger,
      content: "Reminder: your cleaning at Raman Family Dental is Tue at 10:40am. Reply C to confirm.",
    },
    [
      ["QUEUED", 0],
      ["ERROR", 900, { auth: "token", errorCode: "4002", errorMessage: "This number is blacklisted" }],
      ["ERROR", 600, { errorCode: 4002, errorMessage: "This number is blacklisted" }],
    ],
    { status: "ERROR", errorCode: "4002" },
  );

  // The remodel group on the support line: Sendblue sent no display name.
  const remodel = { id: c.groups.remodel, name: null, participants: [c.priya.number, c.sam.number, support] };
  s.wait(1500);
  receive(
    "remodel-1",
    c.sam,
    support,
    "Looping you both in on the Alder St remodel. Demo is done, framing starts next week.",
    { group: remodel },
  );
  s.wait(1500);
  receive("remodel-2", c.priya, support, "Great! Will the front office be usable during framing?", {
    group: { ...remodel, name: "" },
  });
  s.wait(1200);
  s.sent(
    {
      key: "remodel-3",
      line: support,
      contact: c.sam.number,
      content: "Mostly — we'll close it Wednesday only. I'll send a schedule tonight.",
      group: remodel,
    },
    [
      ["QUEUED", 0],
      ["SENT", 500],
      ["DELIVERED", 700],
    ],
    { status: "DELIVERED" },
  );

  // Finally the spare line gets blocked.
  s.wait(1500).post(
    "line_blocked",
    lineEvent({ line: spare, status: "OFFLINE", reason: "carrier_flagged", at: s.now() }),
    "line blocked: spare",
  );

  return {
    cast: c,
    steps: s.steps,
    durationMs: s.durationMs(),
    expected: {
      directConversations: [
        { line: studio, contact: c.maya.number },
        { line: studio, contact: c.daniel.number },
        { line: support, contact: c.priya.number },
        { line: support, contact: c.sam.number },
        { line: support, contact: c.stranger },
      ],
      groupConversations: [
        { groupId: hike.id, name: hike.name, participants: hike.participants.filter((n) => n !== studio) },
        { groupId: remodel.id, name: null, participants: remodel.participants.filter((n) => n !== support) },
      ],
      messages: s.messages,
      reactions: s.reactions,
      mediaFiles,
      calls: 3,
      blockedLine: spare,
      namedContacts: [c.maya, c.daniel, c.priya, c.sam, c.jordan],
    },
  };
}
