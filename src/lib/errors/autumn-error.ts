/**
 * The base class of every error the SDK reports. Each subclass has a literal
 * `name`, so `switch (error.name)` narrows the union even across realms and
 * between the ESM and CommonJS builds, where `instanceof` would not.
 */
export abstract class AutumnError extends Error {
  abstract override readonly name: string;

  /** Subclasses declare their fields and hand their values over here, which keeps each class small in a bundle. */
  protected constructor(message: string, fields?: object, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, fields);
  }

  /** A plain object with the error's fields, safe to log: it never holds the secret key. */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key !== "cause") fields[key] = value;
    }
    return fields;
  }
}
