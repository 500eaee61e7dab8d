package org.scopeflow.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.scopeflow.catalog.CatalogSchema.TableInfo;

/** Orders tables so that every table comes after the tables it references (Kahn's algorithm, by name on ties). */
final class TableOrder {
    private TableOrder() {}

    static List<TableInfo> parentsFirst(Map<String, TableInfo> byName) {
        List<TableInfo> ordered = new ArrayList<>();
        Set<String> placed = new TreeSet<>();
        while (placed.size() < byName.size()) {
            boolean progressed = false;
            for (TableInfo table : byName.values()) {
                if (!placed.contains(table.name()) && placedOrForeign(table.parents(), placed, byName)) {
                    ordered.add(table);
                    placed.add(table.name());
                    progressed = true;
                }
            }
            if (!progressed) {
                Set<String> rest = new TreeSet<>(byName.keySet());
                rest.removeAll(placed);
                throw new IllegalStateException("tables " + rest + " reference each other in a cycle; "
                        + "the catalog cannot order them for export or import");
            }
        }
        return ordered;
    }

    private static boolean placedOrForeign(Set<String> parents, Set<String> placed, Map<String, TableInfo> byName) {
        for (String parent : parents) {
            if (byName.containsKey(parent) && !placed.contains(parent)) {
                return false;
            }
        }
        return true;
    }
}
