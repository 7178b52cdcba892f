#!/usr/bin/env node
// Regenerates public/schema/question.schema.json from the zod schema (a test fails when it is stale).
import { questionJsonSchema } from '../src/questions/question-json-schema.ts';
import { writeFileAtomic } from '../src/store/write-atomic.ts';

writeFileAtomic('public/schema/question.schema.json', questionJsonSchema());
console.log('wrote public/schema/question.schema.json');
