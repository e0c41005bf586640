// y = a*x + y over large vectors: the classic data-parallel kernel.
export function saxpy(a: number, x: Float32Array, y: Float32Array): Float32Array {
  const out = new Float32Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = a * x[i]! + y[i]!;
  return out;
}

export function handle(event: { a: number; x: number[]; y: number[] }): number[] {
  return Array.from(saxpy(event.a, Float32Array.from(event.x), Float32Array.from(event.y)));
}
