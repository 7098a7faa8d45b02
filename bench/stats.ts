// Shared by the benchmarks: the p-th percentile of timings (nearest rank).
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Runs `work` a few times to warm up, then `runs` times, and returns each run's milliseconds. */
export async function timings(work: () => Promise<unknown>, runs: number, warmUps = 3): Promise<number[]> {
  for (let i = 0; i < warmUps; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    samples.push(performance.now() - t);
  }
  return samples;
}
