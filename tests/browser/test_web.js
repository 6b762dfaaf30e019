/* test_web.js — drives the web page in headless Chromium: search, entity page, CSV batch, screenshots.
 * Must stay true: the page makes no request outside this server, and logs no errors. */
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const URL = process.env.CORDON_URL;
const ART = process.env.CORDON_ARTIFACTS;
const TMP = process.env.CORDON_TMP;
let passed = 0, failed = 0;
function check(cond, what) {
  if (cond) passed++;
  else { failed++; console.error('FAIL: ' + what); }
}

async function search(page) {
  // Typed key by key: results must come from the debounced fetch, without pressing Enter.
  await page.locator('#q-name').pressSequentially('김정은', { delay: 60 });
  await page.locator('#results .card').first().waitFor({ timeout: 15000 });
  const first = page.locator('#results .card').first();
  const id = await first.locator('.card-meta code').textContent();
  const caption = await first.locator('h2 a').textContent();
  check(id === 'ofac:20157', 'first result for 김정은 is ofac:20157 (got ' + id + ')');
  check(/kim/i.test(caption) && /jong/i.test(caption) && /un/i.test(caption), 'caption reads KIM Jong Un: ' + caption);
  check(await first.locator('.mname mark').count() > 0, 'matched tokens are highlighted');
  check((await first.locator('.bar-fill').evaluate((e) => e.style.width)).endsWith('%'), 'score bar drawn');
  await first.locator('summary').click();
  check(await first.locator('.explain li').count() > 0, 'explanation in words');
  check(/ofac/i.test(await first.locator('.badge.list').textContent()), 'list shown');
  check(/list of \d{4}-\d\d-\d\d|undated list/.test(await first.locator('.date').textContent()), 'list date shown');
  await page.screenshot({ path: path.join(ART, 'web.png'), fullPage: false });

  // Keyboard: clear, type, Enter.
  await page.locator('#q-name').fill('');
  await page.locator('#q-name').focus();
  await page.keyboard.type('Kim Jong Un');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /Kim Jong Un/.test(document.getElementById('search-status').textContent));
  check(await page.locator('#results .card').count() > 0, 'Enter searches');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  check(focused === 'q-dob', 'Tab moves from name to date of birth (got ' + focused + ')');
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  check(ring !== 'none', 'keyboard focus is visible (outline ' + ring + ')');
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select')]
    .filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id));
  check(unlabelled.length === 0, 'every field has a label: ' + unlabelled.join(' '));

  // A word in a script nothing reads is said, not silently dropped.
  await page.locator('#q-name').fill('ⵜⴰⵎⴰ Kim Jong Un');
  await page.locator('#q-name').press('Enter');
  await page.waitForFunction(() => /ⵜⴰⵎⴰ/.test(document.getElementById('search-status').textContent));
  check(/1 word of the name could not be read/.test(await page.locator('#search-status').textContent()),
    'an unread word is reported');

  // A given name written as its nickname is explained as one.
  await page.locator('#q-name').fill('Volodya Putin');
  await page.locator('#q-name').press('Enter');
  await page.waitForFunction(() => /Volodya Putin/.test(document.getElementById('search-status').textContent));
  const card = page.locator('#results .card').first();
  await card.locator('summary').click();
  const said = await card.locator('.explain').textContent();
  check(/volodya.*is a nickname of.*vladimir/i.test(said), 'a nickname is explained as one: ' + said);

  // A list's initial meeting a name written out is told from the list's side.
  await page.locator('#q-name').fill('Luis Carlos Contreras');
  await page.locator('#q-name').press('Enter');
  await page.waitForFunction(() => /Luis Carlos Contreras/.test(document.getElementById('search-status').textContent));
  const listed = page.locator('#results .card', { hasText: 'CONTRERAS, Luis C.' }).first();
  await listed.locator('summary').click();
  const told = await listed.locator('.explain').textContent();
  check(/c.*\(listed\) is an initial matching.*carlos/i.test(told), 'a listed initial is explained from the list: ' + told);
}

