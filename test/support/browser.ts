import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's Chromium (`apt-get install -y chromium`, as .ci/run does), never a downloaded browser:
 * playwright-core downloads nothing, and is given this executable.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where the browser tests save their screenshots (gitignored; docs/console/ holds the ones the README shows). */
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (as .ci/run does), or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // As root (CI containers) Chromium refuses its sandbox; /dev/shm may be small there.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/**
 * A laptop-sized page (1280 × 800) on the console, in a browser set to Berlin time: what the
 * console shows in Shanghai time must not depend on the browser's zone.
 */
export async function consolePage(browser: Browser, baseUrl: string, width = 1280, height = 800): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width, height }, timezoneId: 'Europe/Berlin', locale: 'en-CA', acceptDownloads: true });
  const page = await context.newPage();
  // A page that does not show what is awaited fails the test in seconds, naming the locator.
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => process.stderr.write(`console page error: ${error.stack ?? error.message}\n`));
  page.on('console', (message) => {
    // Refusals the tests provoke (401, 403) are logged by Chromium as failed loads: not errors of the console.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) process.stderr.write(`console error: ${message.text()}\n`);
  });
  return page;
}

/** Opens the console and signs in with `key` (the sign-in form, as a person does). */
export async function signIn(page: Page, key: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The visible window (what a person sees first), or with `fullPage` the whole page. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}
