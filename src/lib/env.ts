/**
 * Reads an environment variable where the runtime has one. Browsers and
 * Workers have no `process`; Deno throws without `--allow-env`. Neither is
 * an error here: the variable is simply absent.
 */
export function readEnv(name: string): string | undefined {
  try {
    const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
    return value === "" ? undefined : value;
  } catch {
    return undefined;
  }
}
