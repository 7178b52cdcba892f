export * from './question.ts';
export * from './paper.ts';
export * from './retrieval.ts';
export * from './screening.ts';
export * from './claim.ts';
export * from './review.ts';
export * from './synthesis.ts';
export * from "./engine.ts";
