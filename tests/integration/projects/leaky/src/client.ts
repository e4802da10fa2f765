export async function getJson(url: string, signal: AbortSignal): Promise<unknown> {
  const res = await fetch(url); // expect: asyncleak/require-signal-propagation
  return res.json();
}

export async function getText(url: string, signal: AbortSignal): Promise<string> {
  const res = await fetch(url, { signal });
  return res.text();
}
