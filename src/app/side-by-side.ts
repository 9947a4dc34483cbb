/**
 * Two independent reads run side by side, with one deterministic failure: when both fail, the
 * first one's error is the one reported, whichever git process happened to die first.
 */
export async function sideBySide<A, B>(first: Promise<A>, second: Promise<B>): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled([first, second]);
  if (a.status === "rejected") throw a.reason;
  if (b.status === "rejected") throw b.reason;
  return [a.value, b.value];
}
