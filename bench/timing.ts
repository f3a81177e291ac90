/** Runs `work` in `concurrency` loops until `ms` have passed; counts the completed runs. */
export async function forDuration(
  ms: number,
  concurrency: number,
  work: () => Promise<void>,
): Promise<{ count: number; seconds: number }> {
  const start = performance.now();
  const end = start + ms;
  let count = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await work();
        count++;
      }
    }),
  );
  return { count, seconds: (performance.now() - start) / 1000 };
}
