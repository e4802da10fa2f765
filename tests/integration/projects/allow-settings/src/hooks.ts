// `settings.asyncleak.effectHooks: ["useMountEffect"]` makes the project's own hook an
// owner: its effect's timeout should be cleared in the cleanup it returns.
declare function useMountEffect(effect: () => void | (() => void)): void;

export function Clock({ onTick }: { onTick: () => void }): null {
  useMountEffect(() => {
    setTimeout(() => onTick(), 1_000); // expect: asyncleak/no-floating-timer
  });
  return null;
}
