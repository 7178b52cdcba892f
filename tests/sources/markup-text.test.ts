import { describe, expect, it } from 'vitest';
import { decodeEntities, markupToText } from '../../src/sources/markup-text.ts';
import { splitName } from '../../src/sources/person-name.ts';
import { fixture } from './recordings.ts';

describe('markupToText', () => {
  it('turns a real JATS abstract (Crossref) into its text, without the "Abstract" label', () => {
    const item = (JSON.parse(fixture('crossref/test_works_field_queries_0.json')) as { message: { items: Array<{ DOI: string; abstract?: string }> } })
      .message.items.find((entry) => entry.DOI === '10.1111/ele.14024')!;
    expect(item.abstract).toMatch(/^<jats:title>Abstract<\/jats:title>/);
    const text = markupToText(item.abstract!);
    expect(text.startsWith('Encouraged by decision makers’ appetite')).toBe(true);
    expect(text.endsWith('are the best way to avoid the trap.')).toBe(true);
    expect(text).not.toContain('\n');
  });

  it('keeps structured-abstract headings (Europe PMC <h4>) as their own lines and inline text (<sub>)', () => {
    expect(markupToText('<h4>Background</h4>Hydrogen sulfide (H<sub>2</sub>S) is of interest.<h4>Objectives</h4>We aimed')).toBe(
      'Background\nHydrogen sulfide (H2S) is of interest.\nObjectives\nWe aimed',
    );
  });

  // Invented edge cases the recorded abstracts do not happen to contain.
  it('leaves a bare "<" that is not a tag, and decodes entities once', () => {
    expect(markupToText('<p>significant (p < 0.05) &amp; robust</p>')).toBe('significant (p < 0.05) & robust');
    expect(markupToText('a &lt;i&gt; b &#x3b1; &#946; &amp;lt;')).toBe('a <i> b α β &lt;');
    expect(decodeEntities('&unknown; stays')).toBe('&unknown; stays');
  });

  it('drops JATS inline elements of any prefix', () => {
    expect(markupToText('<jats:p>The <jats:italic>in vivo</jats:italic> effect<jats:sup>1</jats:sup></jats:p>')).toBe('The in vivo effect1');
  });
});

describe('splitName', () => {
  it('splits display names into family and given, keeping particles with the family name', () => {
    expect(splitName('Adrian Del Maestro')).toEqual({ family: 'Del Maestro', given: 'Adrian' });
    expect(splitName('Quan Thoi Minh Nguyen')).toEqual({ family: 'Nguyen', given: 'Quan Thoi Minh' });
    expect(splitName('M. Patwary')).toEqual({ family: 'Patwary', given: 'M.' });
    expect(splitName('Ludwig van Beethoven')).toEqual({ family: 'van Beethoven', given: 'Ludwig' });
    expect(splitName('Martin Luther King Jr.')).toEqual({ family: 'King', given: 'Martin Luther Jr.' });
    expect(splitName('Turing, Alan M.')).toEqual({ family: 'Turing', given: 'Alan M.' });
    expect(splitName('Plato')).toEqual({ family: 'Plato' });
    expect(splitName('  ')).toBeNull();
  });
});
