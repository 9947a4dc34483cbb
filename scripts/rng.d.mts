/** mulberry32: the same seed gives the same numbers in [0, 1). */
export function rng(seed: number): () => number;
