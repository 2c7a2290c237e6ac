// A change feed's position (the catalogue feed, the vendor and municipality feeds): the writing transaction's id
// (xid8) and the row's sequence number (bigint), read back from a cursor a reader sent.

// Both are unsigned 64-bit integers at most (xid8; bigint is signed): 20 digits, the bounds checked below.
const digits = /^(0|[1-9][0-9]{0,19})$/;
const XID8_MAX = 2n ** 64n - 1n;
const BIGINT_MAX = 2n ** 63n - 1n;

/** Whether `xid` and `seq` fit the columns (xid8, bigint), so a cursor that does not is refused before it reaches SQL. */
export function isFeedPosition(xid: string, seq: string): boolean {
  return digits.test(xid) && digits.test(seq) && BigInt(xid) <= XID8_MAX && BigInt(seq) <= BIGINT_MAX;
}
