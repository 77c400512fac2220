/**
 * How the widget presents itself, in Chromium: its language and direction on
 * German and Arabic pages, answers as safe markdown with cards after them in
 * the shop's currency, the phone sheet, 200 % zoom, light and dark themes,
 * and axe in each of those states. Screenshots of each state are kept in
 * test-artifacts/widget-presentation/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newContext } from '../../packages/widget/test/helpers/browser.js';
import { servePages, type PageServer } from '../../packages/widget/test/helpers/page-server.js';
import { startTestGateway, type TestGateway } from '../../packages/gateway/test/helpers/gateway.js';
import { startFakeService, type FakeService, type ServiceConnection } from '../../packages/gateway/test/helpers/fake-service.js';
import { openaiUpstream } from '../../packages/gateway/src/upstream/openai.js';
import { bundledDemoSite } from '../../packages/gateway/src/sites/demo-site.js';
import { staticCatalogs } from '../../packages/gateway/src/catalog/static-catalogs.js';
import { DEMO_CATALOG_TEXT } from '../../packages/gateway/src/sites/demo/index.js';

const SHOTS = fileURLToPath(new URL('../../test-artifacts/widget-presentation/', import.meta.url));
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What the scripted model answers after its search: markdown, a product name, and two things that must stay inert. */
const MARKDOWN_ANSWER = [
  'The **Ridgeline 2 Ultralight Tent** is *light*. See [all tents](/tents.html) or [a trick](javascript:window.__pwned=1).',
  '- packs small',
  '- two doors',
  '<script>window.__pwned=2</script><img src=x onerror="window.__pwned=3">',
].join('\n');

let gw: TestGateway;
let scripted: TestGateway;
let service: FakeService;
let pages: PageServer;
let browser: Browser;
/** Releases the scripted model's streaming answer; until then it is mid-sentence. */
let finishAnswer: () => void = () => {};

const page = (gateway: string, site: string, html: string, attrs = '') => `<!doctype html>
${html}<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Presentation test</title></head>
<body><h1>Shop</h1><p>Page text</p>
<script async src="${gateway}/widget.js" data-site="${site}" ${attrs}></script>
</body></html>`;

/** The scripted service: a search first, then MARKDOWN_ANSWER streamed in two halves, the second when the test says. */
function answerScripted(conn: ServiceConnection, event: Record<string, any>) {
  if (event.type !== 'response.create') return;
  const n = conn.received.filter((e) => e.type === 'response.create').length;
  const id = `resp_${n}`;
  conn.send({ type: 'response.created', response: { id, status: 'in_progress', output: [] } });
  if (event.response?.metadata?.gateway === 'holding' || n > 2) {
    conn.send({ type: 'response.done', response: { id, status: 'completed', output: [] } });
    return;
  }
  if (n === 1) {
    const item = { id: 'item_call', type: 'function_call', status: 'completed', call_id: 'call_1', name: 'search_products', arguments: '{"query":"ultralight tent"}' };
    conn.send({ type: 'response.output_item.done', response_id: id, output_index: 0, item });
    conn.send({ type: 'response.done', response: { id, status: 'completed', output: [item] } });
    return;
  }
  const half = MARKDOWN_ANSWER.indexOf('\n');
  const delta = (text: string) => conn.send({ type: 'response.output_text.delta', response_id: id, item_id: 'item_md', output_index: 0, content_index: 0, delta: text });
  const item = { id: 'item_md', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: MARKDOWN_ANSWER }] };
  conn.send({ type: 'response.output_item.added', response_id: id, output_index: 0, item: { ...item, status: 'in_progress', content: [] } });
  delta(MARKDOWN_ANSWER.slice(0, half));
  finishAnswer = () => {
    delta(MARKDOWN_ANSWER.slice(half));
    conn.send({ type: 'response.output_text.done', response_id: id, item_id: 'item_md', output_index: 0, content_index: 0, text: MARKDOWN_ANSWER });
    conn.send({ type: 'response.done', response: { id, status: 'completed', output: [item] } });
  };
}

