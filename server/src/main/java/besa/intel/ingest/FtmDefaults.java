package besa.intel.ingest;

import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.store.Source;

/** Provenance for FtM lines that carry none of Besa's own (plain FtM from a partner). */
public record FtmDefaults(Source source, Grading grading, Handling handling) {
    Provenance provenance(String recordKey) {
        return new Provenance(source.id(), recordKey, source.originator(), source.legalBasis(), null, null, grading, handling, null);
    }
}
