// Reading EXPLAIN (FORMAT JSON) output in tests: every node of the plan, to assert which
// relations are scanned and how.
export type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };

/** Every node of an EXPLAIN (FORMAT JSON) plan. */
export function nodesOf(explained: unknown): PlanNode[] {
  const root = (explained as { Plan: PlanNode }[] | undefined)?.[0]?.Plan;
  const all: PlanNode[] = [];
  const walk = (node: PlanNode) => {
    all.push(node);
    for (const child of node.Plans ?? []) walk(child);
  };
  if (root) walk(root);
  return all;
}
