// Splits JSON text into tokens: one pass, constant memory per token.
export function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\n" || c === "\t" || c === "\r") {
      i++;
    } else if ("{}[]:,".includes(c)) {
      tokens.push({ type: c, at: i });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      tokens.push({ type: "string", value: text.slice(i + 1, j), at: i });
      i = j + 1;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      let j = i + 1;
      while (j < text.length && /[0-9eE.+-]/.test(text[j])) j++;
      tokens.push({ type: "number", value: Number(text.slice(i, j)), at: i });
      i = j;
    } else if (text.startsWith("true", i) || text.startsWith("null", i)) {
      tokens.push({ type: "literal", value: text.slice(i, i + 4), at: i });
      i += 4;
    } else if (text.startsWith("false", i)) {
      tokens.push({ type: "literal", value: "false", at: i });
      i += 5;
    } else {
      throw new Error(`unexpected ${c} at ${i}`);
    }
  }
  return tokens;
}

export function handle(event) {
  return { count: tokenize(event.body).length };
}
