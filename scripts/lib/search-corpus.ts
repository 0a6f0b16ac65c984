// A seeded, realistic-looking message corpus for bench:search: many conversations of very
// different sizes, short and long texts, numbers, emoji and several languages, with word
// frequencies from very common to a handful of occurrences (the "rare" query words).

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHORT = [
  "ok",
  "Ok 👍",
  "Thanks!",
  "thank you so much",
  "See you tomorrow",
  "On my way 🚗",
  "Can you call me?",
  "Yes",
  "No worries",
  "lol 😂",
  "Sounds good",
  "Running 10 min late, sorry",
  "Got it, thanks",
  "Your appointment is confirmed for Tuesday at 3pm",
  "Is the package delivered yet?",
  "Where are you?",
  "Call me when you can",
  "Happy birthday!! 🎉🎂",
  "Can we reschedule to next week?",
  "Perfect, see you then",
  "What time works for you?",
  "I sent the invoice this morning",
  "The delivery is scheduled for Friday",
  "Please confirm your order",
  "Reply STOP to unsubscribe",
  "Good morning ☀️",
  "Love you ❤️",
];

const COMMON = (
  "the you to and a i it is for that of on in me my this we your be can have so just at with are not do " +
  "will if but get what know was all like me up out there good now when about time back see call one how " +
  "today tomorrow thanks please yes no ok send sent order price home work week day night morning later " +
  "need want going come let make sure think check message phone number text still ready soon done"
).split(" ");

const TOPICAL = (
  "appointment appointments confirmed confirmation delivery delivered delivering deliver invoice invoices " +
  "payment refund reschedule rescheduled schedule meeting dinner lunch coffee package shipping tracking " +
  "address parking weekend birthday doctor dentist insurance contract quote estimate receipt"
).split(" ");

const FOREIGN = [
  "¿Dónde estás? Llego en cinco minutos",
  "Gracias por la información, mañana te llamo",
  "La reunión es a las tres",
  "Merci beaucoup, à demain !",
  "Le rendez-vous est confirmé pour jeudi",
  "Ça marche, je t'appelle après le café",
  "Danke, bis später! Schöne Grüße",
  "Können wir den Termin verschieben?",
  "Obrigado, até amanhã",
  "A encomenda já foi entregue?",
  "Привет! Как дела?",
  "Спасибо, увидимся завтра",
  "今日は何時に会えますか？",
  "ありがとうございます",
  "明天见，谢谢你",
  "我已经到了",
  "Grazie mille, ci vediamo domani",
  "Καλημέρα, τι κάνεις;",
];

const EMOJI = ["😂", "❤️", "👍", "🙏", "🎉", "😊", "🔥", "😅", "👀", "✅"];
const AREA_CODES = ["512", "737", "212", "415", "305", "646", "312", "206", "617", "702"];
// biome-ignore format: a word list reads best across
const FIRST = [
  "José", "María", "Zoë", "François", "Chloé", "Renée", "Ana", "Liam", "Olivia", "Noah",
  "Emma", "Mateo", "Sofía", "Lucas", "Björn", "Amélie", "Ethan", "Mia", "Jürgen", "Ava",
];
// biome-ignore format: a word list reads best across
const LAST = [
  "Núñez", "García", "Smith", "Müller", "Dubois", "O'Brien", "Kowalski", "Nguyen",
  "Johnson", "Lefèvre", "Rossi", "Silva", "Brown", "Peña", "Tanaka", "Ivanova",
];

/** Pseudo-words that occur a few times each in a million messages. */
export function rareWords(count: number, random: () => number): string[] {
  const syllables = [
    "ka",
    "lo",
    "mi",
    "ve",
    "zu",
    "tor",
    "rix",
    "pel",
    "qua",
    "nim",
    "dra",
    "sho",
    "bel",
    "fen",
    "gor",
    "yst",
  ];
  const words = new Set<string>();
  while (words.size < count) {
    let w = "";
    const n = 3 + Math.floor(random() * 2);
    for (let i = 0; i < n; i++) w += syllables[Math.floor(random() * syllables.length)];
    words.add(w);
  }
  return [...words];
}

export function phoneNumber(random: () => number): string {
  const area = AREA_CODES[Math.floor(random() * AREA_CODES.length)]!;
  const rest = Math.floor(2_000_000 + random() * 7_999_999).toString();
  return `+1${area}${rest}`;
}

export function personName(random: () => number): { first: string; last: string } {
  return { first: pick(FIRST, random), last: pick(LAST, random) };
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)]!;
}

/** Zipf-ish pick: low indexes far more often than high ones. */
function zipf<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(list.length * random() ** 2.2)]!;
}

function sentence(words: number, random: () => number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(random() < 0.12 ? pick(TOPICAL, random) : zipf(COMMON, random));
  const s = out.join(" ");
  return s[0]!.toUpperCase() + s.slice(1) + (random() < 0.2 ? "?" : ".");
}

export function messageText(random: () => number, rare: string[]): string {
  const r = random();
  let text: string;
  if (r < 0.42) text = pick(SHORT, random);
  else if (r < 0.72) text = sentence(5 + Math.floor(random() * 15), random);
  else if (r < 0.8) {
    const parts: string[] = [];
    for (let n = 3 + Math.floor(random() * 6); n > 0; n--) parts.push(sentence(6 + Math.floor(random() * 14), random));
    text = parts.join(" ");
  } else if (r < 0.9) text = pick(FOREIGN, random);
  else if (r < 0.94)
    text = `Order #A${Math.floor(random() * 1e6)} total $${(random() * 300).toFixed(2)}, tracking ${Math.floor(random() * 1e12)}`;
  else if (r < 0.97) {
    const p = phoneNumber(random);
    text = `My new number is (${p.slice(2, 5)}) ${p.slice(5, 8)}-${p.slice(8)}, text me there`;
  } else text = `Your code is ${Math.floor(100000 + random() * 900000)}`;
  if (random() < 0.15) text += ` ${pick(EMOJI, random)}`;
  if (random() < 0.03) text += ` ${pick(rare, random)}`;
  return text;
}
