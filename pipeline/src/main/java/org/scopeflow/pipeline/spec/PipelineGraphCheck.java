package org.scopeflow.pipeline.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cross-step checks: unique ids, {@code needs} and {@code X.output} name known steps, no cycle,
 * conditions name upstream steps, and triggers fit together (an {@code each} step cannot wait
 * for a {@code batch} or {@code final} step). Steps that failed to parse are null and skipped.
 */
final class PipelineGraphCheck {
    private final Problems problems;

    PipelineGraphCheck(Problems problems) {
        this.problems = problems;
    }

    void check(List<StepSpec> steps) {
        Map<String, Integer> index = new HashMap<>();
        List<String> known = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepSpec s = steps.get(i);
            if (s == null || s.id().isEmpty()) {
                continue;
            }
            Integer before = index.putIfAbsent(s.id(), i);
            if (before != null) {
                problems.add("steps[" + i + "].id", "duplicate id '" + s.id() + "' (also steps[" + before + "])");
            } else {
                known.add(s.id());
            }
        }
        Map<String, Set<String>> edges = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            StepSpec s = steps.get(i);
            if (s != null && !s.id().isEmpty()) {
                Set<String> refs = references(i, s, index, known);
                if (index.get(s.id()) == i) {
                    edges.put(s.id(), refs);
                }
            }
        }
        boolean acyclic = checkCycles(edges, index);
        for (int i = 0; i < steps.size(); i++) {
            StepSpec s = steps.get(i);
            if (s != null && index.get(s.id()) == i) {
                checkStep(i, s, steps, index, edges, acyclic);
            }
        }
    }

    private Set<String> references(int i, StepSpec s, Map<String, Integer> index, List<String> known) {
        Set<String> refs = new LinkedHashSet<>();
        String p = "steps[" + i + "]";
        for (String need : s.needs()) {
            if (need.equals(s.id())) {
                problems.add(p + ".needs", "step '" + s.id() + "' cannot need itself");
            } else if (!index.containsKey(need)) {
                problems.add(p + ".needs", "unknown step '" + need + "'; known: " + String.join(", ", known));
            } else {
                refs.add(need);
            }
        }
        for (String up : s.upstreamOutputs()) {
            if (!index.containsKey(up) || up.equals(s.id())) {
                problems.add(p + ".inputs", "'" + up + ".output' names " + (up.equals(s.id()) ? "the step itself" : "an unknown step")
                        + "; known: " + String.join(", ", known));
            } else {
                refs.add(up);
            }
        }
        return refs;
    }

    private boolean checkCycles(Map<String, Set<String>> edges, Map<String, Integer> index) {
        Set<String> done = new HashSet<>();
        for (String start : edges.keySet().stream().sorted((a, b) -> index.get(a) - index.get(b)).toList()) {
            List<String> cycle = findCycle(start, edges, new ArrayList<>(), done);
            if (cycle != null) {
                problems.add("steps[" + index.get(cycle.get(0)) + "].needs", "cycle: " + String.join(" -> ", cycle));
                return false;
            }
        }
        return true;
    }

    private List<String> findCycle(String node, Map<String, Set<String>> edges, List<String> path, Set<String> done) {
        int at = path.indexOf(node);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(node);
            return cycle;
        }
        if (done.contains(node)) {
            return null;
        }
        path.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            List<String> cycle = findCycle(next, edges, path, done);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
        return null;
    }

    private void checkStep(int i, StepSpec s, List<StepSpec> steps, Map<String, Integer> index,
            Map<String, Set<String>> edges, boolean acyclic) {
        String p = "steps[" + i + "]";
        Set<String> direct = edges.getOrDefault(s.id(), Set.of());
        if (s.inputs().isEmpty() && direct.isEmpty() && s.trigger().kind() != Trigger.Kind.FINAL
                && !problems.hasAt(p + ".inputs") && !problems.hasAt(p + ".needs")) {
            problems.add(p + ".inputs", "step '" + s.id() + "' has no inputs and needs no step; give a file pattern or STEP.output");
        }
        for (String up : direct) {
            Trigger.Kind upKind = steps.get(index.get(up)).trigger().kind();
            if (s.trigger().kind() != Trigger.Kind.FINAL && upKind != Trigger.Kind.EACH) {
                problems.add(p + ".trigger", "step '" + s.id() + "' (" + label(s.trigger()) + ") cannot depend on "
                        + label(steps.get(index.get(up)).trigger()) + " step '" + up + "'; make it trigger: final");
            }
        }
        if (s.condition() == null || !acyclic) {
            return;
        }
        Set<String> upstream = upstream(s.id(), edges);
        for (Condition.Clause c : s.condition().clauses()) {
            if (!upstream.contains(c.step())) {
                problems.add(p + ".condition", "step '" + c.step() + "' is not upstream of '" + s.id()
                        + "'; add it to needs" + (index.containsKey(c.step()) ? "" : " (known: " + String.join(", ", index.keySet().stream().sorted((a, b) -> index.get(a) - index.get(b)).toList()) + ")"));
            }
        }
    }

    private static String label(Trigger t) {
        return t.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Set<String> upstream(String id, Map<String, Set<String>> edges) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(edges.getOrDefault(id, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (seen.add(next)) {
                todo.addAll(edges.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }
}
