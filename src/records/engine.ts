// Bump ENGINE_VERSION whenever a stage's output can change for the same inputs: it is part of every
// synthesis's input hash, so a new engine recomputes every review.
export const ENGINE_NAME = 'sift';
export const ENGINE_VERSION = '0.6.1';
export const ENGINE = `${ENGINE_NAME} ${ENGINE_VERSION}`;