beforeAll(async () => {
  if (!browserAvailable) return;
  mkdirSync(SHOTS, { recursive: true });
  // A second shop in euros that writes prices the German way, beside the demo.
  const demo = bundledDemoSite();
  const alpen = { ...demo, id: 'alpen', shopName: 'Alpen Outdoor', language: 'de-DE' };
  const euroCatalog = DEMO_CATALOG_TEXT.replace('"currency":"USD"', '"currency":"EUR"');
  gw = await startTestGateway({
    sites: [demo, alpen],
    catalogs: staticCatalogs([
      { site: demo, text: DEMO_CATALOG_TEXT },
      { site: alpen, text: euroCatalog },
    ]),
  });
  service = await startFakeService(undefined, answerScripted);
  scripted = await startTestGateway({ upstream: openaiUpstream({ apiKey: 'sk-test', baseURL: service.baseURL, ca: service.ca }) });
  pages = await servePages({
    '/en': page(gw.url, 'demo', '<html lang="en">'),
    '/dark': page(gw.url, 'demo', '<html lang="en">', 'data-theme="dark"'),
    '/de': page(gw.url, 'alpen', '<html lang="de">'),
    '/ar': page(gw.url, 'demo', '<html dir="rtl" lang="ar">'),
    '/markdown': page(scripted.url, 'demo', '<html lang="en">'),
    '/markdown-dark': page(scripted.url, 'demo', '<html lang="en">', 'data-theme="dark"'),
  });
  browser = await launchBrowser({});
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await scripted?.close();
  await service?.close();
  await gw?.close();
});

const widget = (p: Page) => p.locator('contoso-voice');

async function open(path: string, options: BrowserContextOptions = { viewport: { width: 1280, height: 800 } }) {
  const context = await browser.newContext(options);
  const p = await context.newPage();
  await p.goto(`${pages.url}${path}`);
  await widget(p).locator('button').first().waitFor();
  return { context, p };
}

async function ask(p: Page, text: string) {
  await p.evaluate(() => (window as any).ContosoVoice.open());
  const input = widget(p).locator('input[name="text"]');
  await input.fill(text);
  await input.press('Enter');
}

/** axe over the widget: the serious and critical findings, with their ids, for the failure message. */
async function axeFindings(p: Page) {
  await p.evaluate(AXE_SOURCE);
  const found = await p.evaluate(async () => {
    const r = await (window as any).axe.run({ include: [['contoso-voice']] }, { resultTypes: ['violations'] });
    return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n: any) => n.target.join(' ')).slice(0, 3) }));
  });
  return found.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical');
}

