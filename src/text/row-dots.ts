// Dot products of one row of a table of small integers (Int8) with many others, in WebAssembly SIMD: the word
// vectors' cosines (word-vectors.ts) were the largest single cost of the stance features, 13.6 million 100-d dot
// products at 300 generated questions (issue 13), and JavaScript has no vector instructions. The products are integers
// summed in 32 bits, which cannot overflow (at most 128 · 128 · 2 per lane pair and step, a few hundred steps), so the
// result is the exact dot product, the same whatever the order of the sums: callers get the numbers a plain loop gives.
//
// Exported API
//   type RowDots = { stride, table, dots(a, rows) }
//   rowDots(data: Int8Array, dims: number, count: number): RowDots
//       the `count` rows of `dims` values in `data`, copied into the kernel's memory; `table` is that copy (row r at
//       r * stride, its values then zeros up to stride); dots(a, rows) gives, for each of `rows`, its dot product
//       with row a (0 for a row below 0), in a buffer it reuses, or null when there are more than MAX_ROWS rows
//
// The module is written out below as its bytes (WebAssembly binary format, https://webassembly.github.io/spec/core/
// binary/), from the function in WebAssembly text format in the comment: the one loop it holds did not warrant a
// compiler among the dependencies. Fixed-width SIMD is on by default since V8 9.1: every Node the project supports has it.

export type RowDots = {
  /** bytes from one row to the next: dims rounded up to a multiple of 8 */
  stride: number;
  table: Int8Array;
  dots(a: number, rows: Int32Array): Int32Array | null;
};

/** The most rows one call takes: far more content words than any sentence or abstract has. */
export const MAX_ROWS = 4096;

