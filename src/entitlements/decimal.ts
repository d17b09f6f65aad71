/**
 * Exact decimal arithmetic on JS numbers, as Autumn's server does it (with
 * decimal.js): each number is taken at its shortest decimal spelling, so
 * `0.1 + 0.2` is `0.3` here as it is there, and a balance a hair under the
 * required amount is refused the same way. A result too long for Autumn's
 * 20 significant digits is `undefined`: the caller then asks Autumn rather
 * than guess how it rounds.
 */

/** `mantissa × 10^exponent`. */
export interface Decimal {
  readonly m: bigint;
  readonly e: number;
}

const SPELLING = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;
const MAX_DIGITS = 20;

/** The decimal a finite number is spelled as; undefined for NaN and the infinities. */
export function decimal(value: number): Decimal | undefined {
  const parts = SPELLING.exec(String(value));
  if (!parts) return undefined;
  const [, sign = "", whole = "", fraction = "", exponent = "0"] = parts;
  return { m: BigInt(sign + whole + fraction), e: Number(exponent) - fraction.length };
}

function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const e = Math.min(a.e, b.e);
  return [a.m * 10n ** BigInt(a.e - e), b.m * 10n ** BigInt(b.e - e), e];
}

function fits(value: Decimal): Decimal | undefined {
  const digits = (value.m < 0n ? -value.m : value.m).toString().replace(/0+$/, "").length;
  return digits <= MAX_DIGITS ? value : undefined;
}

/** `a + b`, or undefined when it needs more digits than Autumn keeps. */
export function add(a: Decimal, b: Decimal): Decimal | undefined {
  const [x, y, e] = aligned(a, b);
  return fits({ m: x + y, e });
}

/** `a - b`, or undefined when it needs more digits than Autumn keeps. */
export function sub(a: Decimal, b: Decimal): Decimal | undefined {
  return add(a, { m: -b.m, e: b.e });
}

/** `a × b`, or undefined when it needs more digits than Autumn keeps. */
export function mul(a: Decimal, b: Decimal): Decimal | undefined {
  return fits({ m: a.m * b.m, e: a.e + b.e });
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`. */
export function compare(a: Decimal, b: Decimal): number {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The nearest number, as decimal.js's `toNumber()` gives it. */
export function toNumber(value: Decimal): number {
  return Number(`${value.m}e${value.e}`);
}

/** Zero. */
export const ZERO: Decimal = { m: 0n, e: 0 };
