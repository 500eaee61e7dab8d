package org.scopeflow.imaging.star;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code data_<name>} block: ordered key-value pairs and ordered loop tables (RELION 3.1 blocks
 * hold one or the other, STAR allows both). Keys and columns are stored without the leading
 * underscore and looked up with or without it. The typed getters on rows read the block's first
 * loop, which is what RELION blocks have. Append-only; not thread-safe.
 */
public final class StarBlock {
    private final String name;
    private final Map<String, String> pairs = new LinkedHashMap<>();
    private final List<StarLoop> loops = new ArrayList<>();

    /** @param name the part after {@code data_}; may be empty */
    public StarBlock(String name) {
        this.name = StarNames.blockName(name);
    }

    public String name() {
        return name;
    }

    /** Key-value pairs in file order (keys without underscore), unmodifiable. */
    public Map<String, String> pairs() {
        return Collections.unmodifiableMap(pairs);
    }

    /** Loops in file order, unmodifiable. */
    public List<StarLoop> loops() {
        return Collections.unmodifiableList(loops);
    }

    /** @throws IllegalArgumentException when the key is malformed or already present */
    public StarBlock put(String key, Object value) {
        String tag = StarNames.tag(key);
        if (pairs.containsKey(tag)) {
            throw new IllegalArgumentException("block " + name + " already has key " + tag);
        }
        pairs.put(tag, StarNames.value(String.valueOf(value)));
        return this;
    }

    public StarBlock addLoop(StarLoop loop) {
        Objects.requireNonNull(loop, "loop").label("block " + name);
        loops.add(loop);
        return this;
    }

    /** The value of a key-value pair, if present. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(pairs.get(key.startsWith("_") ? key.substring(1) : key));
    }

    /** @throws IllegalArgumentException naming the block and key when absent */
    public String getString(String key) {
        return value(key).orElseThrow(() -> new IllegalArgumentException("block " + name + " has no key " + key
                + "; its keys are " + pairs.keySet()));
    }

    /** @throws IllegalArgumentException naming the block, key and value when absent or not a number */
    public double getDouble(String key) {
        String value = getString(key);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("block " + name + ", key " + key + ": value '" + value
                    + "' is not a number");
        }
    }

    /** The first loop. @throws IllegalArgumentException when the block has none */
    public StarLoop loop() {
        if (loops.isEmpty()) {
            throw new IllegalArgumentException("block " + name + " has no loop_ table");
        }
        return loops.get(0);
    }

    /** Rows of the first loop, or 0 when there is none. */
    public int rowCount() {
        return loops.isEmpty() ? 0 : loops.get(0).rowCount();
    }

    /** A value in the first loop. @throws IllegalArgumentException naming the block, column and row */
    public String getString(String column, int row) {
        return loop().getString(column, row);
    }

    /** @throws IllegalArgumentException naming the block, column, row and value */
    public double getDouble(String column, int row) {
        return loop().getDouble(column, row);
    }

    /** @throws IllegalArgumentException naming the block, column, row and value */
    public int getInt(String column, int row) {
        return loop().getInt(column, row);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StarBlock o && name.equals(o.name) && pairs.equals(o.pairs)
                && List.copyOf(pairs.keySet()).equals(List.copyOf(o.pairs.keySet())) && loops.equals(o.loops);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, pairs, loops);
    }

    @Override
    public String toString() {
        return "StarBlock[data_" + name + ", " + pairs.size() + " pairs, " + loops + "]";
    }
}
