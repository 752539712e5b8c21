// Swagger UI in a real browser, used as a person new to the API would: authorize with a key, then
// "Try it out" + "Execute" with the page's own defaults on every list and on the request examples
// of the writes, and check the status each answer shows.
//
//   node swagger-ui.mjs <base URL> <API key token>
//
// Chromium is Debian's (/usr/bin/chromium, or CHROMIUM); playwright-core downloads no browser.
// Exits 0 when every check passed, 1 otherwise, naming each failure.
import { chromium } from 'playwright-core';

const [baseUrl, token] = process.argv.slice(2);
if (!baseUrl || !token) {
  console.error('usage: node swagger-ui.mjs <base URL> <API key token>');
  process.exit(2);
}

// tag, operationId, the status the example or defaults must give
const CHECKS = [
  // every list, with the page's defaults: 200 and unfiltered
  ['Opportunities', 'listOpportunities', 200],
  ['Deal stages', 'listDealStages', 200],
  ['Fields', 'listFields', 200],
  ['Opportunity leads', 'listOpportunityLeads', 200],
  ['Opportunity leads', 'listOpportunityLeadsOfOpportunity', 200],
  ['API keys', 'listApiKeys', 200],
  // the request examples, as shown
  ['Opportunities', 'createOpportunity', 201],
  ['Opportunities', 'createOpportunities', 200],
  ['Opportunities', 'patchOpportunities', 200],
  ['Opportunities', 'patchOpportunity', 200],
  ['Opportunity leads', 'createOpportunityLead', 201],
  ['Opportunity leads', 'createOpportunityLeads', 200],
  ['Deal stages', 'createDealStage', 201],
  ['Fields', 'createField', 201],
  ['API keys', 'createApiKey', 201],
  ['Wire protocol', 'callWireProtocol', 200],
];

const failures = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  await page.goto(`${baseUrl}/swagger-ui/index.html`);
  await page.locator('.opblock').first().waitFor();

  await authorize(page);

  for (const [tag, operationId, expected] of CHECKS) {
    try {
      const started = Date.now();
      const status = await tryItOut(page, tag, operationId);
      const line = `${operationId}: ${status} (expected ${expected})`;
      console.log(`${line} in ${Date.now() - started} ms`);
      if (status !== expected) {
        failures.push(line + ': ' + (await responseBody(page, tag, operationId)));
      }
      // closed again: an open operation keeps its responses in the page, which slows the next
      await block(page, tag, operationId).locator('.opblock-summary').first().click();
    } catch (error) {
      failures.push(`${operationId}: ${error.message.split('\n')[0]}`);
    }
  }
} finally {
  await browser.close();
}

if (failures.length > 0) {
  console.error(`\n${failures.length} Swagger UI check(s) failed:\n  ` + failures.join('\n  '));
  process.exit(1);
}
console.log(`\nSwagger UI: all ${CHECKS.length} checks passed`);

async function authorize(page) {
  await page.locator('button.authorize').first().click();
  const dialog = page.locator('.modal-ux');
  await dialog.locator('input').first().fill(token);
  await dialog.locator('button.authorize').click();
  await dialog.locator('button.btn-done').click();
  await dialog.waitFor({ state: 'detached' });
}

function block(page, tag, operationId) {
  return page.locator(`[id="operations-${tag.replace(/\s/g, '_')}-${operationId}"]`);
}

async function tryItOut(page, tag, operationId) {
  const operation = block(page, tag, operationId);
  if (!(await operation.locator('.opblock-body').count())) {
    await operation.locator('.opblock-summary').first().click();
  }
  await operation.locator('button.try-out__btn').click();
  await operation.locator('button.execute').click();
  const status = operation.locator('.live-responses-table tbody .response-col_status').first();
  await status.waitFor();
  const text = (await status.innerText()).trim();
  const code = Number.parseInt(text, 10);
  if (Number.isNaN(code)) {
    throw new Error(`no status shown, but "${text}"`);
  }
  return code;
}

async function responseBody(page, tag, operationId) {
  const body = block(page, tag, operationId).locator('.live-responses-table tbody .response-col_description pre');
  return (await body.count()) ? (await body.first().innerText()).slice(0, 500) : '(no body)';
}
