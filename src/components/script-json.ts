// JSON to put inside a <script> element (JSON-LD). The HTML parser ends a script at the first "</script"
// whatever the JSON around it says (HTML Living Standard, "script data state"), and "<!--" changes how it
// reads on; so every "<" is written as the JSON escape \u003c, and ">" and "&" too, which keeps the value
// identical for a JSON parser. U+2028 and U+2029 are escaped for the same reason in old JavaScript readers.
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}