async function entity(page) {
  await page.locator('#q-name').fill('김정은');
  await page.locator('#q-name').press('Enter');
  await page.waitForFunction(() => /김정은/.test(document.getElementById('search-status').textContent));
  await page.locator('#results .card h2 a').first().click();
  await page.waitForFunction(() => location.hash.startsWith('#/entity/'));
  await page.locator('#entity-body table').first().waitFor({ timeout: 10000 });
  const title = await page.locator('#entity-title').textContent();
  check(/kim/i.test(title), 'entity page title: ' + title);
  check(await page.locator('#entity-body table').first().locator('tbody tr').count() >= 1, 'names table');
  const text = await page.locator('#entity-body').textContent();
  check(/ofac:20157/.test(text), 'entity id shown');
  check(/Programmes/.test(text), 'programmes shown');
  check(!/\[object |^null|undefined/.test(text), 'no stray object text on the entity page');
  check(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
  await page.screenshot({ path: path.join(ART, 'web-entity.png'), fullPage: true });
  await page.goBack();
  await page.waitForFunction(() => !document.getElementById('view-search').hidden);
  check(await page.locator('#results .card').count() > 0, 'back keeps the results');
}

async function batch(page, calls) {
  const rows = ['id,name,dob,country', 'c1,김정은,,', 'c2,"PUTIN, Vladimir Vladimirovich",1952-10-07,Russia',
    'c3,Zzyzx Qwerty Plonk,,', 'c4,,,'];
  for (let i = 5; i <= 450; i++) rows.push('c' + i + ',Person Number ' + i + ',,');
  const csv = path.join(TMP, 'people.csv');
  fs.writeFileSync(csv, rows.join('\r\n') + '\r\n');
  await page.goto(URL + '/#/batch');
  await page.locator('#batch-file').setInputFiles(csv);
  calls.batch = 0;
  await page.locator('#batch-run').click();
  await page.locator('#batch-download').waitFor({ state: 'visible', timeout: 60000 });
  check(calls.batch === 3, '450 rows go in 3 requests of at most 200 (got ' + calls.batch + ')');
  check(await page.locator('#batch-progress').evaluate((e) => e.value === e.max), 'progress bar full');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#batch-download').click()]);
  const out = path.join(TMP, 'results.csv');
  await download.saveAs(out);
  const lines = fs.readFileSync(out, 'utf8').trim().split(/\r\n/);
  check(lines.length === 451, 'results CSV has a line per row plus the header (got ' + lines.length + ')');
  check(/^c1,김정은,.*,alert,[0-9.]+,ofac:20157,/.test(lines[1]), 'row c1 is an alert on ofac:20157: ' + lines[1]);
  check(/^c4,.*,error,/.test(lines[4]), 'row without a name is an error: ' + lines[4]);
  check(/^c3,.*,clear,/.test(lines[3]), 'unknown name is clear: ' + lines[3]);
  await page.screenshot({ path: path.join(ART, 'web-batch.png'), fullPage: false });
}

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 }, acceptDownloads: true });
    const page = await context.newPage();
    const problems = [], outside = [], calls = { batch: 0 };
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith(URL) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) outside.push(r.url());
      if (r.url().endsWith('/v1/screen/batch')) calls.batch++;
    });
    await page.goto(URL + '/');
    check(await page.title() === 'cordon — sanctions screening', 'page title');
    await page.waitForFunction(() => /entities/.test(document.getElementById('index-info').textContent));
    check(await page.locator('label[for=q-name]').count() === 1, 'name field has a label');
    await search(page);
    await entity(page);
    await batch(page, calls);
    check(problems.length === 0, 'no console errors: ' + problems.join(' | '));
    check(outside.length === 0, 'no requests outside the server: ' + outside.join(' '));
  } catch (e) {
    check(false, 'exception: ' + (e && e.stack || e));
  } finally {
    await browser.close();
  }
  console.log('checks: ' + passed + ' passed, ' + failed + ' failed');
  process.exit(failed ? 1 : 0);
})();
