// Dot product and vector norm: one linear pass.
export function dot(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export const norm = (a) => Math.sqrt(dot(a, a));
