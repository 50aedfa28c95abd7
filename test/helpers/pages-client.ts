/** A person at the subscription pages, over HTTP: forms posted as a browser posts them, and the one button a link's page shows. */
import { expect } from 'vitest';

/** A browser's form submission (application/x-www-form-urlencoded). */
export const form = (fields: Array<[string, string]>): RequestInit =>
  ({ method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

/**
 * What a person does with a link that asks for a button: opens it (a GET, which changes nothing), then
 * presses the page's one button, which POSTs the form's hidden fields to the form's action.
 */
export async function openAndPress(link: string): Promise<Response> {
  const shown = await (await fetch(link)).text();
  const [, action, fields] = /<form method="post" action="([^"]+)">(.*?)<button/.exec(shown) ?? [];
  expect(action, `a button on ${link}`).toBeDefined();
  const hidden = [...fields!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]) => [name!, value!] as [string, string]);
  return fetch(new URL(action!, link), form(hidden));
}
