import { sleepAllowed, sleepNotAllowed } from './sleep';

export async function backOff(attempt: number, signal: AbortSignal): Promise<void> {
  await sleepAllowed(100 * attempt);
  await sleepNotAllowed(100 * attempt); // expect: asyncleak/require-signal-propagation
}
