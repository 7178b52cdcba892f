// Reading built pages for tests with parse5, the WHATWG HTML parser (a dependency of Astro's
// Markdown pipeline): assertions are about the document a browser would build, not about substrings.
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

export function parseHtml(html: string): Node {
  return parse(html);
}

export function elements(root: Node): Element[] {
  const out: Element[] = [];
  const visit = (node: Node): void => {
    if ('tagName' in node) out.push(node);
    const children = 'content' in node && node.nodeName === 'template' ? node.content.childNodes : 'childNodes' in node ? node.childNodes : [];
    for (const child of children) visit(child as Node);
  };
  visit(root);
  return out;
}

export function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

export function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map((child) => textOf(child as Node)).join('') : '';
}

export function byTag(root: Node, tag: string): Element[] {
  return elements(root).filter((element) => element.tagName === tag);
}

export function hasClass(element: Element, name: string): boolean {
  return (attr(element, 'class') ?? '').split(/\s+/).includes(name);
}
