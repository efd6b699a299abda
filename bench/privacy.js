// `npm run bench -- --privacy`: the privacy guard on its labelled set (test/privacy/labelled.yaml):
// recall and false alarms, per kind, what it misses and where it alarms; and how fast it scans.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export async function privacyBench(root, { findIdentifying, scoreLabelled }) {
  const { parse } = await import('yaml');
  const { entries } = parse(readFileSync(join(root, 'test', 'privacy', 'labelled.yaml'), 'utf8'));
  // The same moment as the test, so the dates read the same.
  const now = new Date(2026, 5, 1, 12, 0, 0);
  const detect = (text) => findIdentifying(text, { now });
  const score = scoreLabelled(entries, detect);
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  console.log(`labelled set: ${entries.length} texts, ${score.positives} identifying, ${score.negatives} plain`);
  console.log(`recall:       ${score.found}/${score.positives} = ${pct(score.recall)}`);
  console.log(`false alarms: ${score.falseAlarms}/${score.negatives} = ${pct(score.falseAlarmRate)}`);
  for (const [kind, k] of Object.entries(score.byKind)) console.log(`  ${kind.padEnd(10)} ${k.found}/${k.positives}`);
  for (const e of score.missed) console.log(`missed: [${e.kind ?? '-'}] ${JSON.stringify(e.text)}`);
  for (const a of score.alarms) console.log(`alarm:  ${JSON.stringify(a.entry.text)} -> ${a.findings.map((f) => f.kind).join(', ')}`);

  // Speed: the whole set, and one text of about 1 KB as a long motivation, plain ASCII and with a
  // non-breaking space (which takes the normalising path with its map back to the original).
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = (fn, rounds) => {
    const samples = [];
    for (let r = 0; r < 9; r++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < rounds; i++) fn();
      samples.push(Number(process.hrtime.bigint() - t0) / 1e3 / rounds);
    }
    return median(samples);
  };
  const texts = entries.map((e) => e.text);
  const perSet = time(() => texts.forEach(detect), 50);
  const kb = 'De cliënt heeft op grond van art. 6 lid 1 sub e AVG toestemming gegeven; het overleg was om 10:30 in het wijkteam. '.repeat(9);
  const plain = time(() => detect(kb), 500);
  const spaced = time(() => detect(kb.replace(' ', '\u00A0')), 500);
  console.log(`speed: ${(perSet / texts.length).toFixed(1)} µs a text of the set; a 1 KB motivation ${plain.toFixed(0)} µs, with one non-breaking space ${spaced.toFixed(0)} µs`);
}
