// The non-interactive "browser" for the conformance suite: the mock AS answers /authorize with an
// immediate 302 to our loopback redirect_uri, so GET it without following, then GET the Location
// (the mcpauth loopback listener). Usage: node fetch-browser.mjs <authorization-url>
const url = process.argv.at(-1);
const answer = await fetch(url, { redirect: 'manual' });
const location = answer.headers.get('location');
if (!location) {
  process.stderr.write(`fetch-browser: ${url} answered ${answer.status} without a Location\n`);
  process.exit(1);
}
await fetch(new URL(location, url), { redirect: 'manual' });
