/** One colour per policy, the same in every chart of a report. */
export function policyColor(policies: readonly string[], title = "policy") {
  return {
    field: "policy",
    type: "nominal",
    title,
    scale: { domain: [...policies], scheme: "tableau10" },
  };
}

export const WIDTH = 560;
