import { z } from 'zod';
import { QuestionFile } from '../records/question.ts';

// Editors (VS Code's YAML extension, JetBrains) validate and complete question files from this, via
// the `# yaml-language-server: $schema=…` line at the top of each file. Input shape: defaults optional.
export function questionJsonSchema(): string {
  const schema = z.toJSONSchema(QuestionFile, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'Sift question' }, null, 2)}\n`;
}
