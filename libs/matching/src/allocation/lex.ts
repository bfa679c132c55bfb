/**
 * Exact lexicographic cost vectors packed into a few safe integers ("words").
 *
 * A cost is a tuple of integer components compared lexicographically. Consecutive components are packed
 * into one float64 word as balanced mixed-radix digits: with |component k| <= bound[k] and radix
 * 2 * bound[k] + 1, the packing is linear (sums of tuples pack to sums of words, exactly, while every
 * word stays below 2^53) and order-preserving (lexicographic order of tuples = lexicographic order of
 * word vectors). So the solver can add and compare words with plain number arithmetic and never round.
 */

export interface LexLayout {
  /** Number of raw components. */
  readonly components: number;
  /** Number of float64 words a packed cost occupies. */
  readonly words: number;
  /** Word each raw component lives in. */
  readonly wordOf: readonly number[];
  /** Place value of each raw component inside its word. */
  readonly multiplier: readonly number[];
}

/**
 * Group components into as few words as possible. bounds[k] must cover |component k| of every value the
 * caller will ever add or compare (edge costs, potentials, distances and all partial sums).
 */
export function lexLayout(bounds: readonly number[]): LexLayout {
  const radix = bounds.map((b) => {
    if (!Number.isSafeInteger(b) || b < 0)
      throw new RangeError(`lexLayout: bound ${b} is not a non-negative safe integer`);
    const r = 2 * b + 1;
    if (r > Number.MAX_SAFE_INTEGER)
      throw new RangeError('lexLayout: a cost component is too large for exact integer arithmetic');
    return r;
  });
  const wordOf: number[] = [];
  let word = 0;
  let product = 1;
  for (let k = 0; k < radix.length; k++) {
    if (k > 0 && product * radix[k] > Number.MAX_SAFE_INTEGER) {
      word++;
      product = 1;
    }
    product *= radix[k];
    wordOf.push(word);
  }
  const multiplier = new Array<number>(radix.length).fill(1);
  for (let k = radix.length - 2; k >= 0; k--) {
    if (wordOf[k] === wordOf[k + 1]) multiplier[k] = multiplier[k + 1] * radix[k + 1];
  }
  return { components: radix.length, words: radix.length === 0 ? 0 : word + 1, wordOf, multiplier };
}

/** Pack the raw tuple raw[from .. from + components) into out[offset .. offset + words). */
export function packInto(layout: LexLayout, raw: ArrayLike<number>, out: Float64Array, offset: number, from = 0): void {
  for (let w = 0; w < layout.words; w++) out[offset + w] = 0;
  for (let k = 0; k < layout.components; k++) out[offset + layout.wordOf[k]] += raw[from + k] * layout.multiplier[k];
}

/** Lexicographic comparison of two packed costs: negative, zero or positive. */
export function compareWords(
  a: ArrayLike<number>,
  ao: number,
  b: ArrayLike<number>,
  bo: number,
  words: number,
): number {
  for (let w = 0; w < words; w++) {
    const d = a[ao + w] - b[bo + w];
    if (d !== 0) return d;
  }
  return 0;
}

/** Inverse of packInto for values inside the layout's bounds. */
export function unpack(layout: LexLayout, packed: ArrayLike<number>, offset = 0): number[] {
  const raw = new Array<number>(layout.components).fill(0);
  const rest = Array.from({ length: layout.words }, (_, w) => packed[offset + w]);
  for (let k = layout.components - 1; k >= 0; k--) {
    const w = layout.wordOf[k];
    const isTop = k === 0 || layout.wordOf[k - 1] !== w;
    if (isTop) {
      raw[k] = rest[w] / layout.multiplier[k] + 0; // + 0 turns -0 into 0
      continue;
    }
    const radix = layout.multiplier[k - 1] / layout.multiplier[k];
    const half = (radix - 1) / 2;
    const scaled = rest[w] / layout.multiplier[k];
    // Balanced digit: the residue of the top-aligned value, shifted into [-half, half].
    let digit = scaled % radix;
    if (digit > half) digit -= radix;
    if (digit < -half) digit += radix;
    raw[k] = digit + 0;
    rest[w] -= digit * layout.multiplier[k];
  }
  return raw;
}
