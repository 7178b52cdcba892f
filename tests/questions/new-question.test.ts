import { describe, expect, it } from 'vitest';
import { newQuestionYaml, slugify, uniqueId } from '../../src/questions/new-question.ts';
import { parseQuestion } from '../../src/questions/parse-question.ts';

const flagshipQuestion =
  'What is the impact of different fine-tuning strategies (e.g., multi-task learning vs. sequential fine-tuning) on the robustness of Codestral in detecting vulnerabilities in low-resource programming languages?';

describe('newQuestionYaml', () => {
  it('writes a valid, commented file with defaults from the question alone', () => {
    const { id, text } = newQuestionYaml({ question: flagshipQuestion }, new Set());
    expect(id).toBe('impact-different-fine-tuning-strategies-multi-task');
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    expect(text).toContain('# facets: the parts an answer must cover');
    const parsed = parseQuestion(text, `questions/${id}.yaml`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.question.question).toBe(flagshipQuestion);
    expect(parsed.question.sources.map((s) => s.type)).toEqual(['openalex', 'crossref', 'semanticscholar', 'arxiv', 'europepmc']);
    expect(parsed.question.search?.queries[0]).toContain('fine-tuning');
  });

  it('never reuses a taken id', () => {
    const taken = new Set(['impact-different-fine-tuning-strategies-multi-task', 'impact-different-fine-tuning-strategies-multi-task-2']);
    expect(newQuestionYaml({ question: flagshipQuestion }, taken).id).toBe('impact-different-fine-tuning-strategies-multi-task-3');
  });

  it('takes facets, a corpus source and an explicit id', () => {
    const { id, text } = newQuestionYaml(
      {
        question: 'Does LoRA fine-tuning match full fine-tuning for vulnerability detection?',
        id: 'LoRA vs Full',
        facets: [
          { label: 'Parameter-efficient fine-tuning', terms: ['LoRA', 'adapter'] },
          { label: 'Vulnerability detection', terms: ['vulnerab'] },
        ],
        sources: ['corpora/code-security.csl.json'],
      },
      new Set(),
    );
    expect(id).toBe('lora-vs-full');
    const parsed = parseQuestion(text, `questions/${id}.yaml`);
    expect(parsed.ok && parsed.question.facets.map((f) => f.id)).toEqual(['parameter-efficient-fine-tuning', 'vulnerability-detection']);
    expect(parsed.ok && parsed.question.search).toBeUndefined();
  });

  it('slugs and de-duplicates ids', () => {
    expect(slugify('Ça va? Robustness — of LLMs!')).toBe('ca-va-robustness-of-llms');
    expect(uniqueId('a', new Set(['a']))).toBe('a-2');
  });
});
