/** What `parseJson` returns for a body that is not JSON. */
export const NOT_JSON: unique symbol = Symbol("not JSON");

/** The parsed body, or `NOT_JSON`. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** Response headers as a plain record, for errors that must survive `JSON.stringify`. */
export function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}
