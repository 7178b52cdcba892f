// The live question the refresh process tests run against the loopback replay server: its arXiv and Europe PMC
// searches are the recorded ones in tests/fixtures/api/. `extra` lines are appended (e.g. a refresh interval).
export function liveDemoQuestion(extra: readonly string[] = []): string {
  return [
    'title: A live review',
    'question: What do recorded arXiv and Europe PMC searches return about testing and cancer?',
    'facets:',
    '  - { id: testing, label: Software testing, terms: [testing, test] }',
    '  - { id: cancer, label: Cancer research, terms: [cancer, tumour, tumor] }',
    'sources:',
    '  - { type: arxiv, limit: 10 }',
    '  - { type: europepmc, limit: 25 }',
    'search: { queries: [testing cancer] }',
    'screening: { minRelevance: 0.1 }',
    ...extra,
  ].join('\n');
}
