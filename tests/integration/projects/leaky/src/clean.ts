export function startPolling(poll: () => void, everyMs: number): () => void {
  const timer = setInterval(poll, everyMs);
  return () => clearInterval(timer);
}
