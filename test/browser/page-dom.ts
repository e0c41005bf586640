/**
 * The little of the DOM the browser tests read inside page.evaluate, typed
 * here so the project's TypeScript needs no DOM library (sim/ must not see
 * browser globals). Use as `(globalThis as unknown as PageGlobals).document`.
 */
export interface PageElement {
  readonly childElementCount: number;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}

export interface PageGlobals {
  readonly document: PageElement & {
    readonly documentElement: { readonly dataset: Record<string, string | undefined> };
  };
}
