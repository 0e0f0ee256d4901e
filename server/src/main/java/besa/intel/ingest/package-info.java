/**
 * Ingestion: CSV files with a declarative mapping, and FollowTheMoney JSON lines in and out.
 * Entry points for the API, pages and CLI are {@link besa.intel.ingest.Ingestion} and {@link besa.intel.ingest.ImportJobs}.
 */
@NamedInterface("ingest")
package besa.intel.ingest;

import org.springframework.modulith.NamedInterface;
