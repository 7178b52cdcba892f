// @citation-js/plugin-ris 0.8 ships no type declarations. It is imported only for its side effect of
// registering the "ris" output format, which this declares on @citation-js/core's format table.
import '@citation-js/core';

declare module '@citation-js/core' {
  namespace plugins {
    namespace output {
      interface Formats {
        ris: (options?: { format?: 'text' | 'object'; spec?: 'old' | 'new' | 'mixed' }) => unknown;
      }
    }
  }
}
