/**
 * The function and SLA-class selects. Choosing one resets the other (the
 * filters do not combine: requests.csv has no class column); each change
 * hands the new filter to `onChange`.
 */
import { classChoices, functionChoices, NO_FILTER, type Filter } from "./filter.js";
import type { LoadedRun } from "./run-data.js";

function option(value: string, text: string): HTMLOptionElement {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = text;
  return o;
}

export function setUpFilters(runs: readonly LoadedRun[], onChange: (f: Filter) => void): void {
  const fn = document.getElementById("function-filter") as HTMLSelectElement;
  const cls = document.getElementById("class-filter") as HTMLSelectElement;
  const functions = functionChoices(runs);
  fn.append(option("", "all functions"));
  for (const f of functions)
    fn.append(
      option(String(f.id), `function ${f.id} (${f.requests.toLocaleString("en")} requests)`),
    );
  if (functions.length === 0) {
    fn.disabled = true;
    fn.title = "No run has requests.csv (sim run --requests writes it).";
  }
  const classes = classChoices(runs);
  cls.append(option("", "all classes"));
  for (const c of classes) cls.append(option(c, c));
  if (classes.length === 0) {
    cls.disabled = true;
    cls.title = "No run's summary has SLA classes.";
  }
  fn.addEventListener("change", () => {
    cls.value = "";
    onChange(fn.value === "" ? NO_FILTER : { kind: "function", functionId: Number(fn.value) });
  });
  cls.addEventListener("change", () => {
    fn.value = "";
    onChange(cls.value === "" ? NO_FILTER : { kind: "class", slaClass: cls.value });
  });
}
