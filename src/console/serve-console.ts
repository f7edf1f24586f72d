import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The auditor's console (docs/api.md §10 "Console"): static files shipped in the package under
 * `src/console/public/` (nest-cli.json copies them beside the compiled code, `dist/src/console/public/`).
 * `GET /` answers `index.html`; `GET /console/<file>` the other files. Nothing here needs a key:
 * the pages hold no data, they sign in and call the public API (/v1/…) with the key the user gives.
 *
 * The files are read once at start-up into memory (a few tens of kB), so that a request can only
 * ever name one of them: no path is joined from the URL, nothing outside the folder is reachable.
 */

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Only the console's own files: no inline script or style, no other origin, no framing (so a key
 * typed into it cannot be read by a page that embeds it), and the API on the same origin.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

interface ConsoleFile {
  readonly body: Buffer;
  readonly type: string;
}

/** Every file under the folder, by its path relative to it (`pages/timeline.js`). */
function readAssets(dir: string, prefix = ''): Map<string, ConsoleFile> {
  const files = new Map<string, ConsoleFile>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) for (const [name, file] of readAssets(join(dir, entry.name), `${relative}/`)) files.set(name, file);
    else if (TYPES[extname(entry.name)]) files.set(relative, { body: readFileSync(join(dir, entry.name)), type: TYPES[extname(entry.name)] });
  }
  return files;
}

interface ConsoleRequest {
  readonly method: string;
  readonly path: string;
}

interface ConsoleResponse {
  status(code: number): ConsoleResponse;
  set(headers: Record<string, string>): ConsoleResponse;
  end(body?: Buffer): void;
}

/** Express middleware answering `GET /` and `GET /console/*`; everything else passes on to the API. */
export function serveConsole(dir = PUBLIC_DIR) {
  const files = readAssets(dir);
  const index = files.get('index.html');
  if (!index) throw new Error(`the console's index.html is missing from ${dir} (did the build copy src/console/public?)`);
  return (request: ConsoleRequest, response: ConsoleResponse, next: () => void): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const file = request.path === '/' ? index : request.path.startsWith('/console/') ? files.get(request.path.slice('/console/'.length)) : undefined;
    if (file === undefined) return next();
    response
      .status(200)
      // The pages are small and change with the ledger's version: always asked again (a 200 is cheap).
      .set({ ...SECURITY_HEADERS, 'Content-Type': file.type, 'Cache-Control': 'no-cache' })
      .end(request.method === 'HEAD' ? undefined : file.body);
  };
}