describe.skipIf(!browserAvailable)('language and direction', () => {
  it('on an Arabic right-to-left page: the button keeps its corner, the UI is Arabic and right-to-left, bubbles are dir=auto', async () => {
    const { context, p } = await open('/ar');
    const button = widget(p).locator('.root > :not(.panel)').last();
    const box = (await button.boundingBox())!;
    expect(box.x + box.width).toBeCloseTo(1280 - 20, 0);
    // Arabic first, so the bubble's own direction is right-to-left; the local engine finds the tent by its English word.
    await ask(p, 'مرحبا! tent for four people');
    const panel = widget(p).locator('.panel');
    await panel.waitFor();
    expect(await widget(p).evaluate((el) => el.shadowRoot!.querySelector('[data-theme]')!.getAttribute('dir'))).toBe('rtl');
    const panelBox = (await panel.boundingBox())!;
    expect(panelBox.x + panelBox.width).toBeCloseTo(1280 - 20, 0);
    // The app's launcher, drawn now in place of the loader's, is still in the corner.
    const after = (await button.boundingBox())!;
    expect(after.x + after.width).toBeCloseTo(1280 - 20, 0);
    expect(await widget(p).locator('.close').getAttribute('aria-label')).toBe('إغلاق المساعد');
    expect(await widget(p).locator('input[name="text"]').getAttribute('placeholder')).toBe('اسأل عن المعدات…');
    const bubble = widget(p).locator('.msg.user');
    await bubble.waitFor();
    expect(await bubble.getAttribute('dir')).toBe('auto');
    // The Arabic question sits on the inline start side, the right, of its own bubble.
    expect(await bubble.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await widget(p).locator('.card').first().waitFor({ timeout: 10_000 });
    await p.screenshot({ path: `${SHOTS}rtl-arabic.png` });
    await context.close();
  });

  it('on a German page: German UI strings, and cards after the answer in euros written the German way, linked on the page origin', async () => {
    const { context, p } = await open('/de');
    await ask(p, 'Do you have a tent for four people?');
    const panel = widget(p).locator('.panel');
    await panel.waitFor();
    expect(await widget(p).locator('.close').getAttribute('aria-label')).toBe('Assistent schließen');
    expect(await widget(p).locator('input[name="text"]').getAttribute('placeholder')).toBe('Nach Ausrüstung fragen…');
    const firstCard = widget(p).locator('.card').first();
    await firstCard.waitFor({ timeout: 10_000 });
    await expect.poll(() => widget(p).locator('.msg.assistant.partial').count(), { timeout: 10_000 }).toBe(0);
    // Question, answer, then the cards: the answer that introduced them comes first.
    const order = await widget(p).locator('.messages > li').evaluateAll((lis) => lis.map((li) => li.className));
    const question = order.findIndex((c) => c.includes('user'));
    const cards = order.findIndex((c) => c.includes('products'));
    expect(order.slice(question + 1, cards).some((c) => c.includes('assistant'))).toBe(true);
    const text = (await firstCard.textContent())!;
    expect(text).toMatch(/\d,\d\d\s€/);
    expect(text).toContain('Auf Lager');
    expect(text).not.toMatch(/matches|the product you asked about/);
    expect(await firstCard.getByRole('button').textContent()).toBe('In den Warenkorb');
    const href = (await firstCard.locator('a').getAttribute('href'))!;
    expect(href.startsWith(`${pages.url}/products/`)).toBe(true);
    // The question and the first card are both in view of the list.
    const visible = await widget(p).locator('.messages').evaluate((list) => {
      const view = list.getBoundingClientRect();
      const inView = (el: Element | null) => !!el && el.getBoundingClientRect().top >= view.top - 1 && el.getBoundingClientRect().top < view.bottom;
      return { question: inView(list.querySelector('.msg.user')), card: inView(list.querySelector('.card')) };
    });
    expect(visible).toEqual({ question: true, card: true });
    // Add to cart says so in place.
    await firstCard.getByRole('button').click();
    await expect.poll(() => firstCard.getByRole('button').textContent()).toBe('✓ Im Warenkorb');
    await p.screenshot({ path: `${SHOTS}german-cards.png` });
    await context.close();
  });
});

describe.skipIf(!browserAvailable)('answers as markdown', () => {
  it('renders the safe subset, links a shown product, and leaves a <script> and a javascript: link inert', async () => {
    const { context, p } = await open('/markdown');
    await ask(p, 'Show me a light tent');
    const answer = widget(p).locator('.msg.assistant').filter({ hasText: 'is light' });
    await answer.waitFor({ timeout: 10_000 });
    // Streaming: the first line is there, the answer goes on (the answering state, checked with axe).
    expect(await answer.evaluate((el) => el.classList.contains('partial'))).toBe(true);
    expect(await axeFindings(p)).toEqual([]);
    finishAnswer();
    await expect.poll(() => answer.evaluate((el) => el.classList.contains('partial'))).toBe(false);
    expect(await answer.locator('strong').first().textContent()).toBe('Ridgeline 2 Ultralight Tent');
    expect(await answer.locator('em').textContent()).toBe('light');
    expect(await answer.locator('li').allTextContents()).toEqual(['packs small', 'two doors']);
    // The product name links to the card's page, on this page's origin.
    const cardHref = await widget(p).locator('.card a', { hasText: 'Ridgeline 2 Ultralight Tent' }).getAttribute('href');
    expect(await answer.locator('strong a').getAttribute('href')).toBe(cardHref);
    expect(cardHref).toBe(`${pages.url}/products/tent-ridgeline-2.html`);
    expect(await answer.locator('a', { hasText: 'all tents' }).getAttribute('href')).toBe(`${pages.url}/tents.html`);
    // The javascript: link is its label as text; the markup is text too.
    expect(await answer.locator('a', { hasText: 'a trick' }).count()).toBe(0);
    expect(await answer.textContent()).toContain('<script>window.__pwned=2</script>');
    expect(await answer.locator('script, img').count()).toBe(0);
    await answer.getByText('a trick').click();
    expect(await p.evaluate(() => (window as any).__pwned)).toBeUndefined();
    await p.screenshot({ path: `${SHOTS}markdown-answer.png` });
    await context.close();
  });
});

describe.skipIf(!browserAvailable)('phone, zoom and themes', () => {
  it('on a 390×844 phone: a full-height sheet, every target at least 44×44 px, input text at least 16 px', async () => {
    const { context, p } = await open('/en', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
    await ask(p, 'I need a tent for four people');
    const panel = widget(p).locator('.panel');
    await widget(p).locator('.card').first().waitFor({ timeout: 10_000 });
    expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    const targets = await widget(p).locator('.panel button, .panel input').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { what: el.getAttribute('aria-label') ?? el.textContent ?? el.tagName, width: r.width, height: r.height };
      }),
    );
    expect(targets.length).toBeGreaterThan(3);
    expect(targets.filter((t) => t.width < 44 || t.height < 44)).toEqual([]);
    expect(parseFloat(await widget(p).locator('input[name="text"]').evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(16);
    await p.screenshot({ path: `${SHOTS}phone-sheet.png` });
    await context.close();
  });

  it('at 200 % zoom (640×400 CSS px at 2×): nothing is clipped or scrolls sideways', async () => {
    const { context, p } = await open('/en', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    await ask(p, 'I need a tent for four people');
    await widget(p).locator('.card').first().waitFor({ timeout: 10_000 });
    const fit = await widget(p).evaluate((host) => {
      const root = host.shadowRoot!;
      const panel = root.querySelector('.panel')!;
      // The header and the composer must be wholly on screen; cards scroll with the list, so only their width counts.
      const off = (el: Element, vertical: boolean) => {
        const r = el.getBoundingClientRect();
        return r.left < -0.5 || r.right > innerWidth + 0.5 || (vertical && (r.top < -0.5 || r.bottom > innerHeight + 0.5));
      };
      const outside = [
        ...[...root.querySelectorAll('.panel header, .panel header *, .panel form, .panel form *')].filter((el) => off(el, true)),
        ...[...root.querySelectorAll('.card, .card *')].filter((el) => off(el, false)),
      ].map((el) => el.className || el.tagName);
      const list = root.querySelector('.messages')!;
      return { outside, sideways: panel.scrollWidth > panel.clientWidth || list.scrollWidth > list.clientWidth };
    });
    expect(fit).toEqual({ outside: [], sideways: false });
    await p.screenshot({ path: `${SHOTS}zoom-200.png` });
    await context.close();
  });

  it('axe finds no serious or critical issue when idle, open and with cards, light and dark', async () => {
    for (const [path, theme] of [['/en', 'light'], ['/dark', 'dark']] as const) {
      const { context, p } = await open(path);
      expect(await axeFindings(p), `${theme} idle`).toEqual([]);
      await p.evaluate(() => (window as any).ContosoVoice.open());
      await widget(p).locator('.panel').waitFor();
      expect(await axeFindings(p), `${theme} open`).toEqual([]);
      await ask(p, 'I need a tent for four people');
      await widget(p).locator('.card').first().waitFor({ timeout: 10_000 });
      await expect.poll(() => widget(p).locator('.msg.partial').count(), { timeout: 10_000 }).toBe(0);
      expect(await axeFindings(p), `${theme} cards`).toEqual([]);
      await p.screenshot({ path: `${SHOTS}desktop-${theme}.png` });
      await context.close();
    }
  });

  it('the dark theme is dark whatever the OS says, and auto follows the OS', async () => {
    const { context, p } = await open('/dark', { viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    await p.evaluate(() => (window as any).ContosoVoice.open());
    const bg = () => widget(p).locator('.panel').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await bg()).toBe('rgb(27, 30, 28)');
    await context.close();
    const light = await open('/en', { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    await light.p.evaluate(() => (window as any).ContosoVoice.open());
    expect(await widget(light.p).locator('.panel').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
    await light.context.close();
  });

  it('axe finds nothing serious while an answer streams in the dark theme', async () => {
    const { context, p } = await open('/markdown-dark');
    await ask(p, 'Show me a light tent');
    const answer = widget(p).locator('.msg.assistant.partial').filter({ hasText: 'is light' });
    await answer.waitFor({ timeout: 10_000 });
    expect(await axeFindings(p)).toEqual([]);
    finishAnswer();
    await context.close();
  });
});
