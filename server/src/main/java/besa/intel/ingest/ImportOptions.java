package besa.intel.ingest;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How to import a file.
 *
 * @param skipInvalid import the good rows and leave out the bad ones (by default one bad row rolls back the file)
 * @param rejects where to write the refused rows with their reasons (only with skipInvalid; may be null)
 * @param progress called about once a second while the import runs (may be null)
 */
public record ImportOptions(boolean skipInvalid, Path rejects, Consumer<ImportProgress> progress) {
    public static ImportOptions defaults() {
        return new ImportOptions(false, null, null);
    }
}
