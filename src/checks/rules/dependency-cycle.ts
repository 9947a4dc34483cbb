import { FIELD, type Task } from "../../domain/task.js";
import { type Finding, taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

type Graph = ReadonlyMap<string, readonly string[]>;

/** Strongly connected components (Tarjan), iterative so a long chain cannot overflow the stack. */
export function stronglyConnected(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: number };
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next++] as string;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(to) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

/** The shortest way from `start` back to itself inside one component, as `a → b → a`. */
function cycleThrough(start: string, members: ReadonlySet<string>, graph: Graph): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as string;
    for (const to of graph.get(node) ?? []) {
      if (!members.has(to)) continue;
      if (to === start) {
        const back: string[] = [];
        for (let at = node; at !== start; at = previous.get(at) as string) back.push(at);
        return [start, ...back.reverse(), start];
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

const NO_EDGES: readonly string[] = [];

/** Each id's dependencies (of every file with that id) that are ids of tasks, once each, sorted. */
function dependencyGraph(tasks: readonly Task[]): Map<string, readonly string[]> {
  const graph = new Map<string, readonly string[]>();
  for (const task of tasks) {
    const known = graph.get(task.id);
    if (task.dependsOn.length === 0) {
      if (known === undefined) graph.set(task.id, NO_EDGES);
    } else graph.set(task.id, known === undefined ? task.dependsOn : [...known, ...task.dependsOn]);
  }
  for (const [id, deps] of graph) if (deps.length > 0) graph.set(id, [...new Set(deps)].filter((d) => graph.has(d)).sort());
  return graph;
}

/** Tasks that wait on each other can never start: each task in a cycle is told the whole loop. */
export const dependencyCycleRule: Rule = {
  name: "dependency-cycle",
  defaultSeverity: "error",
  usesHistory: false,
  description: "dependencies form a cycle",
  check(ctx, settings) {
    const graph = dependencyGraph(ctx.tasks);
    // A task that depends on nothing is in no cycle: the search starts only from tasks with edges
    // (a dependency without any of its own is still followed, as a node without edges).
    const withEdges = new Map<string, readonly string[]>();
    for (const [id, deps] of graph) if (deps.length > 0) withEdges.set(id, deps);
    const cycles: { members: Set<string>; selfLoop: boolean; tasks: Task[] }[] = [];
    const cycleOf = new Map<string, number>();
    for (const component of stronglyConnected(withEdges)) {
      const selfLoop = component.length === 1 && (graph.get(component[0] as string) ?? []).includes(component[0] as string);
      if (component.length < 2 && !selfLoop) continue;
      for (const id of component) cycleOf.set(id, cycles.length);
      cycles.push({ members: new Set(component), selfLoop, tasks: [] });
    }
    if (cycles.length === 0) return [];
    // Each cycle's tasks in the order of ctx.tasks (two files can share an id).
    for (const task of ctx.tasks) {
      const at = cycleOf.get(task.id);
      if (at !== undefined) cycles[at]?.tasks.push(task);
    }
    const findings: Finding[] = [];
    for (const { members, selfLoop, tasks } of cycles) {
      for (const task of tasks) {
        const loop = cycleThrough(task.id, members, graph).join(" → ");
        const message = selfLoop ? `depends on itself` : `dependencies form a cycle: ${loop}`;
        findings.push(taskFinding("dependency-cycle", settings.severity, task, FIELD.dependsOn, message, "remove one depends-on entry to break the loop"));
      }
    }
    return findings;
  },
};
