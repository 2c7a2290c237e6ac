/** A module's English messages for its Danish ones: exactly the same keys (a missing or extra key is a type error). */
export type EnglishOf<Danish> = { readonly [K in keyof Danish]: string };

/**
 * `true` when no two of the message parts define the same key, else a string type naming a key defined twice — so a
 * catalogue that asserts `true` for its parts fails typecheck, naming the key, when two modules claim one.
 */
export type DisjointKeys<Parts extends readonly object[], Seen extends PropertyKey = never> = Parts extends readonly [
  infer Head extends object,
  ...infer Rest extends readonly object[],
]
  ? [keyof Head & Seen] extends [never]
    ? DisjointKeys<Rest, Seen | keyof Head>
    : `message key defined twice: ${Extract<keyof Head & Seen, string>}`
  : true;

/** Compiles only for `true`: `Assert<DisjointKeys<…>>`. */
export type Assert<T extends true> = T;
