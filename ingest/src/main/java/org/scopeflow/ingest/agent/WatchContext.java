package org.scopeflow.ingest.agent;

import java.time.Clock;
import org.scopeflow.ingest.CatalogSink;
import org.scopeflow.ingest.config.WatchSettings;
import org.scopeflow.ingest.journal.Journal;
import org.scopeflow.ingest.metadata.MetadataReader;

/**
 * What a watch needs from the agent: its settings and the shared journal, catalog, clock, metadata
 * readers and retry policy.
 */
record WatchContext(WatchSettings settings, Journal journal, CatalogSink catalog, Clock clock,
                    MetadataReader metadata, RetryPolicy retry) {}
