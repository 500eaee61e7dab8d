package org.scopeflow.server.web;

/**
 * Storage a project uses on one storage root.
 *
 * @param storageRoot root name
 * @param files       file rows landed there
 * @param sizeBytes   their total size in bytes
 */
public record ProjectStorage(String storageRoot, long files, long sizeBytes) {}
