// HTTP request handlers of the example service. The server hands each handler the
// request's AbortSignal, which aborts when the client disconnects.
import { setTimeout as sleep } from 'node:timers/promises';

const USERS_API = 'https://users.internal.example';

export interface User {
  readonly id: string;
  readonly name: string;
}

/** Leaks: the upstream request keeps running after the client has gone away. */
export async function handleGetUser(req: { params: { id: string } }, signal: AbortSignal): Promise<User> {
  const response = await fetch(`${USERS_API}/users/${req.params.id}`, { headers: { accept: 'application/json' } }); // expect: asyncleak/require-signal-propagation
  return (await response.json()) as User;
}

/** Correct twin: the upstream request is cancelled together with the client's. */
export async function handleGetUserFixed(req: { params: { id: string } }, signal: AbortSignal): Promise<User> {
  const response = await fetch(`${USERS_API}/users/${req.params.id}`, { headers: { accept: 'application/json' }, signal });
  return (await response.json()) as User;
}

/** Leaks: a retry back-off that keeps the handler alive after an abort. */
export async function handleListUsers(options: { signal?: AbortSignal } = {}): Promise<User[]> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${USERS_API}/users`, { signal: options.signal });
    if (response.ok || attempt === 3) return (await response.json()) as User[];
    await sleep(100 * 2 ** attempt); // expect: asyncleak/require-signal-propagation
  }
}

/** Correct twin: the back-off stops as soon as the request is aborted. */
export async function handleListUsersFixed(options: { signal?: AbortSignal } = {}): Promise<User[]> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${USERS_API}/users`, { signal: options.signal });
    if (response.ok || attempt === 3) return (await response.json()) as User[];
    await sleep(100 * 2 ** attempt, undefined, { signal: options.signal });
  }
}
