// A function of one string, remembered: the same titles, abstracts and sentences are read again and again (by
// screening, claims and verification, across the reviews of a run, and each sentence against many claims).
// Bounded, so a long-running process cannot grow without limit: when full it forgets everything at once, which
// costs less than keeping a least-recently-used order and lets a run's working set refill it. The values are shared:
// callers that hand them on copy them, or treat them as read-only.
//
// Exported API
//   remembered<T>(compute: (key: string) => T, limit = 100_000): (key: string) => T

export function remembered<T>(compute: (key: string) => T, limit = 100_000): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined && !known.has(key)) {
      value = compute(key);
      if (known.size >= limit) known.clear();
      known.set(key, value);
    }
    return value as T;
  };
}
