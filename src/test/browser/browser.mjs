// What every browser script shares: Debian's Chromium driven by playwright-core (npm, .ci/node_modules), axe-core's
// WCAG 2.2 AA run, and the JSON hand-back to the JUnit test that started the script (BrowserScript.java).
// The flags keep Chromium off the network it cannot reach here (updates, sync, QUIC probes).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const ciModules = path.resolve(process.env.CI_NODE_MODULES || '.ci/node_modules');
const require = createRequire(path.join(ciModules, 'noop.js'));
const { chromium } = require('playwright-core');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** The test's input: one JSON object on stdin. */
export async function input() {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.trim() ? JSON.parse(text) : {};
}

/** The script's answer: one JSON object, the last line of stdout. */
export function answer(result) {
  process.stdout.write('\n' + JSON.stringify(result) + '\n');
}

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it stands: the violations, each with its impact. */
export async function axe(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
  }));
  return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }));
}

/** Runs main, answering {error} (and exit 1) if it throws, so the test sees why. */
export async function run(main) {
  try {
    answer(await main(await input()));
  } catch (e) {
    answer({ error: String(e && e.stack || e) });
    process.exit(1);
  }
}
