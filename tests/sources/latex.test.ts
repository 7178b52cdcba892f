import { describe, expect, it } from 'vitest';
import { latexLeftovers } from '../../src/sources/latex.ts';

describe('latexLeftovers (CSL-JSON is not LaTeX: only BibTeX leftovers are read)', () => {
  it('reads the leftovers the real corpora carry (corpora/code-security.csl.json)', () => {
    expect(latexLeftovers('Gon{\\c{c}}alves')).toBe('Gonçalves');
    expect(latexLeftovers('Jos{\\\'e}')).toBe('José');
    expect(latexLeftovers('Y{\\i}ld{\\i}r{\\i}m')).toBe('Yıldırım');
    expect(latexLeftovers('{\\.I}lhan')).toBe('İlhan');
    expect(latexLeftovers('{\\c{C}}etin')).toBe('Çetin');
    expect(latexLeftovers('G{\\""u}rfidan')).toBe('Gürfidan');
    expect(latexLeftovers('Computers \\& Security (COSE)')).toBe('Computers & Security (COSE)');
    expect(latexLeftovers('VulSim: Leveraging Similarity of {Multi-Dimensional} Neighbor Embeddings')).toBe(
      'VulSim: Leveraging Similarity of Multi-Dimensional Neighbor Embeddings',
    );
  });

  // Issue 10, finding 10: citation-js's BibTeX reader made "\textbf{x}" the literal text "<b>x</b>" and
  // mangled "\u003c" (its \u is the breve accent). Invented values: the corpora have none.
  it('leaves every other command, math and escape as written', () => {
    expect(latexLeftovers('\\textbf{x}')).toBe('\\textbf{x}');
    expect(latexLeftovers('\\emph{Asm2Vec} and $x_{t}$')).toBe('\\emph{Asm2Vec} and $x_{t}$');
    expect(latexLeftovers('x \\u003c y')).toBe('x \\u003c y');
    expect(latexLeftovers('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });
});
