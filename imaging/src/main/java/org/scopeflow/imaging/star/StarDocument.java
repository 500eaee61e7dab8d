package org.scopeflow.imaging.star;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A STAR file: its data blocks in order. Comments and layout are not kept; everything else (names,
 * order, every value as text) is, so reading what {@link StarWriter} wrote gives an equal document.
 * Append-only; not thread-safe.
 */
public final class StarDocument {
    private final List<StarBlock> blocks = new ArrayList<>();

    public StarDocument() {
    }

    public StarDocument(List<StarBlock> blocks) {
        blocks.forEach(this::addBlock);
    }

    public List<StarBlock> blocks() {
        return Collections.unmodifiableList(blocks);
    }

    public StarDocument addBlock(StarBlock block) {
        blocks.add(Objects.requireNonNull(block, "block"));
        return this;
    }

    /** The first block with this name (without {@code data_}). */
    public Optional<StarBlock> block(String name) {
        return blocks.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** @throws IllegalArgumentException naming the missing block and the ones present */
    public StarBlock requireBlock(String name) {
        return block(name).orElseThrow(() -> new IllegalArgumentException("no data_" + name + " block; blocks are "
                + blocks.stream().map(b -> "data_" + b.name()).toList()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StarDocument o && blocks.equals(o.blocks);
    }

    @Override
    public int hashCode() {
        return blocks.hashCode();
    }

    @Override
    public String toString() {
        return "StarDocument" + blocks;
    }
}
