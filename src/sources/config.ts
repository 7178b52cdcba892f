import type { LiveSourceName } from '../records/index.ts';
import { ENGINE_NAME, ENGINE_VERSION } from '../records/index.ts';

// Everything the live sources need from the outside world, read once at the edge (readLiveConfig) and
// passed down as plain data, so adapters and tests never look at process.env themselves.
export type LiveConfig = {
  urls: Record<LiveSourceName, string>;
  keys: {
    // OpenAlex requires a key since 2026 (sent as the `api_key` query parameter).
    openalex: string | null;
    // Semantic Scholar: keyed clients get 1 request per second (sent as the `x-api-key` header).
    semanticscholar: string | null;
  };
  // Contact address for the polite pools (OpenAlex and Crossref `mailto`, User-Agent everywhere).
  contactEmail: string | null;
  userAgent: string;
  timeoutMs: number;
  retries: number;
  concurrency: number;
};

export const defaultUrls: Record<LiveSourceName, string> = {
  openalex: 'https://api.openalex.org',
  crossref: 'https://api.crossref.org',
  arxiv: 'https://export.arxiv.org/api',
  semanticscholar: 'https://api.semanticscholar.org/graph/v1',
  europepmc: 'https://www.ebi.ac.uk/europepmc/webservices/rest',
};

export const urlVariables: Record<LiveSourceName, string> = {
  openalex: 'SIFT_OPENALEX_URL',
  crossref: 'SIFT_CROSSREF_URL',
  arxiv: 'SIFT_ARXIV_URL',
  semanticscholar: 'SIFT_SEMANTICSCHOLAR_URL',
  europepmc: 'SIFT_EUROPEPMC_URL',
};

export type Environment = Readonly<Record<string, string | undefined>>;

function present(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function readLiveConfig(env: Environment, overrides: Partial<LiveConfig> = {}): LiveConfig {
  const urls = { ...defaultUrls };
  for (const name of Object.keys(urls) as LiveSourceName[]) {
    const override = present(env[urlVariables[name]]);
    // A trailing slash would double up when paths are appended.
    if (override) urls[name] = override.replace(/\/+$/, '');
  }
  const contactEmail = present(env['SIFT_CONTACT_EMAIL']);
  // Crossref's etiquette asks for a User-Agent naming the tool and a mailto: address.
  const userAgent = `${ENGINE_NAME}/${ENGINE_VERSION} (https://github.com/sift-maintainers/sift${
    contactEmail ? `; mailto:${contactEmail}` : ''
  })`;
  return {
    urls,
    keys: {
      openalex: present(env['OPENALEX_API_KEY']),
      semanticscholar: present(env['SEMANTIC_SCHOLAR_API_KEY']),
    },
    contactEmail,
    userAgent,
    timeoutMs: 30_000,
    retries: 4,
    concurrency: 4,
    ...overrides,
  };
}

// Query parameters that carry a credential in any of the five APIs.
const secretParameters = new Set(['api_key', 'apikey', 'key', 'token', 'access_token']);

// Keys must never reach logs, caches, error messages or the site: every URL or message that is kept
// passes through here. Both the named parameters and the literal key values are removed, so a key that
// turns up somewhere unexpected (an echoed request in an error body) is caught as well.
export function redact(text: string, config: Pick<LiveConfig, 'keys'>): string {
  return redactSecrets(text, [config.keys.openalex, config.keys.semanticscholar]);
}

/** redact() for any list of secrets (the language-model client's key goes through here too). */
export function redactSecrets(text: string, secrets: readonly (string | null)[]): string {
  let out = text;
  for (const key of secrets) {
    if (key) {
      out = out.split(key).join('[redacted]');
      const encoded = encodeURIComponent(key);
      if (encoded !== key) out = out.split(encoded).join('[redacted]');
    }
  }
  return out.replace(/([?&])([A-Za-z_]+)=(?!\[redacted\])([^&#\s"']*)/g, (whole, separator: string, name: string) =>
    secretParameters.has(name.toLowerCase()) ? `${separator}${name}=[redacted]` : whole,
  );
}
