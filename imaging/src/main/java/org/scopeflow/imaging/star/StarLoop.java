package org.scopeflow.imaging.star;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A STAR {@code loop_} table: ordered column names (stored without the leading underscore, looked up
 * with or without it) and rows of string values. Values are kept exactly as read, so numbers round
 * trip without reformatting. Append-only; not thread-safe.
 */
public final class StarLoop {
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();
    private String label = "loop";

    /**
     * @param columns at least one distinct name, e.g. {@code rlnMicrographName}
     * @throws IllegalArgumentException when empty, duplicated or malformed
     */
    public StarLoop(List<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a STAR loop needs at least one column");
        }
        List<String> names = new ArrayList<>(columns.size());
        for (String column : columns) {
            String name = StarNames.tag(column);
            if (names.contains(name)) {
                throw new IllegalArgumentException("STAR loop column '" + name + "' appears twice");
            }
            names.add(name);
        }
        this.columns = List.copyOf(names);
    }

    public StarLoop(String... columns) {
        this(Arrays.asList(columns));
    }

    /** Column names without leading underscores, in file order. */
    public List<String> columns() {
        return columns;
    }

    public int rowCount() {
        return rows.size();
    }

    /** All rows (unmodifiable views). */
    public List<List<String>> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** Row {@code row} (0-based), unmodifiable. */
    public List<String> row(int row) {
        checkRow(row);
        return rows.get(row);
    }

    /**
     * Appends a row; values are converted with {@link String#valueOf(Object)}.
     *
     * @throws IllegalArgumentException when the count differs from the columns or a value has a line break
     */
    public StarLoop addRow(List<?> values) {
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException(label + ": row " + rows.size() + " has " + values.size()
                    + " values but the loop has " + columns.size() + " columns " + columns);
        }
        List<String> row = new ArrayList<>(values.size());
        for (Object value : values) {
            row.add(StarNames.value(String.valueOf(value)));
        }
        rows.add(Collections.unmodifiableList(row));
        return this;
    }

    public StarLoop addRow(Object... values) {
        return addRow(Arrays.asList(values));
    }

    /** Index of a column (with or without leading underscore), or -1. */
    public int columnIndex(String column) {
        return columns.indexOf(column.startsWith("_") ? column.substring(1) : column);
    }

    public boolean hasColumn(String column) {
        return columnIndex(column) >= 0;
    }

    /** @throws IllegalArgumentException naming the block, column and row when absent */
    public String getString(String column, int row) {
        int index = columnIndex(column);
        if (index < 0) {
            throw new IllegalArgumentException(label + " has no column " + column + "; its columns are " + columns);
        }
        checkRow(row);
        return rows.get(row).get(index);
    }

    /** @throws IllegalArgumentException naming the block, column, row and value when not a number */
    public double getDouble(String column, int row) {
        String value = getString(column, row);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + ", column " + column + ", row " + row + ": value '"
                    + value + "' is not a number");
        }
    }

    /** @throws IllegalArgumentException naming the block, column, row and value when not an integer */
    public int getInt(String column, int row) {
        String value = getString(column, row);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + ", column " + column + ", row " + row + ": value '"
                    + value + "' is not an integer");
        }
    }

    private void checkRow(int row) {
        if (row < 0 || row >= rows.size()) {
            throw new IllegalArgumentException(label + ": row " + row + " does not exist; the loop has "
                    + rows.size() + " rows");
        }
    }

    /** Set by the owning block so errors name it. */
    void label(String newLabel) {
        this.label = newLabel;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StarLoop o && columns.equals(o.columns) && rows.equals(o.rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, rows);
    }

    @Override
    public String toString() {
        return "StarLoop" + columns + " × " + rows.size() + " rows";
    }
}
