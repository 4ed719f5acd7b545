// Signing in to the pages through the council's identity provider (Keycloak in the tests), in headless Chromium.
// Input: {base, users: [{username, password, expect: "manager"|"caseworker", council?}], checkMy?, myCase?, otherCase?}
// For each user, in a fresh browser context: /dashboard sends the browser to the IdP's login form; after signing in it
// comes back to the page. A manager sees their councils' rows only; a caseworker is refused the dashboard (403) and,
// where /my exists (checkMy), sees their own case there and not another's. Then: a sign-out POST without, or with a
// wrong, CSRF token is refused and leaves the person signed in; the header's "Sign out" ends the session at the
// service and at the IdP, and /dashboard asks for sign-in again.
import { launch, run, axe } from './browser.mjs';

const onIdp = (page, base) => !page.url().startsWith(base);

async function signIn(page, base, path, user) {
  await page.goto(base + path);
  if (!onIdp(page, base)) throw new Error(`${path} did not send ${user.username} to the identity provider: ${page.url()}`);
  await page.fill('#username', user.username);
  await page.fill('#password', user.password);
  await Promise.all([
    page.waitForURL(url => url.toString().startsWith(base), { timeout: 30000 }),
    page.click('#kc-login'),
  ]);
}

async function cookieFacts(context, base) {
  const cookies = await context.cookies(base);
  return cookies.filter(c => c.name.startsWith('q_session') || c.name.endsWith('csrf-token')).map(c => ({
    name: c.name, httpOnly: c.httpOnly, secure: c.secure, sameSite: c.sameSite,
    secondsLeft: c.expires > 0 ? Math.round(c.expires - Date.now() / 1000) : -1,
  }));
}

run(async ({ base, users, checkMy, myCase, otherCase }) => {
  const browser = await launch();
  const results = [];
  try {
    for (const user of users) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const r = { username: user.username };
      await signIn(page, base, '/dashboard', user);
      r.landedOn = new URL(page.url()).pathname;
      const dashboard = await page.goto(base + '/dashboard');
      r.dashboardStatus = dashboard.status();
      if (r.dashboardStatus === 200) {
        r.councils = await page.$$eval('#by-council [data-council]', rows => rows.map(row => row.dataset.council));
        r.signOutButton = await page.locator('form[action="/sign-out"] button').count();
        r.accessibility = await axe(page);
      }
      if (checkMy) {
        // Where the professional's own page lives (CONTRACT-2 §8, GET /my).
        const my = await page.goto(base + '/my');
        const text = await page.locator('body').innerText();
        r.my = { status: my.status(), showsMine: myCase ? text.includes(myCase) : null,
          showsOther: otherCase ? text.includes(otherCase) : null };
      }
      r.cookies = await cookieFacts(context, base);

      // CSRF: the sign-out form without its token, and with a made-up one: refused, still signed in.
      const noToken = await page.request.post(base + '/sign-out', { form: {}, maxRedirects: 0 });
      const wrongToken = await page.request.post(base + '/sign-out',
        { form: { 'csrf-token': 'x'.repeat(43) }, maxRedirects: 0 });
      r.csrf = { withoutToken: noToken.status(), wrongToken: wrongToken.status() };
      await page.goto(base + '/dashboard');
      r.stillSignedIn = !onIdp(page, base);

      // Sign out with the header's button (on every page that includes tags/signOut.html; the dashboard here).
      if (r.dashboardStatus === 200) {
        await Promise.all([
          page.waitForURL(url => url.toString().startsWith(base + '/signed-out'), { timeout: 30000 }),
          page.click('form[action="/sign-out"] button'),
        ]);
        r.signedOutPage = await page.locator('h1').innerText();
        r.signedOutAccessibility = await axe(page);
        r.cookiesAfterSignOut = await cookieFacts(context, base);
        await page.goto(base + '/dashboard');
        r.afterSignOut = onIdp(page, base) ? 'identity provider' : new URL(page.url()).pathname;
      }
      results.push(r);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { results };
});