// (func (export "dots") (param $a i32) (param $rows i32) (param $n i32) (param $out i32)
//   (local $j i32) (local $aAt i32) (local $bAt i32) (local $k i32) (local $b i32) (local $acc v128)
//   (local.set $aAt (i32.mul (local.get $a) (i32.const STRIDE)))
//   (block $done (loop $each
//     (br_if $done (i32.ge_s (local.get $j) (local.get $n)))
//     (local.set $b (i32.load (i32.add (local.get $rows) (i32.shl (local.get $j) (i32.const 2)))))
//     (local.set $acc (i32x4.splat (i32.const 0)))
//     (if (i32.ge_s (local.get $b) (i32.const 0)) (then
//       (local.set $bAt (i32.mul (local.get $b) (i32.const STRIDE)))
//       (local.set $k (i32.const 0))
//       (loop $step
//         ;; eight values of each row, widened to 16 bits; dot_i16x8_s multiplies them and adds neighbouring products
//         (local.set $acc (i32x4.add (local.get $acc) (i32x4.dot_i16x8_s
//           (v128.load8x8_s (i32.add (local.get $aAt) (local.get $k)))
//           (v128.load8x8_s (i32.add (local.get $bAt) (local.get $k))))))
//         (br_if $step (i32.lt_s (local.tee $k (i32.add (local.get $k) (i32.const 8))) (i32.const STRIDE))))))
//     (i32.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2)))
//       (i32.add (i32.add (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
//         (i32x4.extract_lane 2 (local.get $acc))) (i32x4.extract_lane 3 (local.get $acc))))
//     (local.set $j (i32.add (local.get $j) (i32.const 1)))
//     (br $each))))
// with its memory imported as m.mem.
function moduleBytes(stride: number): Uint8Array<ArrayBuffer> {
  const uleb = (n: number): number[] => {
    const out: number[] = [];
    do {
      let byte = n & 0x7f;
      n >>>= 7;
      if (n !== 0) byte |= 0x80;
      out.push(byte);
    } while (n !== 0);
    return out;
  };
  const sleb = (n: number): number[] => {
    const out: number[] = [];
    for (;;) {
      const byte = n & 0x7f;
      n >>= 7;
      if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
      out.push(byte | 0x80);
    }
  };
  const name = (s: string) => [...uleb(s.length), ...new TextEncoder().encode(s)];
  const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
  const [I32, V128, VOID] = [0x7f, 0x7b, 0x40];
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const tee = (i: number) => [0x22, i];
  const i32 = (n: number) => [0x41, ...sleb(n)];
  const simd = (op: number) => [0xfd, ...uleb(op)];
  const [ADD, MUL, SHL, GE_S, LT_S] = [0x6a, 0x6c, 0x74, 0x4e, 0x48];
  const [BLOCK, LOOP, IF, END, BR, BR_IF] = [0x02, 0x03, 0x04, 0x0b, 0x0c, 0x0d];
  const LOAD = [0x28, 2, 0];
  const STORE = [0x36, 2, 0];
  const LOAD8X8_S = [...simd(0x01), 0, 0];
  const [I32X4_SPLAT, I32X4_EXTRACT_LANE, I32X4_ADD, I32X4_DOT_I16X8_S] = [simd(0x11), simd(0x1b), simd(0xae), simd(0xba)];
  const [a, rows, n, out, j, aAt, bAt, k, b, acc] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const lane = (l: number) => [...get(acc), ...I32X4_EXTRACT_LANE, l];
  const body = [
    ...[...get(a), ...i32(stride), MUL, ...set(aAt)],
    ...[BLOCK, VOID, LOOP, VOID],
    ...[...get(j), ...get(n), GE_S, BR_IF, 1],
    ...[...get(rows), ...get(j), ...i32(2), SHL, ADD, ...LOAD, ...set(b)],
    ...[...i32(0), ...I32X4_SPLAT, ...set(acc)],
    ...[...get(b), ...i32(0), GE_S, IF, VOID],
    ...[...get(b), ...i32(stride), MUL, ...set(bAt)],
    ...[...i32(0), ...set(k)],
    ...[LOOP, VOID],
    ...[...get(acc), ...get(aAt), ...get(k), ADD, ...LOAD8X8_S, ...get(bAt), ...get(k), ADD, ...LOAD8X8_S],
    ...[...I32X4_DOT_I16X8_S, ...I32X4_ADD, ...set(acc)],
    ...[...get(k), ...i32(8), ADD, ...tee(k), ...i32(stride), LT_S, BR_IF, 0],
    ...[END, END],
    ...[...get(out), ...get(j), ...i32(2), SHL, ADD],
    ...[...lane(0), ...lane(1), ADD, ...lane(2), ADD, ...lane(3), ADD, ...STORE],
    ...[...get(j), ...i32(1), ADD, ...set(j), BR, 0],
    ...[END, END, END],
  ];
  const code = [2, 5, I32, 1, V128, ...body];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 4, I32, I32, I32, I32, 0]),
    ...section(2, [1, ...name('m'), ...name('mem'), 0x02, 0x00, 1]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('dots'), 0x00, 0]),
    ...section(10, [1, ...uleb(code.length), ...code]),
  ]);
}

export function rowDots(data: Int8Array, dims: number, count: number): RowDots {
  const stride = Math.ceil(dims / 8) * 8;
  const tableBytes = count * stride;
  // The table, then the rows asked about, then their dot products (16-byte aligned).
  const rowsAt = Math.ceil(tableBytes / 16) * 16;
  const outAt = rowsAt + MAX_ROWS * 4;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((outAt + MAX_ROWS * 4) / 65_536) });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes(stride)), { m: { mem: memory } });
  const kernel = instance.exports['dots'] as (a: number, rows: number, n: number, out: number) => void;
  const table = new Int8Array(memory.buffer, 0, tableBytes);
  for (let r = 0; r < count; r++) table.set(data.subarray(r * dims, (r + 1) * dims), r * stride);
  const asked = new Int32Array(memory.buffer, rowsAt, MAX_ROWS);
  const got = new Int32Array(memory.buffer, outAt, MAX_ROWS);
  return {
    stride,
    table,
    dots(a, rows) {
      if (rows.length > MAX_ROWS) return null;
      asked.set(rows);
      kernel(a, rowsAt, rows.length, outAt);
      return got;
    },
  };
}
