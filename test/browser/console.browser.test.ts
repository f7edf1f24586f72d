import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { consolePage, launchChromium, screenshot, signIn } from '../support/browser.js';
import { lingangTransfer } from '../support/lingang-transfer.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The console (docs/api.md §10 "Console") in a real browser: Debian's Chromium driven by
 * playwright-core, against a ledger on a temporary SQLite file seeded with the Lingang pack,
 * some transfers, and a retroactive amendment that makes one of them illegal as known now.
 */

const REGIME = 'cn-2024-cross-border-provisions';
let t: TestApp;
let browser: Browser;
let dir: string;
let amendmentPosition: string;
let baseUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'console-browser-'));
  t = await createTestApp({ storeUrl: `sqlite:${join(dir, 'ledger.sqlite')}`, seed: 'lingang' });
  await t.app.listen(0, '127.0.0.1');
  baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  browser = await launchChromium();

  // Enough events for a second timeline page (50 a page), then the story of one transfer.
  for (let i = 0; i < 40; i++) {
    await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send(lingangTransfer(`small-${i}`, { personalInfoSubjects: 10, occurredAt: '2024-03-01T10:00:00+08:00' })).expect(201);
  }
  await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send(lingangTransfer('june', { personalInfoSubjects: 20_000, occurredAt: '2024-06-15T10:00:00+08:00' })).expect(201);
  // A stricter reading of the 2024 provisions, back to their first day: 10,000 people need a standard contract.
  const regime = (await t.http.get(`/v1/regimes/${REGIME}`).set(t.auth(t.keys.regulator)).expect(200)).body.current.content;
  const amendment = await t.http
    .put(`/v1/regimes/${REGIME}`)
    .set(t.auth(t.keys.regulator))
    .send({ ...regime, thresholds: [{ metric: 'personalInfoSubjects', atLeast: 10_000, requirement: 'standard-contract' }, ...regime.thresholds] })
    .expect(200);
  amendmentPosition = amendment.body.position;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

// (Expressions evaluated in the page are strings: the test is compiled without the DOM's types.)
const before = (position: string): string => (BigInt(position) - 1n).toString();

describe('the console in Chromium', () => {
  let page: Page;
  beforeAll(async () => {
    page = await consolePage(browser, baseUrl);
  });
  afterAll(() => page.context().close());

  it('is served at / with its own scripts only, and a wrong key gets a clear message', async () => {
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'sign-in');
    // The keyboard alone: the key field has the focus, and a skip link leads past the header.
    expect(await page.evaluate('document.activeElement.id')).toBe('api-key');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('[document.activeElement.id, location.hash]')).toEqual(['main', '']);
    await page.getByLabel('API key').fill('not-a-key-of-this-ledger');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The ledger does not accept this key: it is unknown or has been revoked.');
    await screenshot(page, 'sign-in-wrong-key');
    expect(await page.evaluate('sessionStorage.getItem("ledger.key")')).toBeNull();
  });

  it.each([
    ['service', 'Transfers', 'for tesla-shanghai'],
    ['auditor', 'Timeline', ''],
    ['regulator', 'Timeline', ''],
    ['admin', 'Keys', ''],
  ] as const)('signs in with the %s key and lands on the %s page', async (role, landing, company) => {
    await page.evaluate('sessionStorage.clear()');
    await signIn(page, t.keys[role]);
    await page.getByRole('heading', { level: 1, name: landing }).waitFor();
    expect(await page.locator('#who').textContent()).toContain(`Signed in: ${role}${company ? ` ${company}` : ''}`);
    // The key is in this tab's sessionStorage only: never in the address, never in localStorage or a cookie.
    expect(page.url()).not.toContain(t.keys[role]);
    expect(await page.evaluate('[localStorage.length, document.cookie]')).toEqual([0, '']);
    expect(await page.evaluate('sessionStorage.getItem("ledger.key")')).toBe(t.keys[role]);
    if (role === 'admin') await screenshot(page, 'keys');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate('sessionStorage.getItem("ledger.key")')).toBeNull();
  });

  it('says in words what a service or an admin key may not do (403)', async () => {
    await signIn(page, t.keys.service);
    await page.getByRole('heading', { level: 1, name: 'Transfers' }).waitFor();
    await page.getByRole('link', { name: 'Timeline' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Not allowed. A service key may not read the audit timeline. Only auditor and regulator keys may.');
    await screenshot(page, 'forbidden');
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(page, t.keys.admin);
    await page.getByRole('heading', { level: 1, name: 'Keys' }).waitFor();
    await page.getByRole('link', { name: 'Transfers' }).click();
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Not allowed. An admin key may not list transfers. Only auditor, regulator and service keys may.');
    await page.getByRole('button', { name: 'Sign out' }).click();
  });
});

