package besa.intel.ingest;

import besa.access.ReadScope;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How to import a file.
 *
 * @param skipInvalid import the good rows and leave out the bad ones (by default one bad row rolls back the file)
 * @param rejects where to write the refused rows with their reasons (only with skipInvalid; may be null)
 * @param progress called about once a second while the import runs (may be null)
 * @param scope what the importer may read, and so touch: {@link ReadScope#system()} for the offline command line
 * @param justification the importer's justification for the audit trail (empty when none)
 */
public record ImportOptions(boolean skipInvalid, Path rejects, Consumer<ImportProgress> progress, ReadScope scope, String justification) {
    public ImportOptions {
        if (scope == null) throw new IllegalArgumentException("an import needs a scope (ReadScope.system() for the application itself)");
        justification = justification == null ? "" : justification;
    }

    /** An import with the application's own rights (offline command line, benchmarks, tests). */
    public ImportOptions(boolean skipInvalid, Path rejects, Consumer<ImportProgress> progress) {
        this(skipInvalid, rejects, progress, ReadScope.system(), "");
    }

    public static ImportOptions defaults() {
        return new ImportOptions(false, null, null);
    }
}
