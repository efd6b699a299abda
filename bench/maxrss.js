// Preloaded with --import: on exit, writes the process's peak RSS (KiB) to $LEERTUIN_BENCH_RSS.
import { appendFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.LEERTUIN_BENCH_RSS;
  if (file) appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
});
