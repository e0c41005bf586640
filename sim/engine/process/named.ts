const counters = new Map<Function, number>();

/**
 * Base of everything a model names: an id counted per class and a default
 * name "<Class> <id>", as SimJS gives them.
 */
export class Named {
  readonly id: number;
  name: string;

  constructor(name?: string | null) {
    const klass = this.constructor;
    const id = (counters.get(klass) ?? 0) + 1;
    counters.set(klass, id);
    this.id = id;
    this.name = name || `${klass.name} ${id}`;
  }
}
