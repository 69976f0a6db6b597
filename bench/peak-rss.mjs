// Preloaded (`node --import`) into every timed process: at exit, writes the process's peak
// resident set size (all threads, bytes) and CPU time (all threads, user + system, ms) as JSON
// to the file named by TASKLINT_BENCH_RSS.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const target = process.env.TASKLINT_BENCH_RSS;
if (target && isMainThread) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({ rss: usage.maxRSS * 1024, cpu: (usage.userCPUTime + usage.systemCPUTime) / 1000 }),
    );
  });
}
