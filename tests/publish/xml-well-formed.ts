// Well-formedness of an XML document as XML 1.0 (Fifth Edition) and Namespaces in XML define it, read with
// saxes, a conformant parser: unlike fast-xml-parser's XMLValidator (which checks tags and nesting only),
// it also rejects characters outside the Char production (§2.2) — NUL, other C0 controls, U+FFFE, U+FFFF,
// half a surrogate pair — which make a real feed reader (libxml2, expat) refuse the whole document.
import { SaxesParser } from 'saxes';

/** Every well-formedness error in `xml`, as "line:column: message"; none for a well-formed document. */
export function xmlErrors(xml: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => errors.push(error.message));
  parser.write(xml).close();
  return errors;
}
