/**
 * fast-check settings for property tests: a fixed seed keeps `npm test` deterministic. Set
 * FC_SEED=random to explore new inputs (a failure prints its seed), or FC_SEED=<n> to replay one.
 */
export function runs(numRuns: number): { numRuns: number; seed?: number } {
  const seed = process.env.FC_SEED;
  if (seed === "random") return { numRuns };
  return { numRuns, seed: seed ? Number(seed) : 20261120 };
}

/** Property tests run hundreds of cases: room for a loaded CI machine, not a speed assertion. */
export const PROPERTY_TIMEOUT = 30_000;
