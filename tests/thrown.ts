// The error a call throws, when it is of the expected class: tests then assert on its fields, which
// `expect(...).toThrow()` cannot reach. Any other error, or none, fails the test.
export function thrown<E extends Error>(run: () => unknown, kind: abstract new (...args: never[]) => E): E {
  try {
    run();
  } catch (error) {
    if (error instanceof kind) return error;
    throw error;
  }
  throw new Error(`expected a ${kind.name}`);
}
