// wink-porter2-stemmer ships no types; its CommonJS export is one function (README: `stem( word )`).
declare module 'wink-porter2-stemmer' {
  const stem: (word: string) => string;
  export default stem;
}
