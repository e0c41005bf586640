/** Text and JSON made safe to put inside an HTML page. */

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** JSON for a <script> element: no "<" at all, so no "</script>" or "<!--" can end or bend it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * A library's code for a <script> element. "</script" can appear in a
 * minified build only inside a string or a regular expression, where
 * "<\/script" means the same (with or without the u flag).
 */
export function scriptText(code: string): string {
  return code.replace(/<\/(script)/gi, "<\\/$1");
}