describe('an auditor in the console', () => {
  let page: Page;
  beforeAll(async () => {
    page = await consolePage(browser, baseUrl);
    await signIn(page, t.keys.auditor);
    await page.getByRole('heading', { level: 1, name: 'Timeline' }).waitFor();
  });
  afterAll(() => page.context().close());

  it('walks the timeline page by page, each event with its effect in words and a link to its fact', async () => {
    const caption = page.locator('caption');
    await page.getByText('Events 1 to 50').waitFor();
    expect(await page.getByRole('row').filter({ hasText: `Regime ${REGIME} enacted` }).textContent()).toContain(`Regime ${REGIME} enacted: in force from 2024-03-22, open-ended; counting window calendar-year; thresholds: 4 items`);
    // Record times in Shanghai time, named, whatever the browser's zone (Berlin here).
    const first = (await t.http.get('/v1/audit/timeline?limit=1').set(t.auth(t.keys.auditor)).expect(200)).body.events[0];
    const shanghai = new Date(Date.parse(first.recordedAt) + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    expect(await page.getByRole('row').nth(1).textContent()).toContain(`${shanghai} Asia/Shanghai`);
    await screenshot(page, 'timeline');
    await page.getByRole('link', { name: 'Next page →' }).click();
    await page.getByText(/^Events 51 to \d+$/).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'RegimeAmended' }).textContent()).toContain(`Regime ${REGIME} amended`);
    await page.getByRole('link', { name: '← Previous page' }).click();
    await page.getByText('Events 1 to 50').waitFor();
    expect(await caption.count()).toBe(1);
    // The keyboard alone: the filter form is reachable and submits with Enter.
    await page.getByLabel('Event type').selectOption('RegimeAmended');
    await page.getByLabel('Fact id').press('Enter');
    await page.getByText(/^Events \d+ to \d+ \(filtered\)$/).waitFor();
    expect(await page.getByRole('row').count()).toBe(2);
    await page.getByRole('row').nth(1).getByRole('link', { name: REGIME }).click();
    await page.getByRole('heading', { level: 1, name: `Regime ${REGIME}` }).waitFor();
    // The heading comes before the fact's events are read: wait for the table, then count.
    await page.getByRole('heading', { level: 2, name: 'Its events' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'RegimeAmended' }).count()).toBe(1);
    await screenshot(page, 'fact');
  });

  it("sets the cut before a retroactive amendment and sees a transfer's verdict change back", async () => {
    await page.goto('/#/transfer/june');
    const now = page.getByRole('article', { name: 'As known now' });
    await now.waitFor();
    expect(await now.locator('.verdict-line').textContent()).toBe('Illegal · requires a standard contract · general data');
    expect(await page.getByRole('article', { name: 'Recorded verdict' }).locator('.verdict-line').textContent()).toBe('Legal · no requirement · general data');

    await page.getByRole('spinbutton', { name: 'Position' }).fill(before(amendmentPosition));
    await page.getByRole('button', { name: 'Apply cut' }).click();
    const atCut = page.getByRole('article', { name: `As known at the cut (position ${before(amendmentPosition)})` });
    await atCut.waitFor();
    expect(await atCut.locator('.verdict-line').textContent()).toBe('Legal · no requirement · general data');
    const drift = page.getByRole('table', { name: 'At the cut → as known now' });
    expect(await drift.getByRole('row').allTextContents()).toEqual(['AspectAt the cutNow', 'legaltruefalse', 'requirementnonestandard-contract']);
    // The basis of the verdict now cites the amendment, linked into the timeline.
    await now.getByRole('link', { name: `event ${amendmentPosition}` }).first().click();
    await page.locator('tr.highlight').waitFor();
    expect(await page.locator('tr.highlight').textContent()).toContain('RegimeAmended');
    await page.goBack();
    await atCut.waitFor();
    await screenshot(page, 'transfer', true);
  });

  it('compares two cuts side by side with what changed highlighted', async () => {
    await page.goto(`/#/time-machine?date=2024-06-15&position=${before(amendmentPosition)}&comparePosition=${amendmentPosition}`);
    await page.getByText('1 difference between the cuts on this date, highlighted.').waitFor();
    const changed = page.locator('li.diff.changed');
    expect(await changed.count()).toBe(2);
    expect(await changed.nth(1).textContent()).toContain('personalInfoSubjects ≥ 10000 → standard-contract');
    expect(await changed.nth(0).textContent()).not.toContain('personalInfoSubjects ≥ 10000 → standard-contract');
    // Within the regime, the threshold the amendment added is marked, at cut B only.
    expect(await page.locator('mark').allTextContents()).toEqual(['personalInfoSubjects ≥ 10000 → standard-contract']);
    await screenshot(page, 'time-machine', true);
  });

  it('finds transfers by verdict at a cut', async () => {
    await page.goto('/#/transfers?changed=true');
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('row').count()).toBe(2);
    expect(await page.getByRole('row').nth(1).textContent()).toContain('june');
    // Before the amendment nothing had changed since it was recorded; filters go into the address.
    await page.getByLabel('Cut (position; empty: the head)').fill(before(amendmentPosition));
    await page.getByLabel('Zone id').fill('cn-shanghai-lingang');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No transfer matches.').waitFor();
    expect(page.url()).toContain(`zoneId=cn-shanghai-lingang&changed=true&position=${before(amendmentPosition)}`);
    await page.goto('/#/transfers?changed=true');
    await page.getByRole('table').waitFor();
    await screenshot(page, 'transfers');
  });

  it('requests a report and downloads it as CSV with the key in the header, not the URL', async () => {
    await page.goto('/#/reports');
    await page.getByLabel('Company id').fill('tesla-shanghai');
    await page.getByLabel('From').fill('2024-01-01');
    await page.getByLabel('To (inclusive)').fill('2024-12-31');
    await page.getByRole('button', { name: 'Request report' }).click();
    await page.getByText(/^Report .* recorded at cut \d+/).waitFor();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).first().click()]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.split('\r\n')[0]).toContain('section');
    expect(csv).toContain('june');
    expect(requests.some((u) => u.includes(t.keys.auditor))).toBe(false);
    await page.getByText(/^Downloaded .*\.csv/).waitFor();
    await screenshot(page, 'reports');
  });

  it('shows the latest checkpoint with its signature checked, and verifies the chains on request', async () => {
    await page.goto('/#/integrity');
    await page.getByText('holds', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Verify every hash chain now' }).click();
    await page.getByText('Verified: every hash chain recomputes.').waitFor();
    await screenshot(page, 'integrity');
  });
});
